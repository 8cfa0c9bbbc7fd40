/// Every setting of FOF selection (DESIGN.md §8 with §5–§6's engine), grouped by the stage that owns it, each group
/// the stage's own `Codable` value: the fund counterpart of `PipelineSettings`. The FOF defaults are written here,
/// once: target volatility 0.10 and largest weight 0.40 (DESIGN.md §5's FOF worked example), four minimum
/// subscriptions at the target position, IDM cap 2.5, no cost limit; the other stages keep their own types' defaults.
///
/// Encoded (`json`), it is the `settings` block of `funds select`'s output: complete, so a run can be reproduced with
/// `--settings FILE` (a run's whole JSON output or its `settings` block; `load(_:file:)`).
public struct FundSelectionSettings: Codable, Sendable, Equatable {
  /// Cleaning: the frequency and history filters, manager merging, periods a year.
  public var cleaning = FundCleaningRules()
  /// Volatility and correlation windows, positive-definite repair (risk stage).
  public var risk = FundRiskSettings()
  /// Pre-cost Sharpe ratio and holding period behind the fee drag (cost stage).
  public var costs = FundCostSettings()
  /// Volatility, cost and capital filters, each with its parameters.
  public var filters = FundFilterSettings()
  /// How positions are sized: units are minimum subscriptions (`maxContracts`, 4), IDM cap 2.5, target volatility
  /// 0.10 a year.
  public var sizing = PositionSizing(targetVolatility: 0.10)
  /// Selection rules (equal weights, no limit on the number of products).
  public var selection = SelectionRules()

  /// Every setting at its default.
  public init() {}

  public init(
    cleaning: FundCleaningRules = FundCleaningRules(), risk: FundRiskSettings = FundRiskSettings(),
    costs: FundCostSettings = FundCostSettings(), filters: FundFilterSettings = FundFilterSettings(),
    sizing: PositionSizing = PositionSizing(targetVolatility: 0.10), selection: SelectionRules = SelectionRules()
  ) {
    self.cleaning = cleaning
    self.risk = risk
    self.costs = costs
    self.filters = filters
    self.sizing = sizing
    self.selection = selection
  }
}

extension FundSelectionSettings: SettingsDocument {
  /// `cleaning`: a key of this settings object that a whole output of `funds select` does not have.
  public static var ownKey: String { "cleaning" }
}
