import Foundation
import Testing
import Tradeable
import _TestSupport

/// What fund research needs of the core, point in time: the frequency of a growing series, the universe as of a date,
/// month-end windows for the FOF volatility, and the warning and stop-loss lines.
@Suite("Funds point in time and lines")
struct FundPointInTimeTests {
  @Test("the frequency tracker equals detect() of every prefix, gaps of 1 to 400 days, odd and even counts")
  func tracker() {
    var random = RandomSource(seed: 3)
    for trial in 0..<60 {
      // Mixtures of daily, weekly, monthly and irregular gaps, so that medians fall on every class boundary.
      let typical = [1, 3, 4, 5, 7, 10, 11, 14, 17, 18, 30, 35, 36, 60, 70, 71, 91, 400][trial % 18]
      var day = CalendarDay(iso: "2001-01-01")!
      var dates: [CalendarDay] = []
      var tracker = ReportingFrequency.Tracker()
      for _ in 0..<(20 + trial) {
        dates.append(day)
        tracker.add(day)
        #expect(tracker.frequency == ReportingFrequency.detect(dates), "trial \(trial), \(dates.count) dates")
        let jitter = random.chance(0.3) ? Int(random.uniform() * Double(2 * typical)) : 0
        day = day.adding(days: max(1, typical + jitter - typical / 3))
      }
    }
    // By hand: gaps 4 and 70 (even count): median 37 → irregular; 1 and 69: 35 → monthly.
    var a = ReportingFrequency.Tracker()
    for d in ["2020-01-01", "2020-01-05", "2020-03-15"] { a.add(CalendarDay(iso: d)!) }
    #expect(a.frequency == .irregular)
    var b = ReportingFrequency.Tracker()
    for d in ["2020-01-01", "2020-01-02", "2020-03-11"] { b.add(CalendarDay(iso: d)!) }
    #expect(b.frequency == .monthly)
  }

  @Test("asOf(D): every series cut at D, counts and dates as of D; a product not yet reporting is kept, empty")
  func asOf() throws {
    let dates = FundFixtures.monthEnds(count: 50, last: "2023-12-31")
    let early = NAVSeries(code: "E", dates: dates, navs: dates.indices.map { 100 + Double($0) })
    let late = NAVSeries(code: "L", dates: Array(dates[45...]), navs: [1, 1.01, 1.02, 1.01, 1.03])
    let universe = FundUniverse(products: [.bare("E"), .bare("L")], series: [early, late])
    let cut = universe.asOf(CalendarDay(iso: "2022-06-15")!)
    // Month ends 2019-11-30 … 2023-12-31; on or before 2022-06-15: 2019-11 … 2022-05, 31 NAVs.
    #expect(cut.series[0].count == 31 && cut.series[0].lastDate == CalendarDay(iso: "2022-05-31"))
    #expect(cut.series[1].count == 0 && cut.products.map(\.code) == ["E", "L"])
    let entries = try cut.cleaned()
    // 31 NAVs as of the date: the history screen (40) excludes E, though it has 50 in all.
    #expect(entries[0].reasons == [.history] && entries[1].reasons == [.frequency, .history])
    #expect(entries[1].reasonText == "frequency (no NAV yet), history (0 NAVs)")
  }

  @Test("windows of a month-end series hold one return a month: 30 June − 3 months = 31 March")
  func monthEndVolatilityWindow() throws {
    // Month ends to 2023-06-30. The 3-month window starts at the month end three months before, 2023-03-31, and
    // holds 3 returns; the same day three months before, 2023-03-30, would have put 31 March inside and made
    // 28 February the base (4 returns). The FOF volatility's 36 months hold 36 returns.
    let dates = FundFixtures.monthEnds(count: 48, last: "2023-06-30")
    let s = NAVSeries(code: "M", dates: dates, navs: FundFixtures.alternating(step: 0.01, returns: 47))
    #expect(s.window(months: 3)?.returns.count == 3)
    #expect(s.window(months: 3)?.firstDate == CalendarDay(iso: "2023-03-31"))
    #expect(s.trailingReturns(months: 36).count == 36)
  }

  @Test("lines: the fall to each line is 1 − line / NAV; at or below is flagged; products.csv checks them")
  func lines() throws {
    let product = FundProduct(code: "P", warningLine: 0.8, stopLine: 0.7)
    let above = try #require(product.lineStatus(nav: 0.875))
    // 1 − 0.8 / 0.875 = 0.0857142…; 1 − 0.7 / 0.875 = 0.2.
    #expect(approximately(above.warningDistance!, 1 - 0.8 / 0.875, relative: 1e-15))
    #expect(approximately(above.stopDistance!, 0.2, relative: 1e-14))
    #expect(!above.isAtOrBelowWarningLine && !above.isAtOrBelowStopLine)
    let warned = try #require(product.lineStatus(nav: 0.8))
    #expect(warned.isAtOrBelowWarningLine && !warned.isAtOrBelowStopLine && identical(warned.warningDistance!, 0))
    #expect(try #require(product.lineStatus(nav: 0.7)).isAtOrBelowStopLine)
    #expect(FundProduct(code: "Q").lineStatus(nav: 1) == nil)
    // The filter: at or below the stop line is excluded, reason stop_line.
    #expect(StopLineFilter().reason.rawValue == "stop_line")

    let folder = TemporaryDataFolder("lines")
    folder.write("p.csv", "code,warning_line,stop_line\nA,0.8,0.7\nB,,0.9\nC,0.6,0.7\n")
    do {
      _ = try FundProduct.load(CSVTable(contentsOf: folder.path("p.csv")))
      Issue.record("a warning line below the stop line was accepted")
    } catch {
      #expect(error.line == 4 && error.message.contains("the warning line 0.6 is below the stop line 0.7"))
    }
    folder.write("q.csv", "code,warning_line,stop_line\nA,0.8,-1\n")
    #expect(throws: InputError.self) { try FundProduct.load(CSVTable(contentsOf: folder.path("q.csv"))) }
    folder.write("r.csv", "code,warning_line,stop_line\nA,0.8,0.7\nB,,0.9\n")
    let products = try FundProduct.load(CSVTable(contentsOf: folder.path("r.csv")))
    #expect(products[0].warningLine == 0.8 && products[1].warningLine == nil && products[1].stopLine == 0.9)
  }
}
