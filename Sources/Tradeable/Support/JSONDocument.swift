/// A parsed JSON text that remembers where each value stood (line and column, 1-based, columns counted in bytes), so
/// that an error about a value can point at it: `settings.json:7:24: error: …`.
///
/// Strict RFC 8259: one value, objects, arrays, strings with escapes, numbers, `true`, `false`, `null`; no comments,
/// no trailing commas, no duplicate keys. Numbers are read by Swift's correctly rounded `Double(_:)`, so a document
/// written by `JSONValue` reads back to the same bits. Nesting is limited to 64 levels (a settings document needs
/// four), so a hostile file cannot exhaust the stack.
public struct JSONDocument: Sendable {
  /// One value and where it starts.
  public indirect enum Node: Sendable {
    case null(Position)
    case bool(Bool, Position)
    case number(Double, text: String, Position)
    case string(String, Position)
    case array([Node], Position)
    case object([(key: String, keyPosition: Position, value: Node)], Position)

    /// Where the value starts.
    public var position: Position {
      switch self {
      case .null(let p), .bool(_, let p), .number(_, _, let p), .string(_, let p), .array(_, let p),
        .object(_, let p):
        return p
      }
    }

    /// The value without positions.
    public var value: JSONValue {
      switch self {
      case .null: return .null
      case .bool(let b, _): return .bool(b)
      case .number(let x, let text, _):
        if let i = Int(text) { return .integer(i) }
        return .number(x)
      case .string(let s, _): return .string(s)
      case .array(let items, _): return .array(items.map(\.value))
      case .object(let members, _): return .object(members.map { ($0.key, $0.value.value) })
      }
    }

    /// The value at `path` (object keys, outermost first), or `nil` when some key is missing.
    public func member(at path: [String]) -> Node? {
      var node = self
      for key in path {
        guard case .object(let members, _) = node, let found = members.first(where: { $0.key == key }) else {
          return nil
        }
        node = found.value
      }
      return node
    }

    /// A word for the kind of value, for messages: "a number", "an object", …
    public var kind: String {
      switch self {
      case .null: return "null"
      case .bool: return "true or false"
      case .number: return "a number"
      case .string: return "a string"
      case .array: return "a list"
      case .object: return "an object"
      }
    }
  }

  /// A place in the text.
  public struct Position: Sendable, Equatable {
    public var line: Int
    public var column: Int
  }

  /// The root value.
  public let root: Node

  /// Parses `bytes`; `file` names the text in errors.
  public init(bytes: [UInt8], file: String) throws(InputError) {
    var parser = Parser(bytes: bytes, file: file)
    root = try parser.document()
  }

  /// Parses `text`.
  public init(text: String, file: String) throws(InputError) {
    try self.init(bytes: Array(text.utf8), file: file)
  }
}

extension JSONDocument {
  struct Parser {
    let bytes: [UInt8]
    let file: String
    var index = 0
    var line = 1
    var lineStart = 0
    static let maximumDepth = 64

    init(bytes: [UInt8], file: String) {
      self.bytes = bytes
      self.file = file
    }

    var position: Position { Position(line: line, column: index - lineStart + 1) }

    func failure(_ message: String, at position: Position? = nil, suggestion: String = "") -> InputError {
      let p = position ?? self.position
      return InputError(
        file: file, line: p.line, column: p.column, message: message,
        suggestion: suggestion.isEmpty ? "Check the JSON syntax at that place (RFC 8259)." : suggestion)
    }

    mutating func document() throws(InputError) -> Node {
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }  // a UTF-8 byte-order mark
      skipSpace()
      guard index < bytes.count else { throw failure("the file holds no JSON value") }
      let node = try value(depth: 0)
      skipSpace()
      guard index == bytes.count else { throw failure("unexpected text after the JSON value") }
      return node
    }

