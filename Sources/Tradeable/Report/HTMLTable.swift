/// An HTML table: a header row and body rows of text cells, numbers right-aligned.
public struct HTMLTable: Sendable {
  /// Column alignment; numeric columns are right-aligned with tabular figures.
  public enum Alignment: Sendable { case left, number }

  public var columns: [(title: String, alignment: Alignment)]
  /// Rows of cells (plain text, escaped when rendered), each with an optional CSS class for the row.
  public var rows: [(cells: [String], rowClass: String?)] = []

  public init(_ columns: [(String, Alignment)]) { self.columns = columns.map { (title: $0.0, alignment: $0.1) } }

  public mutating func append(_ cells: [String], rowClass: String? = nil) {
    precondition(cells.count == columns.count, "one cell per column")
    rows.append((cells, rowClass))
  }

  /// The table as HTML, inside a horizontally scrolling wrapper so a wide table never widens the page.
  public func rendered(id: String? = nil, caption: String? = nil) -> String {
    var out = "<div class=\"table-wrap\"><table" + (id.map { " id=\"\(HTML.escape($0))\"" } ?? "") + ">"
    if let caption { out += "<caption>\(HTML.escape(caption))</caption>" }
    out += "<thead><tr>"
    for column in columns {
      out += column.alignment == .number ? "<th class=\"num\">" : "<th>"
      out += HTML.escape(column.title) + "</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for row in rows {
      out += row.rowClass.map { "<tr class=\"\(HTML.escape($0))\">" } ?? "<tr>"
      for (k, cell) in row.cells.enumerated() {
        out += columns[k].alignment == .number ? "<td class=\"num\">" : "<td>"
        out += HTML.escape(cell) + "</td>"
      }
      out += "</tr>\n"
    }
    return out + "</tbody></table></div>"
  }
}
