/// The few YAML scalars Tradeable writes (the pysystemtrade configuration fragment), written by hand: keys, strings
/// and numbers that every YAML 1.1 and 1.2 reader (PyYAML's `safe_load`, which pysystemtrade uses) reads back as
/// written.
enum YAMLText {
  /// Words a YAML reader would take for a boolean or null rather than a string (YAML 1.1's `y|yes|n|no|true|false|
  /// on|off` and `null`, `~`), compared without regard to case.
  static let reservedWords: Set<String> = ["y", "yes", "n", "no", "true", "false", "on", "off", "null", "~"]

  /// `text` as a mapping key or list item: plain when it is a letter or `_` followed by letters, digits, `_`, `-` and
  /// `.` (every pysystemtrade instrument code: `SP500_micro`, `EU-BANKS`, `BRENT-LAST`) and no reserved word; else a
  /// double-quoted string.
  static func key(_ text: String) -> String {
    guard let first = text.unicodeScalars.first, isLetter(first) || first == "_",
      text.unicodeScalars.allSatisfy({ isLetter($0) || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }),
      !reservedWords.contains(text.lowercased())
    else { return quoted(text) }
    return text
  }

  /// `text` double-quoted, with `"` and `\` escaped and control characters as `\xNN`.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// `text` for a comment: on one line, control characters written as `\xNN` (a path or a command with a line break
  /// in it must not end the comment and start YAML).
  static func comment(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A finite `x` as a plain decimal with a point (`0.125`, `1.0`, `0.000012345`), never an exponent: PyYAML reads
  /// `1e-05` as a *string* (its float pattern needs a point and a signed exponent). The digits are the shortest that
  /// read back as exactly `x` (Swift's `description`), so nothing is rounded. `shift` moves the point right
  /// (`shift: 2` writes a fraction as a percentage without a multiplication's rounding: 0.07 → `7.0`).
  static func number(_ x: Double, shift: Int = 0) -> String {
    precondition(x.isFinite, "YAML numbers are finite")
    var text = Substring(x.magnitude.description)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...].drop { $0 == "+" })!
      text = text[..<e]
    }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    var digits = Array(parts[0] + (parts.count > 1 ? parts[1] : ""))
    var point = parts[0].count + exponent + shift  // digits before the point
    while digits.count > 1, digits.first == "0" {
      digits.removeFirst()
      point -= 1
    }
    while digits.count > 1, digits.last == "0" { digits.removeLast() }
    if digits == ["0"] { point = 1 }
    let body: String
    if point <= 0 {
      body = "0." + String(repeating: "0", count: -point) + String(digits)
    } else if point >= digits.count {
      body = String(digits) + String(repeating: "0", count: point - digits.count) + ".0"
    } else {
      body = String(digits[..<point]) + "." + String(digits[point...])
    }
    return (x.sign == .minus && x != 0 ? "-" : "") + body
  }

  /// A whole `x` without a point (`1000000`), else `number(x)`.
  static func amount(_ x: Double) -> String {
    if x == x.rounded(), x.magnitude < 1e15 { return String(Int64(x)) }
    return number(x)
  }

  private static func isLetter(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) }
}
