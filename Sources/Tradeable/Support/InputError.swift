/// A problem with the user's input files, located by file, line and column, with what to do about it.
///
/// Lines and columns count from 1; the header is line 1. `column` is the field number in the CSV row (and the
/// message names the column's header too). The command-line tool prints `description` and exits non-zero.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file, as the user named it (or as found in the data folder).
  public var file: String
  /// 1-based line, or `nil` when the problem is with the file as a whole (missing, empty).
  public var line: Int?
  /// 1-based field number in the row, or `nil` when the problem is with the whole line or file.
  public var column: Int?
  /// What is wrong.
  public var message: String
  /// What the user can do next.
  public var suggestion: String

  public init(file: String, line: Int? = nil, column: Int? = nil, message: String, suggestion: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.suggestion = suggestion
  }

  /// `file:line:column: error: message` then the suggestion on its own line, as compilers print them.
  ///
  /// The file, the message and the suggestion each go through `printable`, so the text is always exactly two lines
  /// of visible characters, whatever the file names hold (a control character in an instrument's code names a price
  /// file with that character in it).
  public var description: String {
    var location = Self.printable(file)
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    return "\(location): error: \(Self.printable(message))\n  \(Self.printable(suggestion))"
  }
}

extension InputError {
  /// At most `limit` characters of `bytes` as printable text for a message: printable ASCII and printable non-ASCII
  /// UTF-8 as they are, a backslash doubled, control characters and bytes that are not valid UTF-8 as `\xNN` escapes,
  /// and `…` when cut. A message never echoes more than a short, safe excerpt of the input (a file with one enormous
  /// line, a NUL byte or a terminal escape sequence in a field stays one harmless line).
  public static func escapedExcerpt(_ bytes: some Collection<UInt8>, limit: Int = 40) -> String {
    var out = ""
    var shown = 0
    var i = bytes.startIndex
    while i != bytes.endIndex {
      if shown == limit {
        out += "…"
        break
      }
      let b = bytes[i]
      shown += 1
      if b >= 0x20 && b < 0x7F {
        if b == UInt8(ascii: "\\") { out += "\\\\" } else { out.unicodeScalars.append(Unicode.Scalar(b)) }
        i = bytes.index(after: i)
        continue
      }
      // A multi-byte UTF-8 sequence is shown as its character when it is valid and printable.
      let length = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
      if length > 0, let end = bytes.index(i, offsetBy: length, limitedBy: bytes.endIndex) {
        var decoded: Unicode.Scalar? = nil
        var decoder = UTF8()
        var iterator = bytes[i..<end].makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator), iterator.next() == nil { decoded = scalar }
        if let decoded, decoded.value >= 0xA0, !decoded.properties.generalCategory.isInvisible {
          out.unicodeScalars.append(decoded)
          i = end
          continue
        }
      }
      out += hexEscape(b)
      i = bytes.index(after: i)
    }
    return out
  }

  /// `text` as it is when every character in it is visible; otherwise each invisible one (a control character, a line
  /// break, a format or private-use character) as `\xNN` escapes of its UTF-8 bytes. Unlike `escapedExcerpt` it never
  /// cuts and leaves a backslash alone, so a file name or folder the user gave reads as typed.
  public static func printable(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: \.isInvisible) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.isInvisible {
        for byte in String(scalar).utf8 { out += hexEscape(byte) }
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `\xNN`, two upper-case hex digits: how a message shows a byte it must not print.
  static func hexEscape(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return "\\x" + (digits.count == 1 ? "0" + digits : digits)
  }

  /// `escapedExcerpt` of a string's UTF-8 bytes.
  public static func escapedExcerpt(_ text: String, limit: Int = 40) -> String {
    escapedExcerpt(Array(text.utf8), limit: limit)
  }
}

extension Unicode.Scalar {
  /// A C0 or C1 control character, DEL, or an invisible character of another kind (see `GeneralCategory.isInvisible`).
  var isInvisible: Bool {
    value < 0x20 || (value >= 0x7F && value < 0xA0) || properties.generalCategory.isInvisible
  }
}

extension Unicode.GeneralCategory {
  /// Control, format, separator (other than the space), surrogate, private-use and unassigned characters: what a
  /// message must not print raw.
  var isInvisible: Bool {
    switch self {
    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: return true
    default: return false
    }
  }
}
