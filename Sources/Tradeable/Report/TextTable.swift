#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How text output may be decorated: colour only on a terminal and never when `NO_COLOR` is set
/// (https://no-color.org).
public struct TerminalStyle: Sendable {
  /// Whether ANSI colour and bold may be used.
  public var colour: Bool

  public init(colour: Bool) { self.colour = colour }

  /// Colour when standard output is a terminal, `NO_COLOR` is unset or empty, and `TERM` is not `dumb` (a terminal
  /// that cannot show escape sequences).
  public static var automatic: TerminalStyle {
    TerminalStyle(
      colour: allowsColour(
        isTerminal: isatty(STDOUT_FILENO) == 1, noColor: getenv("NO_COLOR").map { String(cString: $0) },
        term: getenv("TERM").map { String(cString: $0) }))
  }

  /// The rule behind `automatic`, as a plain function of its inputs (so it can be tested without a terminal).
  public static func allowsColour(isTerminal: Bool, noColor: String?, term: String?) -> Bool {
    isTerminal && (noColor ?? "").isEmpty && term != "dumb"
  }

  /// Plain text.
  public static let plain = TerminalStyle(colour: false)

  public func bold(_ s: String) -> String { colour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
  public func dim(_ s: String) -> String { colour ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
  public func green(_ s: String) -> String { colour ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
  public func yellow(_ s: String) -> String { colour ? "\u{1B}[33m\(s)\u{1B}[0m" : s }
}

/// A plain-text table with aligned columns.
public struct TextTable: Sendable {
  /// Column alignment.
  public enum Alignment: Sendable { case left, right }

  /// Column titles and alignments.
  public var columns: [(title: String, alignment: Alignment)]
  /// Cells, one array per row.
  public var rows: [[String]] = []

  public init(_ columns: [(String, Alignment)]) { self.columns = columns.map { (title: $0.0, alignment: $0.1) } }

  /// Adds a row (one cell per column).
  public mutating func append(_ row: [String]) {
    precondition(row.count == columns.count, "one cell per column")
    rows.append(row)
  }

  /// The table as lines of text, two spaces between columns, the header underlined, `indent` spaces on the left.
  public func rendered(style: TerminalStyle = .plain, indent: Int = 2) -> String {
    var widths = columns.map { $0.title.count }
    for row in rows { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) } }
    let margin = String(repeating: " ", count: indent)
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (k, cell) in cells.enumerated() {
        let fill = String(repeating: " ", count: widths[k] - cell.count)
        parts.append(columns[k].alignment == .left ? cell + fill : fill + cell)
      }
      var text = margin + parts.joined(separator: "  ")
      while text.hasSuffix(" ") { text.removeLast() }
      return text
    }
    var out = [style.bold(line(columns.map(\.title)))]
    out.append(margin + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
    for row in rows { out.append(line(row)) }
    return out.joined(separator: "\n")
  }
}

/// CSV writing with RFC 4180 quoting where needed.
public enum CSVWriter {
  /// One CSV line (no newline).
  public static func line(_ fields: [String]) -> String {
    fields.map { field in
      if field.contains(",") || field.contains("\"") || field.contains("\n") {
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
      }
      return field
    }.joined(separator: ",")
  }

  /// A number at full precision (shortest round-trip form), empty when `nil` or not finite.
  public static func number(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "" }
    return JSONValue.format(x)
  }
}
