import Testing
import Tradeable

@Suite("Calendar days")
struct CalendarDayTests {
  @Test("ISO dates round-trip and invalid dates are rejected")
  func parsing() {
    #expect(CalendarDay(iso: "1970-01-01")?.daysSinceEpoch == 0)
    #expect(CalendarDay(iso: "2000-03-01")?.daysSinceEpoch == 11017)  // 30 years (7 leap days) + Jan + Feb 2000
    #expect(CalendarDay(iso: "2023-08-31")?.description == "2023-08-31")
    #expect(CalendarDay(iso: "1969-12-31")?.daysSinceEpoch == -1)
    #expect(CalendarDay(iso: "2024-02-29") != nil)
    #expect(CalendarDay(iso: "2023-02-29") == nil)
    #expect(CalendarDay(iso: "2023-13-01") == nil)
    #expect(CalendarDay(iso: "2023-1-01") == nil)
    #expect(CalendarDay(iso: "2023/01/01") == nil)
    for text in ["1900-03-01", "2100-12-31", "2020-02-29", "1999-12-31"] {
      #expect(CalendarDay(iso: text)?.description == text)
    }
  }

  @Test("weekdays: 1970-01-01 was a Thursday, 2023-08-31 a Thursday")
  func weekdays() {
    #expect(CalendarDay(iso: "1970-01-01")?.weekday == 3)
    #expect(CalendarDay(iso: "2023-08-31")?.weekday == 3)
    #expect(CalendarDay(iso: "2023-09-02")?.isWeekday == false)
  }

  @Test("ISO weeks run Monday to Sunday, across year ends")
  func isoWeeks() {
    let week = { (s: String) in CalendarDay(iso: s)!.isoWeekNumber }
    // 2020-12-28 (Mon) … 2021-01-03 (Sun) is ISO week 53 of 2020; 2021-01-04 starts week 1 of 2021.
    #expect(week("2020-12-28") == week("2021-01-03"))
    #expect(week("2021-01-04") == week("2021-01-03") + 1)
    #expect(week("2023-08-27") + 1 == week("2023-08-28"))  // Sunday → Monday
    #expect(week("1969-12-29") == 0 && week("1969-12-28") == -1)
  }

  @Test("weekdays strictly after a date up to and including another")
  func weekdayCounts() {
    let d = { (s: String) in CalendarDay(iso: s)! }
    // Thu 2023-08-17 → Thu 2023-08-31: Fri 18, Mon–Fri 21–25, Mon–Thu 28–31 = 1 + 5 + 4 = 10.
    #expect(CalendarDay.weekdays(after: d("2023-08-17"), through: d("2023-08-31")) == 10)
    // Wed 2023-08-16 → 11: stale (more than 10).
    #expect(CalendarDay.weekdays(after: d("2023-08-16"), through: d("2023-08-31")) == 11)
    // Fri → following Mon: 1; same day: 0; reversed: 0.
    #expect(CalendarDay.weekdays(after: d("2023-08-25"), through: d("2023-08-28")) == 1)
    #expect(CalendarDay.weekdays(after: d("2023-08-25"), through: d("2023-08-25")) == 0)
    #expect(CalendarDay.weekdays(after: d("2023-08-28"), through: d("2023-08-25")) == 0)
    // Sat → Sun: 0.
    #expect(CalendarDay.weekdays(after: d("2023-08-26"), through: d("2023-08-27")) == 0)
  }
}
