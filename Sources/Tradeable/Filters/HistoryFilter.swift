/// Excludes instruments with fewer observations than `minimumPrices` (512 daily prices, two years): their volatility
/// and costs rest on too little data.
public struct HistoryFilter: InstrumentFilter, Codable, Equatable {
  public var reason: ExclusionReason { .history }
  /// Daily prices an instrument needs (512).
  public var minimumPrices: Int = 512

  public init(minimumPrices: Int = 512) { self.minimumPrices = minimumPrices }

  public func excludes(_ instrument: some Screenable, in context: FilterContext) -> Bool {
    instrument.observationCount < minimumPrices
  }
}
