/// Excludes instruments the capital cannot hold even at their best case: alone they need
/// `maxContracts × currencyVolatility / (idmCap × maxWeight × targetVolatility)` (`InstrumentMetrics.minimumCapital`).
///
/// Worked example (DESIGN.md §5): CSI 500 future at 4715 points × 200 CNY, vol 20% →
/// 4 × 943,000 × 0.20 / (2.5 × 0.10 × 0.20) = 15,088,000 CNY. Skipped when no capital is given.
public struct CapitalFilter: InstrumentFilter {
  public let reason = ExclusionReason.capital
  public init() {}
  public func excludes(_ instrument: InstrumentMetrics, in context: FilterContext) -> Bool {
    guard let capital = context.settings.capital, let needed = instrument.minimumCapital else { return false }
    return capital < needed
  }
}

/// Capital an instrument needs on its own at its best case (DESIGN.md §5):
/// `maxUnits × unitRisk / (idmCap × maxWeight × targetVolatility)`, base currency.
///
/// - Parameters:
///   - unitRisk: annual volatility of one indivisible unit, base currency — a futures contract's currency volatility
///     (`|notional| × annual vol`), or a fund's minimum subscription × its volatility.
///   - maxUnits: units held at the target position (4).
///   - idmCap: the best diversification multiplier it could enjoy (2.5).
///   - maxWeight: the largest weight it could get (futures 0.10; the FOF example uses 0.40).
///   - targetVolatility: the portfolio's annual volatility target (futures 0.20; the FOF example uses 0.10).
public func standaloneMinimumCapital(
  unitRisk: Double, maxUnits: Double, idmCap: Double, maxWeight: Double, targetVolatility: Double
) -> Double {
  maxUnits * unitRisk / (idmCap * maxWeight * targetVolatility)
}
