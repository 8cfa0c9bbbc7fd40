import Testing
import Tradeable
import _TestSupport

/// The one periodic-close panel builder, monthly (funds, DESIGN.md §8); the weekly case is in `WeeklyPanelTests`.
@Suite("Periodic panel")
struct PeriodicPanelTests {
  @Test("monthly returns: each month's last NAV, returns to the later month, months without a NAV skipped")
  func monthlyReturns() throws {
    let d = { (s: String) in CalendarDay(iso: s)! }
    // January closes at 100 (31st), February has no NAV, March closes at 110 (the 15th's 105 is not the close),
    // April at 99. With a 3-month window ending in April (February, March, April): February has no return; March's is
    // 110/100 − 1 = 0.1 (from January's close, before the window); April's 99/110 − 1 = −0.1.
    let series = NAVSeries(
      code: "A", dates: [d("2023-01-31"), d("2023-03-15"), d("2023-03-31"), d("2023-04-28")],
      navs: [100, 105, 110, 99])
    let panel = PeriodicPanel.monthlyReturns([series], lastDate: d("2023-04-30"), months: 3)
    #expect(panel.periods == 3 && panel.firstPeriod == d("2023-02-01").monthNumber)
    let mask = try #require(panel.mask)
    #expect(mask.column(0) == [0, 1, 1])
    #expect(approximately(panel.values.column(0), [0, 0.1, -0.1], relative: 1e-15, absolute: 1e-15))
    // Two months: both present, no mask.
    let short = PeriodicPanel.monthlyReturns([series], lastDate: d("2023-04-30"), months: 2)
    #expect(short.mask == nil)
  }

  @Test("differences and returns of the same closes are the same panel up to the change")
  func changes() {
    let d = { (s: String) in CalendarDay(iso: s)! }
    let dates = [d("2023-08-07"), d("2023-08-11"), d("2023-08-23"), d("2023-08-31")]
    let values = [10.0, 11, 14, 15]
    let difference = PeriodicPanel(
      series: [(dates, values)], lastDate: d("2023-08-31"), periods: 3, period: .isoWeek, change: .difference)
    let simpleReturn = PeriodicPanel(
      series: [(dates, values)], lastDate: d("2023-08-31"), periods: 3, period: .isoWeek, change: .simpleReturn)
    // Weeks of the 14th (none), 21st (14 after 11), 28th (15 after 14).
    #expect(approximately(difference.values.column(0), [0, 3, 1]))
    #expect(approximately(simpleReturn.values.column(0), [0, 14.0 / 11 - 1, 15.0 / 14 - 1], relative: 1e-15))
    #expect(difference.mask == simpleReturn.mask)
  }
}
