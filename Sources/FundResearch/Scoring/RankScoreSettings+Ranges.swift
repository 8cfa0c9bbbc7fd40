import Tradeable

/// The valid range of every number of the rank score (DESIGN.md §8), checked before any work.
extension RankScoreSettings {
  /// Trailing window: 1 to 1,200 calendar months (100 years); a product needs a NAV that old to be ranked.
  public static let windowMonthsRange = ValidRange.between(
    1, 1_200, unit: .count, note: "calendar months; only products with that much history are ranked")
  /// Share kept: above 0 and at most 1 (100%).
  public static let keepFractionRange = ValidRange.above(0, unit: .fraction).atMost(1)
  /// Products kept at least: 1 or more.
  public static let minimumKeptRange = ValidRange.atLeast(1, unit: .count)
  /// Annual risk-free rate: from -1 to 1 (-100% to 100% a year).
  public static let riskFreeRange = ValidRange.between(-1, 1, unit: .fractionPerYear)

  /// Staleness: at least 1 longest gap (a series is never stale before it misses a report).
  public static let staleGapsRange = ValidRange.atLeast(
    1, note: "longest gaps of the series' frequency (4, 10, 17, 35 days) its latest NAV may be old")

  /// Every setting outside its range, by property name.
  public var violations: [SettingViolation] {
    [
      Self.windowMonthsRange.check("windowMonths", windowMonths),
      Self.keepFractionRange.check("keepFraction", keepFraction),
      Self.minimumKeptRange.check("minimumKept", minimumKept),
      Self.riskFreeRange.check("riskFree", riskFree),
      Self.staleGapsRange.check("staleGaps", staleGaps),
    ].compactMap { $0 }
  }
}
