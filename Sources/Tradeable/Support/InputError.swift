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
  public var description: String {
    var location = file
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    return "\(location): error: \(message)\n  \(suggestion)"
  }
}

extension InputError {
  /// At most `limit` bytes of `bytes` as printable text for a message: ASCII as it is, control characters and other
  /// bytes as `\xNN` escapes, and `…` when cut. A message never echoes more than a short, safe excerpt of the input.
  public static func escapedExcerpt(_ bytes: some Collection<UInt8>, limit: Int = 40) -> String {
    var out = ""
    for (k, b) in bytes.enumerated() {
      if k == limit {
        out += "…"
        break
      }
      if b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\\") {
        out.unicodeScalars.append(Unicode.Scalar(b))
      } else if b == UInt8(ascii: "\\") {
        out += "\\\\"
      } else {
        let hex = String(b, radix: 16, uppercase: true)
        out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return out
  }
}
