/// Excludes instruments whose last price is more than `maximumWeekdays` (10) weekdays before the universe's last date,
/// counting the weekdays after the instrument's last date up to and including the universe's: a market that stopped
/// printing (delisted, renamed, data feed lost) cannot be traded on its old prices.
public struct StaleFilter: InstrumentFilter, Codable, Equatable {
  public var reason: ExclusionReason { .stale }
  /// Weekdays without a price before an instrument is stale (10, two weeks).
  public var maximumWeekdays: Int = 10

  public init(maximumWeekdays: Int = 10) { self.maximumWeekdays = maximumWeekdays }

  public func excludes(_ instrument: some Screenable, in context: FilterContext) -> Bool {
    guard let last = instrument.lastObservationDate, let universeLast = context.universeLastDate else { return true }
    return CalendarDay.weekdays(after: last, through: universeLast) > maximumWeekdays
  }

  /// Weekdays without a price: 0 or more (0: every instrument must have a price on the universe's last date).
  public static let maximumWeekdaysRange = ValidRange.atLeast(0, unit: .count)

  /// Every setting outside its range, by key.
  public var violations: [SettingViolation] {
    [Self.maximumWeekdaysRange.check("maximumWeekdays", maximumWeekdays)].compactMap { $0 }
  }
}
