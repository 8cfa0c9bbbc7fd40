/// Excludes products whose annual volatility is at most `minimumVolatility` (0: a flat series), or cannot be measured
/// (fewer than two returns): their Sharpe ratio and SR cost are undefined (DESIGN.md §8, funds' `volatility` reason).
/// Futures have no such filter: their cost filter excludes a zero volatility as an infinite cost (§5).
public struct VolatilityFilter: InstrumentFilter, Codable, Equatable {
  public var reason: ExclusionReason { .volatility }
  /// Annual volatility, a fraction, at or below which a product is excluded (0).
  public var minimumVolatility: Double = 0

  public init(minimumVolatility: Double = 0) { self.minimumVolatility = minimumVolatility }

  public func excludes(_ instrument: some Screenable, in context: FilterContext) -> Bool {
    guard let volatility = instrument.annualVolatility else { return true }
    return !(volatility > minimumVolatility)
  }
}
