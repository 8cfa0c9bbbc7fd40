/// Excludes instruments whose last `days` (20) daily rows average fewer than `minimumVolume` (100) contracts, or less
/// than `minimumTradedValue` (10,000,000) base currency of traded value (`volume × |price| × multiplier × fx`). Where
/// those rows do not all carry a volume the filter cannot judge: it keeps the instrument and flags it
/// `liquidity unknown`.
///
/// The traded value uses the absolute price because back-adjusted prices can be negative while the value traded
/// never is. The measurement itself is the cost stage's (`InstrumentMetrics.liquidity`), over this filter's `days`,
/// which the pipeline hands down.
public struct LiquidityFilter: InstrumentFilter, Codable, Equatable {
  public var reason: ExclusionReason { .liquidity }
  /// Last daily rows averaged (20, about a month).
  public var days: Int = 20
  /// Mean contracts a day below which an instrument is illiquid (100).
  public var minimumVolume: Double = 100
  /// Mean daily traded value, base currency, below which an instrument is illiquid (10,000,000).
  public var minimumTradedValue: Double = 10_000_000

  public init(days: Int = 20, minimumVolume: Double = 100, minimumTradedValue: Double = 10_000_000) {
    self.days = days
    self.minimumVolume = minimumVolume
    self.minimumTradedValue = minimumTradedValue
  }

  public func excludes(_ instrument: some Screenable, in context: FilterContext) -> Bool {
    guard case let .measured(meanVolume, meanTradedValue) = instrument.liquidity else { return false }
    return meanVolume < minimumVolume || meanTradedValue < minimumTradedValue
  }

  public func flags(_ instrument: some Screenable, in context: FilterContext) -> [InstrumentFlag] {
    instrument.liquidity == .unknown ? [.liquidityUnknown] : []
  }

  /// Rows averaged: at least 1; an instrument with fewer rows than this is `liquidity unknown`.
  public static let daysRange = ValidRange.atLeast(
    1, unit: .count, note: "an instrument with fewer daily rows is kept as liquidity unknown")
  /// Minimum mean contracts a day: 0 or more.
  public static let minimumVolumeRange = ValidRange.atLeast(0)
  /// Minimum mean traded value a day: 0 or more, at most 10¹⁵ base currency.
  public static let minimumTradedValueRange = ValidRange.atLeast(0, unit: .money).atMost(1e15)

  /// Every setting outside its range, by key.
  public var violations: [SettingViolation] {
    [
      Self.daysRange.check("days", days),
      Self.minimumVolumeRange.check("minimumVolume", minimumVolume),
      Self.minimumTradedValueRange.check("minimumTradedValue", minimumTradedValue),
    ].compactMap { $0 }
  }
}
