/// A small CSV table read whole into memory: the header, then rows of string fields with their line numbers.
///
/// For the configuration files (`instruments.csv`, `fx.csv`, `products.csv`): a few hundred rows, with text fields
/// that may be quoted (RFC 4180: `"Corn, No. 2"`, doubled quotes inside). Price files, which are large and purely
/// numeric, go through `PriceFileReader` instead. Blank lines are skipped; a UTF-8 byte-order mark is ignored;
/// `\r\n` and `\n` both end a line.
public struct CSVTable: Sendable {
  /// The file name used in error messages.
  public let file: String
  /// Header fields, trimmed of surrounding spaces.
  public let header: [String]
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
    self.file = file
    var records: [(line: Int, fields: [String])] = []
    var fields: [String] = []
    var field = ""
    var inQuotes = false
    var wasQuoted = false
    var line = 1
    var recordLine = 1
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var i = 0

    func endField() {
      fields.append(wasQuoted ? field : field.trimmingSpaces())
      field = ""
      wasQuoted = false
    }
    func endRecord() {
      endField()
      if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
      fields = []
    }

    while i < scalars.count {
      let c = scalars[i]
      if inQuotes {
        if c == "\"" {
          if i + 1 < scalars.count, scalars[i + 1] == "\"" {
            field.unicodeScalars.append("\"")
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          if c == "\n" { line += 1 }
          field.unicodeScalars.append(c)
        }
      } else {
        switch c {
        case ",": endField()
        case "\r": break
        case "\n":
          endRecord()
          line += 1
          recordLine = line
        case "\"":
          if field.allSatisfy({ $0 == " " }) {
            field = ""
            inQuotes = true
            wasQuoted = true
          } else {
            throw InputError(
              file: file, line: line, column: fields.count + 1,
              message: "a quote inside an unquoted field",
              suggestion: "Quote the whole field (\"like, this\") and double any quote inside it.")
          }
        default: field.unicodeScalars.append(c)
        }
      }
      i += 1
    }
    if inQuotes {
      throw InputError(
        file: file, line: recordLine, column: fields.count + 1, message: "a quoted field is never closed",
        suggestion: "Add the closing quote.")
    }
    if !field.isEmpty || !fields.isEmpty { endRecord() }

    guard let first = records.first else {
      throw InputError(
        file: file, message: "the file is empty", suggestion: "Write a header line with the column names, then the rows.")
    }
    self.header = first.fields
    var seen: [String: Int] = [:]
    for (index, name) in header.enumerated() {
      if name.isEmpty {
        throw InputError(
          file: file, line: first.line, column: index + 1, message: "header column \(index + 1) has no name",
          suggestion: "Name every column in the header line.")
      }
      if let earlier = seen[name] {
        throw InputError(
          file: file, line: first.line, column: index + 1,
          message: "column '\(name)' appears twice in the header (also column \(earlier + 1))",
          suggestion: "Keep one column of each name.")
      }
      seen[name] = index
    }
    var rows: [Row] = []
    rows.reserveCapacity(records.count - 1)
    for record in records.dropFirst() {
      if record.fields.count != header.count {
        throw InputError(
          file: file, line: record.line, column: min(record.fields.count, header.count) + 1,
          message: "the row has \(record.fields.count) fields but the header has \(header.count)",
          suggestion: "Give every row one field per header column (leave a field empty, but keep its comma).")
      }
      rows.append(Row(line: record.line, fields: record.fields))
    }
    self.rows = rows
  }

  /// Reads and parses the file at `path`; `displayName` is used in messages (defaults to the path).
  public init(contentsOf path: String, displayName: String? = nil) throws(InputError) {
    let name = displayName ?? path
    let bytes = try FileBytes.read(path, displayName: name)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw InputError(file: name, message: "the file is not valid UTF-8 text", suggestion: "Save it as UTF-8 CSV.")
    }
    try self.init(text: text, file: name)
  }

  /// Index of the column named `name`, if present.
  public func columnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }

  /// Index of the column named `name`, or an error saying it is missing.
  public func requireColumn(_ name: String, purpose: String = "") throws(InputError) -> Int {
    if let i = columnIndex(name) { return i }
    throw InputError(
      file: file, line: 1, message: "missing column '\(name)'\(purpose.isEmpty ? "" : " (\(purpose))")",
      suggestion: "Add a '\(name)' column to the header; the header has: \(header.joined(separator: ",")).")
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
        message: "cannot read '\(text)' in column '\(header[column])' as a number",
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
