/// The look-back windows of the fund metrics (DESIGN.md §8).
public enum MetricWindow: String, Sendable, CaseIterable {
  case threeMonths = "3m"
  case sixMonths = "6m"
  case oneYear = "1y"
  case threeYears = "3y"
  case sinceInception = "inception"

  /// Calendar months looked back; `nil` since inception.
  public var months: Int? {
    switch self {
    case .threeMonths: return 3
    case .sixMonths: return 6
    case .oneYear: return 12
    case .threeYears: return 36
    case .sinceInception: return nil
    }
  }

  /// Words for tables.
  public var title: String {
    switch self {
    case .threeMonths: return "3 months"
    case .sixMonths: return "6 months"
    case .oneYear: return "1 year"
    case .threeYears: return "3 years"
    case .sinceInception: return "since inception"
    }
  }
}

extension NAVSeries {
  /// The NAVs of `window` ending at `end` (default: the last NAV date); see `window(months:endingAt:)`.
  public func window(_ window: MetricWindow, endingAt end: CalendarDay? = nil) -> NAVSeries? {
    self.window(months: window.months, endingAt: end)
  }

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
