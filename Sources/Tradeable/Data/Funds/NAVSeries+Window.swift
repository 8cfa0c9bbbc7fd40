/// Windows of calendar months (DESIGN.md §8): the FOF volatility's last 36 months, and every windowed metric of
/// `FundResearch`.
extension NAVSeries {
  /// The NAVs of the last `months` calendar months ending at `end` (default: the last NAV date): those dated after
  /// the window's start `end.windowStart(months:)` and on or before `end`, plus, as base, the last NAV on or before
  /// that start. The start keeps month ends (30 June − 3 months = 31 March), so a month-end series has `months`
  /// returns in the window. `nil` when the series starts after the start (no base) or has no NAV after it.
  /// `months == nil`: every NAV on or before `end`.
  public func window(months: Int?, endingAt end: CalendarDay? = nil) -> NAVSeries? {
    guard let range = windowRange(months: months, endingAt: end) else { return nil }
    return NAVSeries(code: code, dates: Array(dates[range]), navs: Array(navs[range]))
  }

  /// The indices of `window(months:endingAt:)`'s NAVs (base first), without copying them; `nil` when the window is.
  public func windowRange(months: Int?, endingAt end: CalendarDay? = nil) -> ClosedRange<Int>? {
    guard let last = lastDate else { return nil }
    let end = end ?? last
    guard let through = lastIndex(onOrBefore: end) else { return nil }
    guard let months else { return 0...through }
    guard let base = lastIndex(onOrBefore: end.windowStart(months: months)), base < through else { return nil }
    return base...through
  }

  /// Returns of the last `months` calendar months (the window's returns), or every return when the series is
  /// shorter than that.
  public func trailingReturns(months: Int) -> [Double] {
    window(months: months)?.returns ?? returns
  }
}
