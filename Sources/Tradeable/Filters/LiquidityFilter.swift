/// Excludes instruments whose last 20 daily rows average fewer than 100 contracts, or less than 10,000,000 base
/// currency of traded value (`volume × |price| × multiplier × fx`). Where those rows do not all carry a volume the
/// filter cannot judge: it keeps the instrument and flags it `liquidity unknown`.
///
/// The traded value uses the absolute price because back-adjusted prices can be negative while the value traded
/// never is.
public struct LiquidityFilter: InstrumentFilter {
  public let reason = ExclusionReason.liquidity
  public init() {}
  public func excludes(_ instrument: InstrumentMetrics, in context: FilterContext) -> Bool {
    guard case let .measured(meanVolume, meanTradedValue) = instrument.liquidity else { return false }
    return meanVolume < context.settings.minimumVolume || meanTradedValue < context.settings.minimumTradedValue
  }
  public func flags(_ instrument: InstrumentMetrics, in context: FilterContext) -> [InstrumentFlag] {
    instrument.liquidity == .unknown ? [.liquidityUnknown] : []
  }
}
