/// Calendar-month arithmetic for the fund windows (DESIGN.md §8: "by calendar months").
extension CalendarDay {
  /// A running month number, `year × 12 + month − 1`: consecutive calendar months have consecutive numbers, so "the 60
  /// months ending with month m" is the range `m − 59 ... m`.
  public var monthNumber: Int {
    let (y, m, _) = components
    return y * 12 + m - 1
  }

  /// The same day `months` calendar months later (earlier when negative), the day clamped to the end of a shorter
  /// month: 2022-05-31 − 3 months = 2022-02-28, 2024-03-31 − 1 month = 2024-02-29. This is the convention of
  /// pandas' `DateOffset(months=…)`; the fund windows use `windowStart(months:)`, which also keeps month ends.
  public func addingMonths(_ months: Int) -> CalendarDay {
    let (y, m, d) = components
    let shifted = y * 12 + (m - 1) + months
    let year = shifted >= 0 ? shifted / 12 : (shifted - 11) / 12
    let month = shifted - year * 12 + 1
    let day = min(d, CalendarDay.daysInMonth(year: year, month: month))
    return CalendarDay(year: year, month: month, day: day)!
  }

  /// Whether this is the last day of its month (2024-02-29, 2023-06-30).
  public var isLastDayOfMonth: Bool {
    let (y, m, d) = components
    return d == CalendarDay.daysInMonth(year: y, month: m)
  }

  /// The last day of this day's month: the calendar month end that stands for the month (DESIGN.md §8's factor test
  /// and rolling style windows are dated by it).
  public var lastDayOfMonth: CalendarDay {
    let (y, m, _) = components
    return CalendarDay(year: y, month: m, day: CalendarDay.daysInMonth(year: y, month: m))!
  }

  /// The last day of the month `months` calendar months after this day's month (before it when negative).
  public func monthEnd(afterMonths months: Int) -> CalendarDay {
    let shifted = monthNumber + months
    let year = shifted >= 0 ? shifted / 12 : (shifted - 11) / 12
    let month = shifted - year * 12 + 1
    return CalendarDay(year: year, month: month, day: CalendarDay.daysInMonth(year: year, month: month))!
  }

  /// `addingMonths(months)`, except that a month end stays a month end: 2023-04-30 + 1 month = 2023-05-31,
  /// 2023-06-30 − 3 months = 2023-03-31, 2023-06-15 − 3 months = 2023-03-15. The calendar of every fund window and
  /// schedule (DESIGN.md §8), so that a month-end series has one NAV per month of a span.
  public func addingMonthsKeepingMonthEnd(_ months: Int) -> CalendarDay {
    isLastDayOfMonth ? monthEnd(afterMonths: months) : addingMonths(months)
  }

  /// The start of a window of `months` calendar months ending on this day (DESIGN.md §8): the same day `months`
  /// months earlier, clipped to that month's length — or that month's last day when this day is the last day of its
  /// month (`addingMonthsKeepingMonthEnd(−months)`). So a month-end series has exactly `months` monthly returns in the
  /// window: 2023-06-30 − 3 months = 2023-03-31 (not 2023-03-30, which would put 31 March inside and make 28 February
  /// the base), 2023-06-15 − 3 months = 2023-03-15, 2023-05-31 − 3 months = 2023-02-28.
  public func windowStart(months: Int) -> CalendarDay { addingMonthsKeepingMonthEnd(-months) }

  /// The calendar year.
  public var year: Int { components.year }

  /// Calendar days from `self` to `other` (negative when `other` is earlier).
  public func days(to other: CalendarDay) -> Int { Int(other.daysSinceEpoch) - Int(daysSinceEpoch) }
}
