/// Excludes instruments whose annual cost exceeds `maxSRCost` (0.10 SR units a year), or whose volatility is zero
/// (no risk to target, and every trade infinitely expensive in risk units).
///
/// An instrument whose volatility is unknown (fewer than two prices) is left to the history filter.
public struct CostFilter: InstrumentFilter {
  public let reason = ExclusionReason.cost
  public init() {}
  public func excludes(_ instrument: InstrumentMetrics, in context: FilterContext) -> Bool {
    if instrument.currencyVolatility == 0 { return true }
    guard let cost = instrument.annualSRCost else { return false }
    return cost > context.settings.maxSRCost
  }
}
