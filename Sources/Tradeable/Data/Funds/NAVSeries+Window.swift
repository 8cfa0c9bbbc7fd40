/// Windows of calendar months (DESIGN.md §8): the FOF volatility's last 36 months, and every windowed metric of
/// `FundResearch`.
extension NAVSeries {
  /// The NAVs of the last `months` calendar months ending at `end` (default: the last NAV date): those dated after
  /// `end − months` and on or before `end`, plus, as base, the last NAV on or before that start. `nil` when the series
  /// starts after the start (no base) or has no NAV after it. `months == nil`: every NAV on or before `end`.
  public func window(months: Int?, endingAt end: CalendarDay? = nil) -> NAVSeries? {
    guard let last = lastDate else { return nil }
    let end = end ?? last
    guard let through = lastIndex(onOrBefore: end) else { return nil }
    guard let months else {
      return NAVSeries(code: code, dates: Array(dates[...through]), navs: Array(navs[...through]))
    }
    let start = end.addingMonths(-months)
    guard let base = lastIndex(onOrBefore: start), base < through else { return nil }
    return NAVSeries(code: code, dates: Array(dates[base...through]), navs: Array(navs[base...through]))
  }

  /// Returns of the last `months` calendar months (the window's returns), or every return when the series is
  /// shorter than that.
  public func trailingReturns(months: Int) -> [Double] {
    window(months: months)?.returns ?? returns
  }
}
