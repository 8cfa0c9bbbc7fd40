/// A calendar date without a time of day, stored as days since 1970-01-01 (proleptic Gregorian calendar).
///
/// Price files name days as ISO `YYYY-MM-DD`; everything Tradeable does with dates (ordering, weekdays, ISO weeks,
/// staleness) is integer arithmetic on this count, so there is no time zone to get wrong.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01 (negative before it).
  public let daysSinceEpoch: Int32

  public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

  /// The day `year-month-day`, or `nil` if no such day exists (month 13, February 30, …).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= CalendarDay.daysInMonth(year: year, month: month) else {
      return nil
    }
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    self.daysSinceEpoch = Int32(era * 146097 + dayOfEra - 719468)
  }

  /// The years a date read from input may have: 1900 to 2200. Prices and NAVs before 1900 do not exist in electronic
  /// form, and a date after 2200 is a placeholder (`9999-12-31`) or a typo; either would silently move the universe's
  /// last date and make every other instrument stale, so it is an error at its line and column instead.
  public static let supportedYears = 1900...2200

  /// Parses exactly `YYYY-MM-DD`, a valid day in `supportedYears`.
  public init?(iso text: String) {
    let bytes = Array(text.utf8)
    guard let day = bytes.withUnsafeBufferPointer({ CalendarDay.parse($0.baseAddress!, count: $0.count) }) else {
      return nil
    }
    self = day
  }

  /// Parses exactly ten bytes `YYYY-MM-DD` at `p`; `nil` if they are not a valid date of `supportedYears`.
  @inline(__always)
  static func parse(_ p: UnsafePointer<UInt8>, count: Int) -> CalendarDay? {
    guard count == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
    @inline(__always) func digit(_ i: Int) -> Int? {
      let d = Int(p[i]) &- 48
      return (0...9).contains(d) ? d : nil
    }
    guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
      let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9)
    else { return nil }
    let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3, month = m0 * 10 + m1, day = d0 * 10 + d1
    // Table of month starts for the supported years: one lookup instead of the civil-date arithmetic.
    guard year >= 1900, year <= 2200, month >= 1, month <= 12 else { return nil }
    let slot = (year - 1900) * 12 + month - 1
    let start = CalendarDay.monthStarts[slot]
    let length = CalendarDay.monthStarts[slot + 1] - start
    guard day >= 1, Int32(day) <= length else { return nil }
    return CalendarDay(daysSinceEpoch: start + Int32(day - 1))
  }

  /// Days since the epoch of the first day of each month from January 1900 to January 2201.
  static let monthStarts: [Int32] = (0...(301 * 12)).map { k in
    CalendarDay(year: 1900 + k / 12, month: k % 12 + 1, day: 1)!.daysSinceEpoch
  }

  /// Why the `count` bytes at `p` are not a date of input (`parse` failed on them), for a message: empty, a valid
  /// `YYYY-MM-DD` outside `supportedYears`, or not a date at all; what was written is quoted as a short, escaped
  /// excerpt. `what` names the field (`date`, `DATETIME`).
  static func problem(
    _ p: UnsafePointer<UInt8>, count: Int, what: String = "date",
    format: String = "Write dates as YYYY-MM-DD, e.g. 2023-08-31."
  ) -> (message: String, suggestion: String) {
    let written = InputError.escapedExcerpt(UnsafeBufferPointer(start: p, count: count))
    if count == 0 { return ("the \(what) is empty", format) }
    if count >= 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"),
      [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ p[$0] &- 48 < 10 })
    {
      let year = (0..<4).reduce(0) { $0 * 10 + Int(p[$1] &- 48) }
      let month = Int(p[5] &- 48) * 10 + Int(p[6] &- 48)
      let day = Int(p[8] &- 48) * 10 + Int(p[9] &- 48)
      if !supportedYears.contains(year), (1...12).contains(month), day >= 1,
        day <= daysInMonth(year: year, month: month)
      {
        return (
          "the \(what) '\(written)' is outside the years \(supportedYears.lowerBound) to \(supportedYears.upperBound)",
          "Correct the date: a placeholder such as 9999-12-31 or 0001-01-01 is not a price date, and it would move "
            + "the universe's last date."
        )
      }
    }
    return ("cannot read '\(written)' as a \(what)", format)
  }

  static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Year, month and day (Howard Hinnant's civil_from_days).
  public var components: (year: Int, month: Int, day: Int) {
    let z = Int(daysSinceEpoch) + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let dayOfEra = z - era * 146097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// ISO `YYYY-MM-DD`.
  public var description: String {
    let (y, m, d) = components
    func pad(_ v: Int, _ width: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// Day of the week, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
  public var weekday: Int {
    let r = (Int(daysSinceEpoch) + 3) % 7
    return r < 0 ? r + 7 : r
  }

  /// Whether the day is Monday to Friday.
  public var isWeekday: Bool { weekday < 5 }

  /// A running number of the ISO week (Monday to Sunday) holding this day: consecutive weeks have consecutive
  /// numbers, so "the 260 ISO weeks ending with week w" is the range `w-259 ... w`.
  public var isoWeekNumber: Int {
    let shifted = Int(daysSinceEpoch) + 3  // days since Monday 1969-12-29
    return shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
  }

  /// Number of weekdays (Monday to Friday) `d` with `start < d <= end`; zero when `end <= start`.
  ///
  /// The stale filter counts these from an instrument's last price date to the universe's last date.
  public static func weekdays(after start: CalendarDay, through end: CalendarDay) -> Int {
    guard end > start else { return 0 }
    return weekdaysThrough(end) - weekdaysThrough(start)
  }

  /// Weekdays from Monday 1969-12-29 through `day` (may be negative for earlier days; only differences matter).
  static func weekdaysThrough(_ day: CalendarDay) -> Int {
    let shifted = Int(day.daysSinceEpoch) + 3
    let weeks = shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
    let dayInWeek = shifted - weeks * 7
    return weeks * 5 + min(dayInWeek + 1, 5)
  }

  public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

  /// The day `n` days later.
  public func adding(days n: Int) -> CalendarDay { CalendarDay(daysSinceEpoch: daysSinceEpoch + Int32(n)) }
}
