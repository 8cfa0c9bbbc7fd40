/// Decodes `Decodable` values from a parsed JSON document, with errors that name the file, line and column of the
/// offending value and say what was expected.
///
/// `decode(_:from:defaults:)` reads a *partial* document over a complete one: every key the document gives replaces
/// the default's, every key it leaves out keeps the default, and a key the default does not have is an error (with
/// "did you mean" when a known key is close), so a misspelt setting is never ignored in silence.
public struct JSONDocumentDecoder {
  /// The file name used in errors.
  public var file: String

  public init(file: String) { self.file = file }

  /// `T` read from `document`, each missing key taken from `defaults` (a complete value of `T`).
  public func decode<T: Codable>(_ type: T.Type, from document: JSONDocument.Node, defaults: T) throws(InputError)
    -> T
  {
    let complete: JSONValue
    do {
      complete = try JSONValueEncoder().encode(defaults)
    } catch {
      preconditionFailure("a settings type encodes without error: \(error)")
    }
    let merged = try merge(document, over: complete, path: [])
    do {
      return try T(from: NodeDecoder(node: merged, codingPath: [], file: file))
    } catch let error as InputError {
      throw error
    } catch let error as DecodingError {
      throw describe(error, in: merged)
    } catch {
      throw InputError(file: file, message: "\(error)", suggestion: "Check the settings document.")
    }
  }

  /// `document` with every key it lacks filled in from `defaults`; unknown keys and kinds that cannot match are
  /// errors at their place.
  func merge(_ document: JSONDocument.Node, over defaults: JSONValue, path: [String]) throws(InputError)
    -> JSONDocument.Node
  {
    guard case .object(let known) = defaults else { return document }
    guard case .object(let members, let position) = document else {
      throw InputError(
        file: file, line: document.position.line, column: document.position.column,
        message: "\(label(path)) should be an object, not \(document.kind)",
        suggestion: "Write it as { \"key\": value, … } with the keys " + known.map(\.0).joined(separator: ", ") + ".")
    }
    var result: [(key: String, keyPosition: JSONDocument.Position, value: JSONDocument.Node)] = []
    for member in members where !known.contains(where: { $0.0 == member.key }) {
      let names = known.map(\.0)
      let close = closestName(to: member.key, among: names)
      throw InputError(
        file: file, line: member.keyPosition.line, column: member.keyPosition.column,
        message: "unknown setting '\(InputError.escapedExcerpt(Array(member.key.utf8)))' in \(label(path))"
          + (close.map { "; did you mean '\($0)'?" } ?? ""),
        suggestion: "The keys there are: " + names.joined(separator: ", ") + ".")
    }
    for (key, value) in known {
      if let given = members.first(where: { $0.key == key }) {
        result.append((key, given.keyPosition, try merge(given.value, over: value, path: path + [key])))
      } else {
        result.append((key, position, JSONDocument.Node(value, at: position)))
      }
    }
    return .object(result, position)
  }

  func label(_ path: [String]) -> String { path.isEmpty ? "the settings" : "'" + path.joined(separator: ".") + "'" }

  /// A decoding error as an `InputError` at the value its coding path names.
  func describe(_ error: DecodingError, in root: JSONDocument.Node) -> InputError {
    let (path, message): ([any CodingKey], String)
    switch error {
    case .typeMismatch(_, let context), .valueNotFound(_, let context): (path, message) = (context.codingPath, context.debugDescription)
    case .keyNotFound(let key, let context): (path, message) = (context.codingPath, "missing key '\(key.stringValue)'")
    case .dataCorrupted(let context): (path, message) = (context.codingPath, context.debugDescription)
    @unknown default: (path, message) = ([], "\(error)")
    }
    let names = path.map(\.stringValue)
    let node = root.descendant(names) ?? root
    return InputError(
      file: file, line: node.position.line, column: node.position.column,
      message: "\(label(names)): \(message)", suggestion: "Give a value of the kind the settings document shows.")
  }
}

