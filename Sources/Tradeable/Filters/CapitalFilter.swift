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
