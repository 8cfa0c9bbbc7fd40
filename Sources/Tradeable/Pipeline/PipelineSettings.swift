/// Every setting of the futures pipeline, grouped by the stage that owns it (DESIGN.md §3–§6). Each group is the
/// stage's own `Codable` value with DESIGN.md's defaults; this type only composes them, in pipeline order.
///
/// Encoded (`json`), it is the `settings` block of every output: complete, so a run can be reproduced with
/// `--settings FILE` (a run's whole JSON output or its `settings` block). `load(_:file:)` reads such a document; keys
/// it leaves out keep their defaults, unknown keys are errors.
public struct PipelineSettings: Codable, Sendable, Equatable {
  /// Volatility (risk stage).
  public var risk = RiskSettings()
  /// Correlation estimate and repair (risk stage).
  public var correlation = CorrelationSettings()
  /// Costs (cost stage).
  public var costs = CostSettings()
  /// The five filters, each with its parameters.
  public var filters = FilterSettings()
  /// How positions are sized against capital (capital filter, selection, reserve).
  public var sizing = PositionSizing()
  /// Selection rules (weighting, limits).
  public var selection = SelectionRules()

  public init(
    risk: RiskSettings = RiskSettings(), correlation: CorrelationSettings = CorrelationSettings(),
    costs: CostSettings = CostSettings(), filters: FilterSettings = FilterSettings(),
    sizing: PositionSizing = PositionSizing(), selection: SelectionRules = SelectionRules()
  ) {
    self.risk = risk
    self.correlation = correlation
    self.costs = costs
    self.filters = filters
    self.sizing = sizing
    self.selection = selection
  }

  /// Every setting outside its valid range, by its key path in the settings document (`risk.volatilityWindow`), in
  /// pipeline order. The command line checks its options against these before any work; `load(_:file:)` checks a
  /// settings document by the same rules.
  public var violations: [SettingViolation] {
    risk.violations.prefixed("risk") + correlation.violations.prefixed("correlation")
      + costs.violations.prefixed("costs") + filters.violations.prefixed("filters")
      + sizing.violations.prefixed("sizing") + selection.violations.prefixed("selection")
  }

  /// The settings as JSON, every key present (`nil` as `null`), in declaration order.
  public var json: JSONValue {
    do {
      return try JSONValueEncoder().encode(self)
    } catch {
      preconditionFailure("settings encode without error: \(error)")
    }
  }
}

extension PipelineSettings {
  /// Reads a settings document: either a settings object, or a whole JSON output of a run, whose `settings` block is
  /// taken. Missing keys keep the defaults of `defaults`; unknown keys, values of the wrong kind and values outside
  /// their valid range (`violations`) are errors at their line and column.
  public static func load(
    _ bytes: [UInt8], file: String, defaults: PipelineSettings = PipelineSettings()
  ) throws(InputError) -> PipelineSettings {
    let document = try JSONDocument(bytes: bytes, file: file)
    var root = document.root
    if case .object(let members, _) = root, let block = members.first(where: { $0.key == "settings" }),
      !members.contains(where: { $0.key == "risk" })
    {
      root = block.value
    }
    let settings = try JSONDocumentDecoder(file: file).decode(PipelineSettings.self, from: root, defaults: defaults)
    if let violation = settings.violations.first {
      let node = root.member(at: violation.key.split(separator: ".").map(String.init)) ?? root
      var given: String? = nil
      if case .number(_, let text, _) = node { given = text }
      throw InputError(
        file: file, line: node.position.line, column: node.position.column,
        message: violation.message(name: "'\(violation.key)':", given: given),
        suggestion: "Change that value in the settings file.")
    }
    return settings
  }
}
