/// A JSON document built in code and written with its keys in the order they were given (DESIGN.md §7 fixes the
/// order of keys and of instruments). Numbers are written in Swift's shortest round-trip form, so a reader gets back
/// the exact `Double`; a non-finite number is written as `null` (JSON has no NaN or infinity).
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case integer(Int)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case let (.bool(x), .bool(y)): return x == y
    case let (.number(x), .number(y)): return x == y
    case let (.integer(x), .integer(y)): return x == y
    case let (.string(x), .string(y)): return x == y
    case let (.array(x), .array(y)): return x == y
    case let (.object(x), .object(y)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
    default: return false
    }
  }

  /// This object with `key: value` added at the end (`self` unchanged when it is not an object).
  public func adding(_ key: String, _ value: JSONValue) -> JSONValue {
    guard case .object(let members) = self else { return self }
    return .object(members + [(key, value)])
  }

  /// `.number(x)`, or `.null` when `x` is `nil` or not finite.
  public static func optional(_ x: Double?) -> JSONValue {
    guard let x, x.isFinite else { return .null }
    return .number(x)
  }

  /// The document as text, indented by two spaces per level, ending without a newline.
  public func rendered(indent: Bool = true) -> String {
    var out = ""
    write(into: &out, level: 0, indent: indent)
    return out
  }

  func write(into out: inout String, level: Int, indent: Bool) {
    // Padding is made only for containers: a 100,000-instrument document holds millions of scalars.
    let newline = indent ? "\n" : ""
    func pad(_ depth: Int) -> String { indent ? String(repeating: "  ", count: depth) : "" }
    switch self {
    case .null: out += "null"
    case let .bool(b): out += b ? "true" : "false"
    case let .number(x): out += JSONValue.format(x)
    case let .integer(i): out += String(i)
    case let .string(s): JSONValue.writeString(s, into: &out)
    case let .array(items):
      if items.isEmpty {
        out += "[]"
        return
      }
      // Short arrays of scalars stay on one line.
      if items.allSatisfy({ if case .string = $0 { return true } else { return false } }) || !indent {
        out += "["
        for (k, item) in items.enumerated() {
          if k > 0 { out += indent ? ", " : "," }
          item.write(into: &out, level: level + 1, indent: false)
        }
        out += "]"
        return
      }
      let inner = pad(level + 1)
      out += "[" + newline
      for (k, item) in items.enumerated() {
        out += inner
        item.write(into: &out, level: level + 1, indent: indent)
        out += k + 1 < items.count ? "," + newline : newline
      }
      out += pad(level) + "]"
    case let .object(members):
      if members.isEmpty {
        out += "{}"
        return
      }
      let inner = pad(level + 1)
      out += "{" + newline
      for (k, (key, value)) in members.enumerated() {
        out += inner
        JSONValue.writeString(key, into: &out)
        out += indent ? ": " : ":"
        value.write(into: &out, level: level + 1, indent: indent)
        out += k + 1 < members.count ? "," + newline : newline
      }
      out += pad(level) + "}"
    }
  }

  /// Shortest text that reads back as exactly `x`; `null` for non-finite values.
  public static func format(_ x: Double) -> String {
    guard x.isFinite else { return "null" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
  }

  static func writeString(_ s: String, into out: inout String) {
    out += "\""
    // Most strings (codes, keys, dates) need no escape: appended whole.
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      out += s
      out += "\""
      return
    }
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
