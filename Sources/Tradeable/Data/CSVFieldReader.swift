/// The one CSV field reader under every file Tradeable reads: `instruments.csv`, `fx.csv`, `products.csv` and the
/// pysystemtrade configuration (through `CSVTable`), price files (`PriceFileReader`), NAV files (`NAVFileReader`) and
/// pysystemtrade price files (`PysystemtradePriceReader`). It splits bytes into records and fields, and makes the
/// checks every format shares, so that they are written once:
///
/// - a UTF-8 byte-order mark at the start is skipped; `\n`, `\r\n` and a lone `\r` (old Mac files) each end a line;
/// - fields are separated by commas and trimmed of spaces and tabs;
/// - a field may be quoted (RFC 4180): `"Corn, No. 2"`, with `""` for a quote inside; a quoted field may hold commas
///   and line breaks (the record's line is the line it starts on). A quote inside an unquoted field, or a quote that is
///   never closed, is an `InputError` at its line and column;
/// - a blank line (nothing but spaces and tabs) is skipped, but counted in the line numbers;
/// - `requireFieldCount` checks that a row has one field per header column, with one message for every format and a
///   suggestion of what to do that the format gives.
///
/// It works on raw bytes with no `String` per field, because it sits on the hot path of every run (the bundled
/// futures hold 740,000 price rows, a generated 100,000-instrument universe 113 million): the readers above it parse
/// numbers and dates straight from `bounds(_:)`, and only ask for `text(_:)` where they need a string.
struct CSVFieldReader: ~Copyable {
  /// The bytes of the file.
  let base: UnsafePointer<UInt8>
  /// Number of bytes.
  let end: Int
  /// The file name used in error messages.
  let file: String
  /// What `requireFieldCount` tells the user to do (each format words it for its own rows).
  let fieldCountSuggestion: String

  /// Byte offset of the next record.
  private(set) var position: Int
  /// Line number of the byte at `position` (1-based).
  private var nextLine = 1
  /// Line on which the current record starts (1-based).
  private(set) var line = 0
  /// Fields of the current record.
  private(set) var count = 0

  /// Per field: start and end of its value (see `bounds`), and how it was written (`plain`, `quoted`, `escaped`).
  private var starts: UnsafeMutablePointer<Int>
  private var ends: UnsafeMutablePointer<Int>
  private var kinds: UnsafeMutablePointer<UInt8>
  private var capacity: Int

  /// An unquoted field: its value is the trimmed bytes.
  private static let plain: UInt8 = 0
  /// A quoted field with nothing to decode: its value is the bytes between the quotes.
  private static let quoted: UInt8 = 1
  /// A quoted field holding `""` or followed by more text than spaces: `starts` is its opening quote, and `text`
  /// decodes it.
  private static let escaped: UInt8 = 2

  /// A reader of the `count` bytes at `base`, the contents of `file`.
  init(_ base: UnsafePointer<UInt8>, count: Int, file: String, fieldCountSuggestion: String) {
    self.base = base
    self.end = count
    self.file = file
    self.fieldCountSuggestion = fieldCountSuggestion
    position = count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
    capacity = 8
    starts = .allocate(capacity: capacity)
    ends = .allocate(capacity: capacity)
    kinds = .allocate(capacity: capacity)
  }

  deinit {
    starts.deallocate()
    ends.deallocate()
    kinds.deallocate()
  }

  /// Start and end offsets of field `k`'s value: trimmed, and inside the quotes of a quoted field. For a field that
  /// needs decoding (`""` inside, or text after the closing quote) the raw bytes from the opening quote, so that a
  /// number or date parsed from them fails and says what was written.
  @inline(__always)
  func bounds(_ k: Int) -> (start: Int, end: Int) { (starts[k], ends[k]) }

