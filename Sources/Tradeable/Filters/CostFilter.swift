/// Excludes instruments whose annual cost exceeds `maximumSRCost` (0.10 SR units a year), or whose volatility is zero
/// (no risk to target, and every trade infinitely expensive in risk units).
///
/// An instrument whose volatility is unknown (fewer than two prices) is left to the history filter.
public struct CostFilter: InstrumentFilter, Codable, Equatable {
  public var reason: ExclusionReason { .cost }
  /// Largest annual cost, SR units (0.10): a quarter of the assumed pre-cost Sharpe ratio of 0.4.
  public var maximumSRCost: Double = 0.10

  public init(maximumSRCost: Double = 0.10) { self.maximumSRCost = maximumSRCost }

  public func excludes(_ instrument: some Screenable, in context: FilterContext) -> Bool {
    if instrument.unitRisk == 0 { return true }
    guard let cost = instrument.annualSRCost else { return false }
    return cost > maximumSRCost
  }

  /// Largest annual cost: 0 SR units or more (a large value turns the filter off).
  public static let maximumSRCostRange = ValidRange.atLeast(0)

  /// Every setting outside its range, by key.
  public var violations: [SettingViolation] {
    [Self.maximumSRCostRange.check("maximumSRCost", maximumSRCost)].compactMap { $0 }
  }
}
