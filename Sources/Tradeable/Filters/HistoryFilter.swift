/// Excludes instruments with fewer observations than `minimumPrices` (512 daily prices, two years): their volatility
/// and costs rest on too little data. An instrument whose volatility could not be measured at all (fewer than two
/// daily differences in its window) is excluded whatever `minimumPrices` says: it has no risk to size a position by.
public struct HistoryFilter: InstrumentFilter, Codable, Equatable {
  public var reason: ExclusionReason { .history }
  /// Daily prices an instrument needs (512).
  public var minimumPrices: Int = 512

  public init(minimumPrices: Int = 512) { self.minimumPrices = minimumPrices }

  public func excludes(_ instrument: some Screenable, in context: FilterContext) -> Bool {
    instrument.observationCount < minimumPrices || instrument.riskIsUnmeasurable
  }

  /// Minimum history: at least 3 prices (two daily differences, the fewest a volatility can be measured from).
  public static let minimumPricesRange = ValidRange.atLeast(
    3, unit: .count, note: "a volatility needs two daily differences, so three prices")

  /// Every setting outside its range, by key.
  public var violations: [SettingViolation] {
    [Self.minimumPricesRange.check("minimumPrices", minimumPrices)].compactMap { $0 }
  }
}