  /// Field `k` as a string, decoded (`""` inside quotes is one quote; text after the closing quote is kept, spaces at
  /// its end trimmed).
  func text(_ k: Int) -> String {
    guard kinds[k] == Self.escaped else {
      return String(decoding: UnsafeBufferPointer(start: base + starts[k], count: ends[k] - starts[k]), as: UTF8.self)
    }
    var bytes: [UInt8] = []
    var i = starts[k] + 1
    var inQuotes = true
    while i < ends[k] {
      let b = base[i]
      if inQuotes && b == UInt8(ascii: "\"") {
        if i + 1 < ends[k], base[i + 1] == UInt8(ascii: "\"") {
          bytes.append(b)
          i += 2
          continue
        }
        inQuotes = false
      } else {
        bytes.append(b)
      }
      i += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Every field of the current record as a string.
  func texts() -> [String] { (0..<count).map { text($0) } }

  /// Field `k` as a short, escaped excerpt for a message (`InputError.escapedExcerpt`): never more than a few dozen
  /// characters of the input, control characters and invalid bytes escaped.
  func excerpt(_ k: Int, limit: Int = 40) -> String {
    InputError.escapedExcerpt(UnsafeBufferPointer(start: base + starts[k], count: ends[k] - starts[k]), limit: limit)
  }

  /// The header (the current record) as an escaped excerpt for a message: its fields joined by commas, at most
  /// `limit` characters.
  func headerExcerpt(limit: Int = 80) -> String {
    InputError.escapedExcerpt(Array(texts().joined(separator: ",").utf8), limit: limit)
  }

  /// Throws unless every field of the current record is valid UTF-8: the first field holding an invalid byte is an
  /// error at its line and column, quoting the field escaped.
  func requireUTF8() throws(InputError) {
    for k in 0..<count {
      let field = UnsafeBufferPointer(start: base + starts[k], count: ends[k] - starts[k])
      var ascii = true
      for b in field where b >= 0x80 {
        ascii = false
        break
      }
      if ascii || String(validating: field, as: UTF8.self) != nil { continue }
      throw InputError(
        file: file, line: line, column: k + 1, message: "field \(k + 1) is not valid UTF-8 text: '\(excerpt(k))'",
        suggestion: "Save the file as UTF-8 (a spreadsheet's \"CSV UTF-8\"), or correct the bytes shown as \\xNN.")
    }
  }

  /// Throws unless the current record has `expected` fields (the header's count): the message every format shares,
  /// at the first missing or extra field.
  @inline(__always)
  func requireFieldCount(_ expected: Int) throws(InputError) {
    guard count != expected else { return }
    throw InputError(
      file: file, line: line, column: min(count, expected) + 1,
      message: "the row has \(count) fields but the header has \(expected)", suggestion: fieldCountSuggestion)
  }

  /// Reads the next record that is not blank; `false` at the end of the file.
  mutating func next() throws(InputError) -> Bool {
    while position < end {
      line = nextLine
      count = 0
      var i = position
      while true {
        var s = i
        while s < end, base[s] == UInt8(ascii: " ") || base[s] == UInt8(ascii: "\t") { s += 1 }
        var fieldEnd: Int
        if s < end, base[s] == UInt8(ascii: "\"") {
          // Quoted: to the closing quote (a doubled quote is one quote inside), line breaks included.
          var j = s + 1
          var doubled = false
          while true {
            guard j < end else {
              throw InputError(
                file: file, line: line, column: count + 1, message: "a quoted field is never closed",
                suggestion: "Add the closing quote.")
            }
            let b = base[j]
            if b == UInt8(ascii: "\"") {
              if j + 1 < end, base[j + 1] == UInt8(ascii: "\"") {
                doubled = true
                j += 2
                continue
              }
              break
            }
            if b == UInt8(ascii: "\n") || (b == UInt8(ascii: "\r") && (j + 1 == end || base[j + 1] != UInt8(ascii: "\n"))) {
              nextLine += 1
            }
            j += 1
          }
          fieldEnd = try scanUnquoted(from: j + 1)
          var e = fieldEnd
          while e > j + 1, base[e - 1] == UInt8(ascii: " ") || base[e - 1] == UInt8(ascii: "\t")
            || base[e - 1] == UInt8(ascii: "\r")
          {
            e -= 1
          }
          if doubled || e > j + 1 {
            store(s, e, Self.escaped)
          } else {
            store(s + 1, j, Self.quoted)
          }
        } else {
          fieldEnd = try scanUnquoted(from: s)
          var e = fieldEnd
          while e > s, base[e - 1] == UInt8(ascii: " ") || base[e - 1] == UInt8(ascii: "\t")
            || base[e - 1] == UInt8(ascii: "\r")
          {
            e -= 1
          }
          store(s, e, Self.plain)
        }
        if fieldEnd < end, base[fieldEnd] == UInt8(ascii: ",") {
          i = fieldEnd + 1
          continue
        }
        // End of the line (`\n`, `\r\n` or `\r`), or of the file.
        position = fieldEnd + 1
        if fieldEnd + 1 < end, base[fieldEnd] == UInt8(ascii: "\r"), base[fieldEnd + 1] == UInt8(ascii: "\n") {
          position += 1
        }
        if fieldEnd < end { nextLine += 1 }
        break
      }
      if count == 1 && starts[0] == ends[0] { continue }  // blank line
      return true
    }
    return false
  }

  /// The offset of the comma or line end (`\n` or `\r`) that ends an unquoted stretch starting at `start`; a quote
  /// in it is an error.
  @inline(__always)
  private func scanUnquoted(from start: Int) throws(InputError) -> Int {
    var j = start
    while j < end {
      let b = base[j]
      // Everything a field ends on or rejects is at most ',' (0x2C): one comparison for the digits and letters.
      if b <= UInt8(ascii: ",") {
        if b == UInt8(ascii: ",") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { break }
        if b == UInt8(ascii: "\"") {
          throw InputError(
            file: file, line: nextLine, column: count + 1, message: "a quote inside an unquoted field",
            suggestion: "Quote the whole field (\"like, this\") and double any quote inside it.")
        }
      }
      j += 1
    }
    return j
  }

  @inline(__always)
  private mutating func store(_ start: Int, _ end: Int, _ kind: UInt8) {
    if count == capacity { grow() }
    starts[count] = start
    ends[count] = end
    kinds[count] = kind
    count += 1
  }

  private mutating func grow() {
    let larger = capacity * 2
    let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: larger)
    let newEnds = UnsafeMutablePointer<Int>.allocate(capacity: larger)
    let newKinds = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
    newStarts.update(from: starts, count: capacity)
    newEnds.update(from: ends, count: capacity)
    newKinds.update(from: kinds, count: capacity)
    starts.deallocate()
    ends.deallocate()
    kinds.deallocate()
    starts = newStarts
    ends = newEnds
    kinds = newKinds
    capacity = larger
  }
}

extension CSVFieldReader {
  /// Checks header names: none empty, none twice (the formats that look columns up by name). `what` ends each
  /// suggestion with the format's own advice.
  static func checkHeaderNames(
    _ names: [String], file: String, line: Int, emptySuggestion: String, duplicateSuggestion: String
  ) throws(InputError) {
    var seen: [String: Int] = [:]
    for (index, name) in names.enumerated() {
      if name.isEmpty {
        throw InputError(
          file: file, line: line, column: index + 1, message: "header column \(index + 1) has no name",
          suggestion: emptySuggestion)
      }
      if let earlier = seen[name] {
        throw InputError(
          file: file, line: line, column: index + 1,
          message: "column '\(InputError.escapedExcerpt(name))' appears twice in the header (also column \(earlier + 1))",
          suggestion: duplicateSuggestion)
      }
      seen[name] = index
    }
  }
}

extension CSVFieldReader {
  /// Throws when two header names are the same (ignoring case when the format matches names without regard to it):
  /// which of the two holds the values would be a guess. Empty names are left to the format.
  static func checkDuplicateNames(_ names: [String], ignoringCase: Bool, file: String, line: Int) throws(InputError) {
    var seen: [String: Int] = [:]
    for (index, name) in names.enumerated() where !name.isEmpty {
      let key = ignoringCase ? name.lowercased() : name
      if let earlier = seen[key] {
        throw InputError(
          file: file, line: line, column: index + 1,
          message: "column '\(InputError.escapedExcerpt(name))' appears twice in the header (also column \(earlier + 1))",
          suggestion: "Keep one column of each name: which of the two holds the values would be a guess.")
      }
      seen[key] = index
    }
  }

