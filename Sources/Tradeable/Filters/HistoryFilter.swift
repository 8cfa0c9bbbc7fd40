/// Excludes instruments with fewer daily prices than `minimumHistory` (512, two years): their volatility and costs
/// rest on too little data.
public struct HistoryFilter: InstrumentFilter {
  public let reason = ExclusionReason.history
  public init() {}
  public func excludes(_ instrument: InstrumentMetrics, in context: FilterContext) -> Bool {
    instrument.priceCount < context.settings.minimumHistory
  }
}