extension JSONDocument.Node {
  /// A node for `value`, every part placed at `position`.
  init(_ value: JSONValue, at position: JSONDocument.Position) {
    switch value {
    case .null: self = .null(position)
    case .bool(let b): self = .bool(b, position)
    case .number(let x): self = .number(x, text: JSONValue.format(x), position)
    case .integer(let i): self = .number(Double(i), text: String(i), position)
    case .string(let s): self = .string(s, position)
    case .array(let items): self = .array(items.map { JSONDocument.Node($0, at: position) }, position)
    case .object(let members):
      self = .object(members.map { ($0.0, position, JSONDocument.Node($0.1, at: position)) }, position)
    }
  }

  /// The node at `path` (object keys and array indices), `nil` when there is none.
  func descendant(_ path: [String]) -> JSONDocument.Node? {
    var node = self
    for step in path {
      switch node {
      case .object(let members, _):
        guard let next = members.first(where: { $0.key == step })?.value else { return nil }
        node = next
      case .array(let items, _):
        guard let k = Int(step), items.indices.contains(k) else { return nil }
        node = items[k]
      default: return nil
      }
    }
    return node
  }
}

/// The name of `names` closest to `word` by edit distance (case ignored), when it is close enough to be a likely typo:
/// at most a third of the longer name's letters, and at most 3. A name that `word` is the start of (an abbreviation,
/// `targetVol` for `targetVolatility`) counts too, when it is the only such name.
public func closestName(to word: String, among names: [String]) -> String? {
  let w = Array(word.lowercased().utf8)
  if w.count >= 3 {
    let extensions = names.filter { Array($0.lowercased().utf8).starts(with: w) }
    if extensions.count == 1 { return extensions[0] }
  }
  var best: (String, Int)? = nil
  for name in names {
    let n = Array(name.lowercased().utf8)
    let d = editDistance(w, n)
    let limit = min(3, max(1, max(w.count, n.count) / 3))
    guard d <= limit else { continue }
    if best == nil || d < best!.1 { best = (name, d) }
  }
  return best?.0
}

/// Levenshtein distance between two byte strings (insertions, deletions and substitutions cost 1), O(|a|·|b|) time and
/// O(|b|) memory.
public func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}

struct NodeDecoder: Decoder {
  let node: JSONDocument.Node
  let codingPath: [any CodingKey]
  let file: String
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func failure(_ message: String, at node: JSONDocument.Node) -> InputError {
    let names = codingPath.map(\.stringValue)
    return InputError(
      file: file, line: node.position.line, column: node.position.column,
      message: (names.isEmpty ? "" : "'" + names.joined(separator: ".") + "': ") + message,
      suggestion: "Give a value of the kind the settings document shows.")
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let members, _) = node else { throw failure("expected an object, found \(node.kind)", at: node) }
    return KeyedDecodingContainer(
      KeyedNodeDecodingContainer<Key>(members: members, codingPath: codingPath, file: file, node: node))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .array(let items, _) = node else { throw failure("expected a list, found \(node.kind)", at: node) }
    return UnkeyedNodeDecodingContainer(items: items, codingPath: codingPath, file: file)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    SingleNodeDecodingContainer(decoder: self)
  }
}

/// Scalar reads shared by the three containers: the one place a JSON value becomes a Swift scalar.
extension NodeDecoder {
  func decodeBool() throws -> Bool {
    guard case .bool(let b, _) = node else { throw failure("expected true or false, found \(node.kind)", at: node) }
    return b
  }

  func decodeString() throws -> String {
    guard case .string(let s, _) = node else { throw failure("expected a string, found \(node.kind)", at: node) }
    return s
  }

  func decodeDouble() throws -> Double {
    guard case .number(let x, _, _) = node else { throw failure("expected a number, found \(node.kind)", at: node) }
    return x
  }

  func decodeInt() throws -> Int {
    guard case .number(_, let text, _) = node else {
      throw failure("expected a whole number, found \(node.kind)", at: node)
    }
    guard let i = Int(text) else { throw failure("expected a whole number, found \(text)", at: node) }
    return i
  }