  /// Throws when a header name that is not one of `known` (nor of `accepted`, names the format knows and does not
  /// read) is close to one of `known` by `closestName(to:among:)`: a likely misspelling, which would otherwise be
  /// kept or ignored as a column of the user's own while the column it was meant to be is read as absent.
  static func checkColumnNames(
    _ names: [String], known: [String], accepted: [String], ignoringCase: Bool, file: String, line: Int
  ) throws(InputError) {
    let fold: (String) -> String = { ignoringCase ? $0.lowercased() : $0 }
    let exact = Set((known + accepted).map(fold))
    for (index, name) in names.enumerated() where !exact.contains(fold(name)) {
      guard let close = closestName(to: name, among: known) else { continue }
      throw InputError(
        file: file, line: line, column: index + 1,
        message: "unknown column '\(InputError.escapedExcerpt(name))': did you mean '\(close)'?",
        suggestion: "Rename it '\(close)': a misspelt column is read as absent, and its default would be used for "
          + "every row. If it is a column of your own, give it a name further from '\(close)'.")
    }
  }
}

/// Runs `body` with a field reader over `bytes` (the buffer stays valid for the call).
func withCSVFieldReader<T>(
  _ bytes: [UInt8], file: String, fieldCountSuggestion: String,
  _ body: (inout CSVFieldReader) throws(InputError) -> T
) throws(InputError) -> T {
  let result: Result<T, InputError> = bytes.withUnsafeBufferPointer { buffer in
    Result { () throws(InputError) -> T in
      try withCSVFieldReader(buffer, file: file, fieldCountSuggestion: fieldCountSuggestion, body)
    }
  }
  return try result.get()
}

/// Runs `body` with a field reader over the bytes of `buffer`.
func withCSVFieldReader<T>(
  _ buffer: UnsafeBufferPointer<UInt8>, file: String, fieldCountSuggestion: String,
  _ body: (inout CSVFieldReader) throws(InputError) -> T
) throws(InputError) -> T {
  // An empty buffer may have no base address; any valid pointer does for zero bytes.
  var reader = CSVFieldReader(
    buffer.baseAddress ?? CSVFieldReader.emptyBytes, count: buffer.count, file: file,
    fieldCountSuggestion: fieldCountSuggestion)
  return try body(&reader)
}

extension CSVFieldReader {
  /// A valid address for a reader of no bytes.
  nonisolated(unsafe) static let emptyBytes = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))
}
