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

  /// Every setting at its default.
  public init() {}

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
}

extension PipelineSettings: SettingsDocument {
  /// `risk`: a key of this settings object that a whole output of `select` does not have.
  public static var ownKey: String { "risk" }
}

extension PipelineSettings {
  /// What the stages read of each instrument's prices under these settings: the volatility window, the liquidity
  /// filter's days and the correlation window (see `PriceSummary`). A universe loaded keeping this much gives the
  /// same results as one holding whole histories.
  public var priceRetention: PriceSummary.Retention {
    PriceSummary.Retention(differences: risk.volatilityWindow, volumeRows: filters.liquidity.days, weeks: correlation.weeks)
  }
}
