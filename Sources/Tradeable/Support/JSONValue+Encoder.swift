/// Encodes any `Encodable` value into a `JSONValue`, keys in the order the value encodes them (for synthesized
/// conformances: declaration order), so a settings type written as JSON reads like its declaration.
///
/// Two choices differ from Foundation's `JSONEncoder`, both so that an encoded settings document is *complete*:
/// - `nil` optionals are written as `null` rather than left out (`encodeIfPresent` writes the key either way), so a
///   reader sees every setting, including the ones that are off;
/// - `Int` values stay integers (`.integer`) and `Double` values numbers (`.number`), printed by `JSONValue`'s
///   shortest round-trip form.
public struct JSONValueEncoder {
  public init() {}

  /// The JSON form of `value`.
  public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
    let root = EncodingNode()
    try value.encode(to: NodeEncoder(node: root, codingPath: []))
    return root.value
  }
}

/// A value under construction: a scalar, or an object or array whose members are nodes themselves (containers hand
/// out nested nodes before they are filled).
final class EncodingNode {
  enum Content {
    case empty
    case scalar(JSONValue)
    case object([(String, EncodingNode)])
    case array([EncodingNode])
  }
  var content: Content = .empty

  var value: JSONValue {
    switch content {
    case .empty: return .null
    case .scalar(let v): return v
    case .object(let members): return .object(members.map { ($0.0, $0.1.value) })
    case .array(let items): return .array(items.map(\.value))
    }
  }

  /// The member `key` of an object node (created, or replaced when encoded twice).
  func member(_ key: String) -> EncodingNode {
    if case .empty = content { content = .object([]) }
    guard case .object(var members) = content else { preconditionFailure("a keyed container over a non-object") }
    let node = EncodingNode()
    if let k = members.firstIndex(where: { $0.0 == key }) {
      members[k].1 = node
    } else {
      members.append((key, node))
    }
    content = .object(members)
    return node
  }

  /// A new last item of an array node.
  func appendItem() -> EncodingNode {
    if case .empty = content { content = .array([]) }
    guard case .array(var items) = content else { preconditionFailure("an unkeyed container over a non-array") }
    let node = EncodingNode()
    items.append(node)
    content = .array(items)
    return node
  }

  var count: Int {
    switch content {
    case .array(let items): return items.count
    case .object(let members): return members.count
    default: return 0
    }
  }
}

struct NodeEncoder: Encoder {
  let node: EncodingNode
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    if case .empty = node.content { node.content = .object([]) }
    return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if case .empty = node.content { node.content = .array([]) }
    return UnkeyedNodeContainer(node: node, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleNodeContainer(node: node, codingPath: codingPath)
  }
}

/// Scalars as `JSONValue`s: the one place the encoder decides how a Swift value looks in JSON.
enum JSONScalar {
  static func of(_ value: Bool) -> JSONValue { .bool(value) }
  static func of(_ value: String) -> JSONValue { .string(value) }
  static func of(_ value: Double) -> JSONValue { .optional(value) }
  static func of(_ value: Int) -> JSONValue { .integer(value) }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: EncodingNode
  let codingPath: [any CodingKey]

  mutating func encodeNil(forKey key: Key) throws { node.member(key.stringValue).content = .scalar(.null) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { set(JSONScalar.of(value), key) }
  mutating func encode(_ value: String, forKey key: Key) throws { set(JSONScalar.of(value), key) }
  mutating func encode(_ value: Double, forKey key: Key) throws { set(JSONScalar.of(value), key) }
  mutating func encode(_ value: Float, forKey key: Key) throws { set(JSONScalar.of(Double(value)), key) }
  mutating func encode(_ value: Int, forKey key: Key) throws { set(JSONScalar.of(value), key) }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    try value.encode(to: NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]))
  }

  // `nil` is written as `null`, never left out: an encoded document names every setting.
  mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeOptional(value, key) }
  mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeOptional(value, key) }
  mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encodeOptional(value, key) }
  mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeOptional(value, key) }
  mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try encodeOptional(value, key) }

  private mutating func encodeOptional<T: Encodable>(_ value: T?, _ key: Key) throws {
    guard let value else { return try encodeNil(forKey: key) }
    try encode(value, forKey: key)
  }

  private func set(_ value: JSONValue, _ key: Key) { node.member(key.stringValue).content = .scalar(value) }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    let child = node.member(key.stringValue)
    child.content = .object([])
    return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let child = node.member(key.stringValue)
    child.content = .array([])
    return UnkeyedNodeContainer(node: child, codingPath: codingPath + [key])
  }

  mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.member("super"), codingPath: codingPath) }
  mutating func superEncoder(forKey key: Key) -> any Encoder {
    NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key])
  }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
  let node: EncodingNode
  let codingPath: [any CodingKey]
  var count: Int { node.count }

  mutating func encodeNil() throws { node.appendItem().content = .scalar(.null) }
  mutating func encode(_ value: Bool) throws { node.appendItem().content = .scalar(JSONScalar.of(value)) }
  mutating func encode(_ value: String) throws { node.appendItem().content = .scalar(JSONScalar.of(value)) }
  mutating func encode(_ value: Double) throws { node.appendItem().content = .scalar(JSONScalar.of(value)) }
  mutating func encode(_ value: Int) throws { node.appendItem().content = .scalar(JSONScalar.of(value)) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    let path = codingPath + [IndexKey(count)]
    try value.encode(to: NodeEncoder(node: node.appendItem(), codingPath: path))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let path = codingPath + [IndexKey(count)]
    let child = node.appendItem()
    child.content = .object([])
    return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: path))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let path = codingPath + [IndexKey(count)]
    let child = node.appendItem()
    child.content = .array([])
    return UnkeyedNodeContainer(node: child, codingPath: path)
  }

  mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.appendItem(), codingPath: codingPath) }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
  let node: EncodingNode
  let codingPath: [any CodingKey]

  mutating func encodeNil() throws { node.content = .scalar(.null) }
  mutating func encode(_ value: Bool) throws { node.content = .scalar(JSONScalar.of(value)) }
  mutating func encode(_ value: String) throws { node.content = .scalar(JSONScalar.of(value)) }
  mutating func encode(_ value: Double) throws { node.content = .scalar(JSONScalar.of(value)) }
  mutating func encode(_ value: Int) throws { node.content = .scalar(JSONScalar.of(value)) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
  }
}

/// The coding key of an array item.
struct IndexKey: CodingKey {
  var intValue: Int?
  var stringValue: String { "\(intValue ?? 0)" }
  init(_ index: Int) { intValue = index }
  init?(intValue: Int) { self.intValue = intValue }
  init?(stringValue: String) { nil }
}
