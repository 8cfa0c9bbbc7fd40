/// Settings of the risk stage's volatility (DESIGN.md §3), with its defaults.
public struct RiskSettings: Codable, Sendable, Equatable {
  /// Business days a year (256): a daily standard deviation × √256 = 16 is annual.
  public var businessDaysPerYear: Double = 256
  /// Daily differences in the volatility window (512, two years): long enough that one quiet or wild month does not
  /// decide an instrument's risk, short enough to follow a market whose volatility has changed.
  public var volatilityWindow: Int = 512

  public init(businessDaysPerYear: Double = 256, volatilityWindow: Int = 512) {
    self.businessDaysPerYear = businessDaysPerYear
    self.volatilityWindow = volatilityWindow
  }

  /// √(business days a year): multiplies a daily standard deviation into an annual one (16).
  public var annualisation: Double { businessDaysPerYear.squareRoot() }

  /// Business days a year: above 0 and at most 366 (256 is DESIGN.md's, 252 and 260 are common, 365 for markets that
  /// never close).
  public static let businessDaysPerYearRange = ValidRange.above(0).atMost(366)
  /// Volatility window: at least 2 daily differences (a sample standard deviation needs two); a window longer than an
  /// instrument's history uses all of it.
  public static let volatilityWindowRange = ValidRange.atLeast(
    2, unit: .count,
    note: "a sample standard deviation needs two daily differences; a window longer than a history uses all of it")

  /// Every setting outside its range, by key.
  public var violations: [SettingViolation] {
    [
      Self.businessDaysPerYearRange.check("businessDaysPerYear", businessDaysPerYear),
      Self.volatilityWindowRange.check("volatilityWindow", volatilityWindow),
    ].compactMap { $0 }
  }
}