    mutating func skipSpace() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x20, 0x09, 0x0D: index += 1
        case 0x0A:
          index += 1
          line += 1
          lineStart = index
        default: return
        }
      }
    }

    mutating func value(depth: Int) throws(InputError) -> Node {
      guard depth < Self.maximumDepth else { throw failure("JSON nested more than \(Self.maximumDepth) levels deep") }
      let start = position
      guard index < bytes.count else { throw failure("the JSON text ends where a value should be") }
      switch bytes[index] {
      case UInt8(ascii: "{"): return try object(depth: depth)
      case UInt8(ascii: "["): return try array(depth: depth)
      case UInt8(ascii: "\""): return .string(try string(), start)
      case UInt8(ascii: "t"): try literal("true"); return .bool(true, start)
      case UInt8(ascii: "f"): try literal("false"); return .bool(false, start)
      case UInt8(ascii: "n"): try literal("null"); return .null(start)
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
      default:
        throw failure("expected a JSON value, found \(excerpt(at: index))")
      }
    }

    func excerpt(at i: Int) -> String {
      guard i < bytes.count else { return "the end of the file" }
      return "'" + InputError.escapedExcerpt(bytes[i..<min(bytes.count, i + 12)]) + "'"
    }

    mutating func literal(_ word: String) throws(InputError) {
      let w = Array(word.utf8)
      guard bytes.count - index >= w.count, Array(bytes[index..<index + w.count]) == w else {
        throw failure("expected a JSON value, found \(excerpt(at: index))")
      }
      index += w.count
    }

    mutating func number() throws(InputError) -> Node {
      let start = position
      let begin = index
      if bytes[index] == UInt8(ascii: "-") { index += 1 }
      func digits(_ p: inout Parser) -> Int {
        var n = 0
        while p.index < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.index]) {
          p.index += 1
          n += 1
        }
        return n
      }
      let integerStart = index
      let integerDigits = digits(&self)
      guard integerDigits > 0 else { throw failure("a number needs digits", at: start) }
      if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
        throw failure("a JSON number has no leading zeros", at: start)
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        index += 1
        guard digits(&self) > 0 else { throw failure("a number needs digits after its decimal point", at: start) }
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits(&self) > 0 else { throw failure("a number needs digits in its exponent", at: start) }
      }
      let text = String(decoding: bytes[begin..<index], as: UTF8.self)
      guard let x = Double(text), x.isFinite else { throw failure("the number \(text) is out of range", at: start) }
      return .number(x, text: text, start)
    }

    mutating func string() throws(InputError) -> String {
      let start = position
      index += 1  // the opening quote
      var scalars = String.UnicodeScalarView()
      var run = index
      var raw: [UInt8] = []
      while true {
        guard index < bytes.count else { throw failure("a string is not closed", at: start) }
        let b = bytes[index]
        if b == UInt8(ascii: "\"") {
          raw += bytes[run..<index]
          index += 1
          break
        }
        if b < 0x20 {
          throw failure("a control character (byte \(b)) inside a string; write it as an escape such as \\n")
        }
        if b == UInt8(ascii: "\\") {
          raw += bytes[run..<index]
          index += 1
          guard index < bytes.count else { throw failure("a string is not closed", at: start) }
          let e = bytes[index]
          index += 1
          switch e {
          case UInt8(ascii: "\""): raw.append(0x22)
          case UInt8(ascii: "\\"): raw.append(0x5C)
          case UInt8(ascii: "/"): raw.append(0x2F)
          case UInt8(ascii: "b"): raw.append(0x08)
          case UInt8(ascii: "f"): raw.append(0x0C)
          case UInt8(ascii: "n"): raw.append(0x0A)
          case UInt8(ascii: "r"): raw.append(0x0D)
          case UInt8(ascii: "t"): raw.append(0x09)
          case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800...0xDBFF).contains(code) {
              guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
              else { throw failure("an unpaired surrogate escape in a string") }
              index += 2
              let low = try hex4()
              guard (0xDC00...0xDFFF).contains(low) else { throw failure("an unpaired surrogate escape in a string") }
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
              throw failure("an unpaired surrogate escape in a string")
            }
            raw += Array(String(Character(Unicode.Scalar(code)!)).utf8)
          default:
            throw failure("unknown escape '\\\(InputError.escapedExcerpt([e]))' in a string")
          }
          run = index
          continue
        }
        index += 1
      }
      guard let text = String(validating: raw, as: UTF8.self) else {
        throw failure("a string is not valid UTF-8", at: start, suggestion: "Save the file as UTF-8.")
      }
      scalars.append(contentsOf: text.unicodeScalars)
      return String(scalars)
    }

    mutating func hex4() throws(InputError) -> UInt32 {
      guard bytes.count - index >= 4 else { throw failure("a \\u escape needs four hex digits") }
      var code: UInt32 = 0
      for _ in 0..<4 {
        let b = bytes[index]
        let digit: UInt32
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
        default: throw failure("a \\u escape needs four hex digits")
        }
        code = code * 16 + digit
        index += 1
      }
      return code
    }

    mutating func array(depth: Int) throws(InputError) -> Node {
      let start = position
      index += 1
      var items: [Node] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items, start)
      }
      while true {
        skipSpace()
        items.append(try value(depth: depth + 1))
        skipSpace()
        guard index < bytes.count else { throw failure("a list is not closed", at: start) }
        if bytes[index] == UInt8(ascii: ",") {
          index += 1
          continue
        }
        if bytes[index] == UInt8(ascii: "]") {
          index += 1
          return .array(items, start)
        }
        throw failure("expected ',' or ']' in a list, found \(excerpt(at: index))")
      }
    }

    mutating func object(depth: Int) throws(InputError) -> Node {
      let start = position
      index += 1
      var members: [(key: String, keyPosition: Position, value: Node)] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members, start)
      }
      while true {
        skipSpace()
        let keyPosition = position
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
          throw failure("expected a key in quotes, found \(excerpt(at: index))")
        }
        let key = try string()
        if members.contains(where: { $0.key == key }) {
          throw failure(
            "the key '\(InputError.escapedExcerpt(Array(key.utf8)))' appears twice in one object", at: keyPosition,
            suggestion: "Keep one of them.")
        }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
          throw failure("expected ':' after a key, found \(excerpt(at: index))")
        }
        index += 1
        skipSpace()
        members.append((key, keyPosition, try value(depth: depth + 1)))
        skipSpace()
        guard index < bytes.count else { throw failure("an object is not closed", at: start) }
        if bytes[index] == UInt8(ascii: ",") {
          index += 1
          continue
        }
        if bytes[index] == UInt8(ascii: "}") {
          index += 1
          return .object(members, start)
        }
        throw failure("expected ',' or '}' in an object, found \(excerpt(at: index))")
      }
    }
  }
}

extension SettingViolation {
  /// The error for this violation in the settings document `root` read from `file`: at the line and column of the
  /// offending value (of `root` when the key is absent), quoting the value as written, the key named
  /// `'prefix.key'` (`prefix` when the document is a block of a larger one, as `tradingSettings`).
  public func inputError(in root: JSONDocument.Node, file: String, prefix: String? = nil) -> InputError {
    let node = root.member(at: key.split(separator: ".").map(String.init)) ?? root
    var given: String? = nil
    if case .number(_, let text, _) = node { given = text }
    let name = prefix.map { "'\($0).\(key)':" } ?? "'\(key)':"
    return InputError(
      file: file, line: node.position.line, column: node.position.column,
      message: message(name: name, given: given), suggestion: "Change that value in the settings file.")
  }
}
