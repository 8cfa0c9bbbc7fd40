/// An HTML table: a header row and body rows of text cells, numbers right-aligned, optionally split into groups by
/// heading rows.
///
/// Rendered inside a wrapper that scrolls sideways, so a wide table never widens the page; the first column (the
/// key: a code, a capital, a setting) stays in view while the rest scrolls (the page's CSS makes it sticky).
public struct HTMLTable: Sendable {
  /// Column alignment; numeric columns are right-aligned with tabular figures.
  public enum Alignment: Sendable { case left, number }

  /// A body row: cells, or a heading that starts a group.
  public enum Row: Sendable {
    /// Cells (plain text, escaped when rendered), an optional CSS class for the row, and the columns whose cells are
    /// set as code.
    case cells([String], rowClass: String?, codeColumns: Set<Int>)
    case group(String)
  }

  public var columns: [(title: String, alignment: Alignment)]
  public var rows: [Row] = []

  public init(_ columns: [(String, Alignment)]) { self.columns = columns.map { (title: $0.0, alignment: $0.1) } }

  /// Appends a row of one cell per column; the cells of `codeColumns` are set as code (`<code>`).
  public mutating func append(_ cells: [String], rowClass: String? = nil, codeColumns: Set<Int> = []) {
    precondition(cells.count == columns.count, "one cell per column")
    rows.append(.cells(cells, rowClass: rowClass, codeColumns: codeColumns))
  }

  /// Appends a heading row spanning every column; the rows after it, up to the next heading, are its group.
  public mutating func appendGroup(_ title: String) { rows.append(.group(title)) }

  /// The table as HTML, inside a horizontally scrolling wrapper.
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
      switch row {
      case .group(let title):
        out += "<tr class=\"group\"><th colspan=\"\(columns.count)\"><span>\(HTML.escape(title))</span></th></tr>\n"
      case .cells(let cells, let rowClass, let codeColumns):
        out += rowClass.map { "<tr class=\"\(HTML.escape($0))\">" } ?? "<tr>"
        for (k, cell) in cells.enumerated() {
          out += columns[k].alignment == .number ? "<td class=\"num\">" : "<td>"
          out += codeColumns.contains(k) ? "<code>\(HTML.escape(cell))</code>" : HTML.escape(cell)
          out += "</td>"
        }
        out += "</tr>\n"
      }
    }
    return out + "</tbody></table></div>"
  }
}
