#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How text output may be decorated and how wide it may be: colour only on a terminal and never when `NO_COLOR` is
/// set (https://no-color.org); tables fit `width` columns when one is known.
public struct TerminalStyle: Sendable {
  /// Whether ANSI colour and bold may be used.
  public var colour: Bool
  /// Columns a line may take; `nil` for no limit (tables print every cell whole).
  public var width: Int?

  public init(colour: Bool, width: Int? = nil) {
    self.colour = colour
    self.width = width
  }

  /// Colour when standard output is a terminal, `NO_COLOR` is unset or empty, and `TERM` is not `dumb` (a terminal
  /// that cannot show escape sequences); the width of `COLUMNS` when it is exported, else of the terminal standard
  /// output is, else none (a pipe gets whole cells, so `grep` and files see every name in full).
  public static var automatic: TerminalStyle {
    let isTerminal = isatty(STDOUT_FILENO) == 1
    return TerminalStyle(
      colour: allowsColour(
        isTerminal: isTerminal, noColor: getenv("NO_COLOR").map { String(cString: $0) },
        term: getenv("TERM").map { String(cString: $0) }),
      width: width(columns: getenv("COLUMNS").map { String(cString: $0) }, terminal: isTerminal ? terminalWidth() : nil))
  }

  /// The rule behind `automatic`, as a plain function of its inputs (so it can be tested without a terminal).
  public static func allowsColour(isTerminal: Bool, noColor: String?, term: String?) -> Bool {
    isTerminal && (noColor ?? "").isEmpty && term != "dumb"
  }

  /// The width rule behind `automatic`: `COLUMNS` when it is a whole number of at least 20 (narrower is read as no
  /// usable width), else the terminal's width, else none; never below 40, the narrowest a table is laid out for.
  public static func width(columns: String?, terminal: Int?) -> Int? {
    if let columns, let n = Int(columns), n >= 20 { return max(n, 40) }
    if let terminal, terminal > 0 { return max(terminal, 40) }
    return nil
  }

  /// The width of the terminal on standard output, `nil` when it cannot be read.
  static func terminalWidth() -> Int? {
    var size = winsize()
    #if os(Linux)
    let request = UInt(TIOCGWINSZ)
    #else
    let request = TIOCGWINSZ
    #endif
    guard ioctl(STDOUT_FILENO, request, &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
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
  ///
  /// When the table is wider than `style.width`, its text (left-aligned) columns narrow, the widest first, down to
  /// `minimumTextWidth` (or their title), and a cell that no longer fits is cut at a space where one is near the end
  /// and marked with `…`. Numbers (right-aligned columns) are never cut: a shortened number is a wrong number; nor is
  /// the first column, the row's key (a code, a reason, a step), which the reader looks the row up by.
  public func rendered(style: TerminalStyle = .plain, indent: Int = 2) -> String {
    var widths = columns.map { $0.title.count }
    for row in rows { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) } }
    if let limit = style.width {
      let floors = columns.map { max($0.title.count, Self.minimumTextWidth) }
      var total = indent + widths.reduce(0, +) + 2 * max(0, widths.count - 1)
      while total > limit {
        let shrinkable = widths.indices.dropFirst().filter {
          columns[$0].alignment == .left && widths[$0] > floors[$0]
        }
        guard let widest = shrinkable.max(by: { widths[$0] < widths[$1] }) else { break }
        widths[widest] -= 1
        total -= 1
      }
    }
    let margin = String(repeating: " ", count: indent)
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (k, cell) in cells.enumerated() {
        let cell = Self.truncated(cell, to: widths[k])
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

  /// The narrowest a text column is made to fit a width (8: enough to tell most names apart).
  public static let minimumTextWidth = 8

  /// `text` in at most `width` characters: whole when it fits, else cut and ended with `…` — at the last space of the
  /// kept part when that space lies in its last third (so a word is not split), else at the width.
  public static func truncated(_ text: String, to width: Int) -> String {
    guard text.count > width else { return text }
    guard width > 1 else { return String(text.prefix(width)) }
    var kept = String(text.prefix(width - 1))
    if let space = kept.lastIndex(of: " "), kept.distance(from: kept.startIndex, to: space) >= (width - 1) * 2 / 3 {
      kept = String(kept[..<space])
    }
    while kept.hasSuffix(" ") { kept.removeLast() }
    return kept + "…"
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
