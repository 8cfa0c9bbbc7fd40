/// A small CSV table read whole into memory: the header, then rows of string fields with their line numbers.
///
/// For the configuration files (`instruments.csv`, `fx.csv`, `products.csv`): a few hundred rows, with text fields
/// that may be quoted (RFC 4180: `"Corn, No. 2"`, doubled quotes inside). Price files, which are large and purely
/// numeric, go through `PriceFileReader` instead. Both split their bytes with `CSVFieldReader` (blank lines skipped,
/// a UTF-8 byte-order mark ignored, `\r\n` and `\n` both ending a line, one field-count check).
public struct CSVTable: Sendable {
  /// The file name used in error messages.
  public let file: String
  /// Header fields, trimmed of surrounding spaces.
  public let header: [String]
  /// Line of the header (1 unless blank lines come first).
  public let headerLine: Int
  /// Data rows in file order.
  public let rows: [Row]

  /// One data row.
  public struct Row: Sendable {
    /// 1-based line number of the row's start in the file.
    public let line: Int
    /// Fields, trimmed of surrounding spaces (inside quotes spaces are kept).
    public let fields: [String]
  }

  /// Parses `text`, the contents of `file`.
  public init(text: String, file: String) throws(InputError) {
    try self.init(bytes: Array(text.utf8), file: file)
  }

  /// Parses `bytes`, the contents of `file`, through the shared field reader (`CSVFieldReader`). Every field must be
  /// valid UTF-8: the first that is not is an error at its line and column.
  public init(bytes: [UInt8], file: String) throws(InputError) {
    self.file = file
    let (header, headerLine, rows) = try withCSVFieldReader(
      bytes, file: file,
      fieldCountSuggestion: "Give every row one field per header column (leave a field empty, but keep its comma)."
    ) { reader throws(InputError) -> ([String], Int, [Row]) in
      guard try reader.next() else {
        throw InputError(
          file: file, message: "the file is empty",
          suggestion: "Write a header line with the column names, then the rows.")
      }
      try reader.requireUTF8()
      let header = reader.texts()
      let headerLine = reader.line
      try CSVFieldReader.checkHeaderNames(
        header, file: file, line: reader.line, emptySuggestion: "Name every column in the header line.",
        duplicateSuggestion: "Keep one column of each name.")
      var rows: [Row] = []
      while try reader.next() {
        try reader.requireFieldCount(header.count)
        try reader.requireUTF8()
        rows.append(Row(line: reader.line, fields: reader.texts()))
      }
      return (header, headerLine, rows)
    }
    self.header = header
    self.headerLine = headerLine
    self.rows = rows
  }

  /// Reads and parses the file at `path`; `displayName` is used in messages (defaults to the path).
  public init(contentsOf path: String, displayName: String? = nil) throws(InputError) {
    let name = displayName ?? path
    try self.init(bytes: FileBytes.read(path, displayName: name), file: name)
  }

  /// Index of the column named `name`, if present.
  public func columnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }

  /// Index of the column named `name`, or an error saying it is missing.
  public func requireColumn(_ name: String, purpose: String = "") throws(InputError) -> Int {
    if let i = columnIndex(name) { return i }
    throw InputError(
      file: file, line: headerLine, message: "missing column '\(name)'\(purpose.isEmpty ? "" : " (\(purpose))")",
      suggestion: "Add a '\(name)' column to the header; the header has: \(headerExcerpt).")
  }

  /// The header as a short, escaped excerpt for messages.
  public var headerExcerpt: String { InputError.escapedExcerpt(header.joined(separator: ","), limit: 120) }

  /// Throws when a column that is not one of `known` has a name close to one of them (`closestName(to:among:)`: a
  /// likely misspelling). Columns Tradeable does not read are kept or ignored, so a misspelt optional column would be
  /// read as absent and its default used for every row — silently changing every result. `accepted` are other names
  /// the format knows and does not read (never reported). `ignoringCase`: the format matches names without regard to
  /// case.
  public func checkColumnNames(_ known: [String], accepted: [String] = [], ignoringCase: Bool = false)
    throws(InputError)
  {
    try CSVFieldReader.checkColumnNames(
      header, known: known, accepted: accepted, ignoringCase: ignoringCase, file: file, line: headerLine)
  }
}

extension CSVTable.Row {
  /// The field at `column`, or `""` when the column is absent (`nil`).
  public subscript(column: Int?) -> String {
    guard let column else { return "" }
    return fields[column]
  }
}

extension CSVTable {
  /// The number in `row` at `column`: `nil` if the column is absent or the field empty; an error if the field is not
  /// a finite decimal number.
  public func number(_ row: Row, _ column: Int?) throws(InputError) -> Double? {
    guard let column else { return nil }
    let text = row.fields[column]
    if text.isEmpty { return nil }
    guard let value = NumberParser.parse(text), value.isFinite else {
      throw InputError(
        file: file, line: row.line, column: column + 1,
        message: "cannot read '\(InputError.escapedExcerpt(text))' in column '\(header[column])' as a number",
        suggestion: "Write a plain decimal number such as 1250 or 0.25 (no thousands separators or units).")
    }
    return value
  }

  /// Like `number(_:_:)` but the value must be present and satisfy `valid`, described by `requirement`.
  public func number(
    _ row: Row, _ column: Int?, default value: Double? = nil, requirement: String, _ valid: (Double) -> Bool
  ) throws(InputError) -> Double {
    guard let v = try number(row, column) ?? value else {
      throw InputError(
        file: file, line: row.line, column: column.map { $0 + 1 },
        message: "column '\(column.map { header[$0] } ?? "?")' is empty",
        suggestion: "Give a value that is \(requirement).")
    }
    guard valid(v) else {
      throw InputError(
        file: file, line: row.line, column: column.map { $0 + 1 },
        message: "\(v) in column '\(column.map { header[$0] } ?? "?")' is not \(requirement)",
        suggestion: "Correct the value; it must be \(requirement).")
    }
    return v
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return String(s)
  }
}
