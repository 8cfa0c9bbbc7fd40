/// A run's complete settings as a JSON document: the `settings` block of every output, and what `--settings FILE`
/// reads back, so that a run can be reproduced. `PipelineSettings` (futures) and `FundSelectionSettings` (funds) are
/// both one; `init()` holds every default.
public protocol SettingsDocument: Codable, Sendable, Equatable {
  /// Every setting at its default.
  init()
  /// A top-level key of the settings object that a whole output does not have: how `load` tells a settings object
  /// from a run's output.
  static var ownKey: String { get }
  /// Every setting outside its valid range, by its key path in the document (`risk.volatilityWindow`), in pipeline
  /// order.
  var violations: [SettingViolation] { get }
}

extension SettingsDocument {
  /// The settings as JSON, every key present (`nil` as `null`), in declaration order.
  public var json: JSONValue {
    do {
      return try JSONValueEncoder().encode(self)
    } catch {
      preconditionFailure("settings encode without error: \(error)")
    }
  }

  /// Reads a settings document: either a settings object, or a whole JSON output of a run, whose `settings` block is
  /// taken. Missing keys keep the defaults of `defaults`; unknown keys, values of the wrong kind and values outside
  /// their valid range (`violations`) are errors at their line and column.
  public static func load(_ bytes: [UInt8], file: String, defaults: Self = Self()) throws(InputError) -> Self {
    let document = try JSONDocument(bytes: bytes, file: file)
    var root = document.root
    if case .object(let members, _) = root, let block = members.first(where: { $0.key == "settings" }),
      !members.contains(where: { $0.key == ownKey })
    {
      root = block.value
    }
    let settings = try JSONDocumentDecoder(file: file).decode(Self.self, from: root, defaults: defaults)
    if let violation = settings.violations.first { throw violation.inputError(in: root, file: file) }
    return settings
  }
}
