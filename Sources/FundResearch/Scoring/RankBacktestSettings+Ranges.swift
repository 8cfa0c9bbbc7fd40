import Tradeable

/// The valid range of every number of the rank-score backtest, checked before any work.
extension RankBacktestSettings {
  /// Months between rebalances: 1 to 1,200 (100 years; longer than the data gives one rebalance).
  public static let rebalanceMonthsRange = ValidRange.between(
    1, 1_200, unit: .count, note: "calendar months; longer than the data gives a single rebalance")

  /// Every setting outside its range, by property name (the scoring's under `scoring`).
  public var violations: [SettingViolation] {
    [Self.rebalanceMonthsRange.check("rebalanceMonths", rebalanceMonths)].compactMap { $0 }
      + scoring.violations.prefixed("scoring")
  }
}