  func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
    if let choice = type as? any NamedChoice.Type {
      let word = try decodeString()
      let names = choice.choiceNames
      guard names.contains(word) else {
        let close = closestName(to: word, among: names)
        throw failure(
          "'\(InputError.escapedExcerpt(Array(word.utf8)))' is not one of " + names.joined(separator: ", ")
            + (close.map { "; did you mean '\($0)'?" } ?? ""), at: node)
      }
    }
    switch type {
    case is Bool.Type: return try decodeBool() as! T
    case is String.Type: return try decodeString() as! T
    case is Double.Type: return try decodeDouble() as! T
    case is Int.Type: return try decodeInt() as! T
    default: return try T(from: self)
    }
  }

  var isNull: Bool {
    if case .null = node { return true }
    return false
  }
}

struct KeyedNodeDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let members: [(key: String, keyPosition: JSONDocument.Position, value: JSONDocument.Node)]
  let codingPath: [any CodingKey]
  let file: String
  let node: JSONDocument.Node

  var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }
  func contains(_ key: Key) -> Bool { members.contains { $0.key == key.stringValue } }

  func child(_ key: Key) throws -> NodeDecoder {
    guard let value = members.first(where: { $0.key == key.stringValue })?.value else {
      throw NodeDecoder(node: node, codingPath: codingPath, file: file).failure(
        "missing key '\(key.stringValue)'", at: node)
    }
    return NodeDecoder(node: value, codingPath: codingPath + [key], file: file)
  }

  func decodeNil(forKey key: Key) throws -> Bool { try child(key).isNull }
  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decodeBool() }
  func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).decodeString() }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).decodeDouble() }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decodeInt() }
  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decodeValue(type) }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try child(key).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try child(key).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder { NodeDecoder(node: node, codingPath: codingPath, file: file) }
  func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

struct UnkeyedNodeDecodingContainer: UnkeyedDecodingContainer {
  let items: [JSONDocument.Node]
  let codingPath: [any CodingKey]
  let file: String
  var currentIndex = 0

  init(items: [JSONDocument.Node], codingPath: [any CodingKey], file: String) {
    self.items = items
    self.codingPath = codingPath
    self.file = file
  }

  var count: Int? { items.count }
  var isAtEnd: Bool { currentIndex >= items.count }

  mutating func next() throws -> NodeDecoder {
    guard !isAtEnd else {
      throw InputError(file: file, message: "a list is too short", suggestion: "Give every item the list needs.")
    }
    defer { currentIndex += 1 }
    return NodeDecoder(node: items[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)], file: file)
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd else { return false }
    if case .null = items[currentIndex] {
      currentIndex += 1
      return true
    }
    return false
  }
  mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decodeBool() }
  mutating func decode(_ type: String.Type) throws -> String { try next().decodeString() }
  mutating func decode(_ type: Double.Type) throws -> Double { try next().decodeDouble() }
  mutating func decode(_ type: Int.Type) throws -> Int { try next().decodeInt() }
  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(type) }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try next().container(keyedBy: type)
  }
  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
  mutating func superDecoder() throws -> any Decoder { try next() }
}

struct SingleNodeDecodingContainer: SingleValueDecodingContainer {
  let decoder: NodeDecoder
  var codingPath: [any CodingKey] { decoder.codingPath }

  func decodeNil() -> Bool { decoder.isNull }
  func decode(_ type: Bool.Type) throws -> Bool { try decoder.decodeBool() }
  func decode(_ type: String.Type) throws -> String { try decoder.decodeString() }
  func decode(_ type: Double.Type) throws -> Double { try decoder.decodeDouble() }
  func decode(_ type: Int.Type) throws -> Int { try decoder.decodeInt() }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
}

/// A setting that is one of a fixed set of words (`equal`, `handcrafted`, `max-sharpe`): decoding names the choices
/// when a document gives another word.
public protocol NamedChoice {
  /// Every word the setting accepts.
  static var choiceNames: [String] { get }
}

extension NamedChoice where Self: CaseIterable & RawRepresentable, Self.RawValue == String {
  public static var choiceNames: [String] { allCases.map(\.rawValue) }
}
