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
}
