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
  /// pandas' `DateOffset(months=…)` and of most performance reports.
  public func addingMonths(_ months: Int) -> CalendarDay {
    let (y, m, d) = components
    let shifted = y * 12 + (m - 1) + months
    let year = shifted >= 0 ? shifted / 12 : (shifted - 11) / 12
    let month = shifted - year * 12 + 1
    let day = min(d, CalendarDay.daysInMonth(year: year, month: month))
    return CalendarDay(year: year, month: month, day: day)!
  }

  /// The calendar year.
  public var year: Int { components.year }

  /// Calendar days from `self` to `other` (negative when `other` is earlier).
  public func days(to other: CalendarDay) -> Int { Int(other.daysSinceEpoch) - Int(daysSinceEpoch) }
}
