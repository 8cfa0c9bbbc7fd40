/// Excludes instruments whose last price is more than `staleWeekdays` (10) weekdays before the universe's last date,
/// counting the weekdays after the instrument's last date up to and including the universe's: a market that stopped
/// printing (delisted, renamed, data feed lost) cannot be traded on its old prices.
public struct StaleFilter: InstrumentFilter {
  public let reason = ExclusionReason.stale
  public init() {}
  public func excludes(_ instrument: InstrumentMetrics, in context: FilterContext) -> Bool {
    guard let last = instrument.lastDate, let universeLast = context.universeLastDate else { return true }
    return CalendarDay.weekdays(after: last, through: universeLast) > context.settings.staleWeekdays
  }
}
