import Tradeable

/// The return of a NAV series over one calendar year.
public struct CalendarYearReturn: Sendable, Equatable {
  /// The year.
  public var year: Int
  /// `nav(last date of the year) / nav(last date of the previous year) − 1`; the first year starts from the first NAV.
  public var value: Double
  /// Whether the year is incomplete: the series starts after its first day, or ends before its last.
  public var isPartial: Bool

  /// One return per calendar year the series spans after its first NAV. A year is partial when the series begins
  /// inside it (the first year, unless the first NAV is the previous year's close) or ends before December 31.
  public static func of(dates: [CalendarDay], navs: [Double]) -> [CalendarYearReturn] {
    guard dates.count >= 2 else { return [] }
    var result: [CalendarYearReturn] = []
    var baseNAV = navs[0]
    var k = 1
    var first = true
    while k < dates.count {
      let year = dates[k].year
      var last = k
      while last + 1 < dates.count, dates[last + 1].year == year { last += 1 }
      let startsInside = first && dates[0].year == year
      let endsEarly = last == dates.count - 1 && dates[last] < CalendarDay(year: year, month: 12, day: 31)!
      result.append(
        CalendarYearReturn(year: year, value: navs[last] / baseNAV - 1, isPartial: startsInside || endsEarly))
      baseNAV = navs[last]
      first = false
      k = last + 1
    }
    return result
  }
}
