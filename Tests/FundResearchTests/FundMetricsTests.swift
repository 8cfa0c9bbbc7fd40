import Foundation
import Testing
import FundResearch
import Tradeable
import _TestSupport

/// DESIGN.md §8's metrics against a series worked out by hand, the identities between them, and windows.
@Suite("Fund metrics")
struct FundMetricsTests {
  /// Month ends 2023-01-31 … 2023-05-31; NAVs 100, 110, 99, 108.9, 119.79: returns +10%, −10%, +10%, +10%.
  static let dates = FundFixtures.monthEnds(count: 5, last: "2023-05-31")
  static let navs = [100, 110, 99, 108.9, 119.79]

  @Test("each metric of the hand series (P = 12)")
  func handSeries() throws {
    let m = PerformanceMetrics(dates: Self.dates, navs: Self.navs, periodsPerYear: 12)
    #expect(m.returnCount == 4)
    // Cumulative: 119.79 / 100 − 1 = 0.1979.
    #expect(approximately(m.cumulativeReturn, 0.1979, relative: 1e-13))
    // Days 2023-01-31 → 2023-05-31 = 28 + 31 + 30 + 31 = 120; 1.1979^(365.25/120) − 1 = 0.7325771979746407.
    #expect(Self.dates[0].days(to: Self.dates[4]) == 120)
    #expect(approximately(m.annualisedReturn!, 0.7325771979746407, relative: 1e-13))
    // r = (0.1, −0.1, 0.1, 0.1): mean 0.05; deviations (0.05, −0.15, 0.05, 0.05), squares sum 0.03, / 3 = 0.01,
    // sd 0.1; vol 0.1 × √12 = 0.34641016.
    #expect(approximately(m.volatility!, 0.1 * 12.0.squareRoot(), relative: 1e-12))
    // Downside: mean(min(r, 0)²) = 0.01 / 4 = 0.0025, √ = 0.05; × √12 = 0.17320508.
    #expect(approximately(m.downsideDeviation!, 0.05 * 12.0.squareRoot(), relative: 1e-12))
    // Sharpe: 0.05 / 0.1 × √12 = 1.7320508.
    #expect(approximately(m.sharpe!, 0.5 * 12.0.squareRoot(), relative: 1e-12))
    // Sortino: 0.05 × 12 / 0.17320508 = 3.4641016 (= 2√3).
    #expect(approximately(m.sortino!, 2 * 3.0.squareRoot(), relative: 1e-12))
    // Drawdown: peak 110 (2023-02-28), trough 99 (2023-03-31): 99/110 − 1 = −0.1; first NAV ≥ 110 after it is 119.79
    // (2023-05-31; 108.9 is still below).
    #expect(approximately(m.maxDrawdown.depth, -0.1, relative: 1e-13))
    #expect(m.maxDrawdown.peak == CalendarDay(iso: "2023-02-28"))
    #expect(m.maxDrawdown.trough == CalendarDay(iso: "2023-03-31"))
    #expect(m.maxDrawdown.recovery == CalendarDay(iso: "2023-05-31"))
    // Calmar: 0.7325771979746407 / 0.1.
    #expect(approximately(m.calmar!, 7.325771979746407, relative: 1e-12))
    // Sharpe SE: SR_p = 0.5; √((1 + 0.25/2) / 4) × √12 = √0.28125 × √12 = 1.8371173070873834.
    #expect(approximately(m.sharpeStandardError!, 1.8371173070873834, relative: 1e-12))
  }

  @Test("risk-free rate: the Sharpe ratio uses r − R/P, Sortino measures against 0")
  func riskFree() {
    // R = 0.12 a year, P = 12: excess returns r − 0.01 = (0.09, −0.11, 0.09, 0.09), mean 0.04, sd still 0.1:
    // Sharpe 0.4 × √12.
    let m = PerformanceMetrics(dates: Self.dates, navs: Self.navs, periodsPerYear: 12, riskFree: 0.12)
    #expect(approximately(m.sharpe!, 0.4 * 12.0.squareRoot(), relative: 1e-12))
    #expect(
      approximately(m.sharpeStandardError!, ((1 + 0.16 / 2) / 4).squareRoot() * 12.0.squareRoot(), relative: 1e-12))
    #expect(approximately(m.sortino!, 2 * 3.0.squareRoot(), relative: 1e-12))
  }

  @Test("identities: annual Sharpe = per-period × √P, Calmar = annual return / |max DD|, SE formula, Sortino")
  func identities() {
    // A longer made-up path: 300 weekday returns from a fixed pseudo-random sequence.
    let made: [Double] = (0..<300).map { (k: Int) -> Double in
      let u = Double((k * 7919) % 101) / 50.0 - 1
      return 0.01 * u + 0.0003
    }
    let navs = FundFixtures.compounding(made)
    let dates = FundFixtures.weekdays(count: navs.count, last: "2023-08-31")
    let returns = NAVSeries.returns(navs)
    #expect(approximately(returns, made, relative: 1e-9, absolute: 1e-15))
    let mean = FundMetrics.mean(returns)!
    for p in [252.0, 52, 26, 12] {
      let m = PerformanceMetrics(dates: dates, navs: navs, periodsPerYear: p)
      let perPeriod: Double = FundMetrics.perPeriodSharpe(returns, periodsPerYear: p)!
      let rootP: Double = p.squareRoot()
      #expect(approximately(m.sharpe!, perPeriod * rootP, relative: 1e-12))
      #expect(approximately(m.calmar!, m.annualisedReturn! / abs(m.maxDrawdown.depth), relative: 1e-12))
      let standardError: Double = ((1 + perPeriod * perPeriod / 2) / 300).squareRoot() * rootP
      #expect(approximately(m.sharpeStandardError!, standardError, relative: 1e-12))
      // Sortino × downside deviation = mean × P; Sharpe × vol = mean × P (no risk-free rate).
      let meanTimesP: Double = mean * p
      #expect(approximately(m.sortino! * m.downsideDeviation!, meanTimesP, relative: 1e-12))
      #expect(approximately(m.sharpe! * m.volatility!, meanTimesP, relative: 1e-12))
      // Downside deviation never exceeds √(mean r²) × √P.
      let rootMeanSquare: Double = (returns.map { $0 * $0 }.reduce(0, +) / 300).squareRoot() * rootP
      #expect(m.downsideDeviation! <= rootMeanSquare)
    }
  }

  @Test("undefined values are nil: one NAV, flat series, no loss")
  func undefined() {
    let one = PerformanceMetrics(dates: [Self.dates[0]], navs: [100], periodsPerYear: 12)
    #expect(one.returnCount == 0 && one.cumulativeReturn == 0 && one.annualisedReturn == nil)
    #expect(one.volatility == nil && one.sharpe == nil && one.sortino == nil && one.calmar == nil)
    let flat = PerformanceMetrics(dates: Array(Self.dates.prefix(3)), navs: [1, 1, 1], periodsPerYear: 12)
    #expect(flat.volatility == 0 && flat.sharpe == nil && flat.sharpeStandardError == nil)
    #expect(flat.maxDrawdown == Drawdown(depth: 0, peak: nil, trough: nil, recovery: nil))
    // Only gains: downside 0, Sortino undefined, no drawdown, Calmar undefined.
    let up = PerformanceMetrics(dates: Array(Self.dates.prefix(3)), navs: [1, 1.1, 1.2], periodsPerYear: 12)
    #expect(up.downsideDeviation == 0 && up.sortino == nil && up.calmar == nil && up.maxDrawdown.depth == 0)
  }

  @Test("drawdown ties: the peak is the first date of the high, the trough the first date of the low")
  func drawdownTies() {
    let dates = FundFixtures.monthEnds(count: 7, last: "2023-07-31")
    // 100, 120, 120, 90, 90, 119, 120: peak 120 first on 2023-02-28; trough 90 first on 2023-04-30: −25%;
    // recovery on 2023-07-31 (119 is below 120).
    let d = FundMetrics.maxDrawdown(dates: dates, navs: [100, 120, 120, 90, 90, 119, 120])
    #expect(approximately(d.depth, -0.25, relative: 1e-14))
    #expect(d.peak == dates[1] && d.trough == dates[3] && d.recovery == dates[6])
  }

  @Test("windows by calendar months: base NAV on or before the start; nil when the series starts after it")
  func windows() throws {
    let s = NAVSeries(code: "H", dates: Self.dates, navs: Self.navs)
    // 3m: start 2023-05-31 − 3 months = 2023-02-28; base = the NAV of 2023-02-28 (on or before), then 3 more.
    let w = try #require(s.window(.threeMonths))
    #expect(w.dates == Array(Self.dates[1...]) && w.navs == Array(Self.navs[1...]))
    // 6m: start 2022-11-30, before the first NAV: undefined.
    #expect(s.window(.sixMonths) == nil)
    #expect(s.window(.sinceInception)?.count == 5)
    // Day clamping: 2022-05-31 − 3 months = 2022-02-28; 2024-03-31 − 1 month = 2024-02-29.
    #expect(CalendarDay(iso: "2022-05-31")!.addingMonths(-3) == CalendarDay(iso: "2022-02-28"))
    #expect(CalendarDay(iso: "2024-03-31")!.addingMonths(-1) == CalendarDay(iso: "2024-02-29"))
    #expect(CalendarDay(iso: "2023-01-15")!.addingMonths(-36) == CalendarDay(iso: "2020-01-15"))
    // A start falling between NAVs takes the NAV before it as the base. Weekday NAVs up to Friday 2023-09-01:
    let daily = FundFixtures.weekdays(count: 100, last: "2023-09-01")
    let ds = NAVSeries(code: "D", dates: daily, navs: daily.indices.map { 100 + Double($0) })
    // 2023-09-01 − 3 months = 2023-06-01 (Thursday): base is that day itself.
    #expect(ds.window(.threeMonths)?.firstDate == CalendarDay(iso: "2023-06-01"))
    // Ending at 2023-09-03 (Sunday) − 3 months = 2023-06-03 (Saturday): base is Friday 2023-06-02.
    #expect(
      ds.window(.threeMonths, endingAt: CalendarDay(iso: "2023-09-03"))?.firstDate == CalendarDay(iso: "2023-06-02"))
  }

  @Test("month-end windows: a k-month window of a month-end series holds k monthly returns")
  func monthEndWindows() throws {
    // The case the month-end rule fixes: 30 June − 3 months was 30 March, so 31 March counted as inside and 28 February became the
    // base (4 returns). Now a month end maps to the month end: the start is 31 March, the base is 31 March, 3 returns.
    #expect(CalendarDay(iso: "2023-06-30")!.windowStart(months: 3) == CalendarDay(iso: "2023-03-31"))
    #expect(CalendarDay(iso: "2023-06-15")!.windowStart(months: 3) == CalendarDay(iso: "2023-03-15"))
    #expect(CalendarDay(iso: "2023-05-31")!.windowStart(months: 3) == CalendarDay(iso: "2023-02-28"))
    #expect(CalendarDay(iso: "2024-02-29")!.windowStart(months: 12) == CalendarDay(iso: "2023-02-28"))
    #expect(CalendarDay(iso: "2023-02-28")!.windowStart(months: 12) == CalendarDay(iso: "2022-02-28"))
    // 2024-02-28 is not a month end (leap year): the same day a year before.
    #expect(CalendarDay(iso: "2024-02-28")!.windowStart(months: 12) == CalendarDay(iso: "2023-02-28"))
    #expect(CalendarDay(iso: "2023-04-30")!.addingMonthsKeepingMonthEnd(1) == CalendarDay(iso: "2023-05-31"))
    #expect(CalendarDay(iso: "2023-01-31")!.addingMonthsKeepingMonthEnd(1) == CalendarDay(iso: "2023-02-28"))
    let dates = FundFixtures.monthEnds(count: 40, last: "2023-06-30")
    let s = NAVSeries(code: "M", dates: dates, navs: dates.indices.map { 100 + Double($0) })
    for (window, months) in [(MetricWindow.threeMonths, 3), (.sixMonths, 6), (.oneYear, 12), (.threeYears, 36)] {
      let w = try #require(s.window(window))
      #expect(w.returns.count == months, "\(window.rawValue)")
      #expect(w.firstDate == dates[dates.count - 1 - months])
    }
  }

  @Test("reporting frequency from the median gap")
  func frequency() {
    #expect(ReportingFrequency.detect(FundFixtures.weekdays(count: 50, last: "2023-08-31")) == .daily)
    let start = CalendarDay(iso: "2023-01-06")!
    #expect(ReportingFrequency.detect((0..<50).map { start.adding(days: 7 * $0) }) == .weekly)
    #expect(ReportingFrequency.detect((0..<50).map { start.adding(days: 14 * $0) }) == .biweekly)
    #expect(ReportingFrequency.detect(FundFixtures.monthEnds(count: 50, last: "2023-08-31")) == .monthly)
    #expect(ReportingFrequency.detect((0..<50).map { start.adding(days: 91 * $0) }) == .irregular)
    #expect(ReportingFrequency.detect([start]) == nil)
    // Boundaries are inclusive; an even number of gaps takes the mean of the middle two: gaps (4, 5) → 4.5 → weekly.
    #expect(ReportingFrequency.classify(medianGapDays: 4) == .daily)
    #expect(ReportingFrequency.classify(medianGapDays: 10) == .weekly)
    #expect(ReportingFrequency.classify(medianGapDays: 17) == .biweekly)
    #expect(ReportingFrequency.classify(medianGapDays: 35) == .monthly)
    #expect(ReportingFrequency.classify(medianGapDays: 35.5) == .irregular)
    #expect(ReportingFrequency.medianGapDays([start, start.adding(days: 4), start.adding(days: 9)]) == 4.5)
    // Gaps (1, 1, 30): median 1 — a daily series with one long holiday is still daily.
    #expect(
      ReportingFrequency.medianGapDays([start, start.adding(days: 1), start.adding(days: 2), start.adding(days: 32)])
        == 1)
  }

  @Test("calendar-year returns: year-end to year-end, first and last years partial")
  func calendarYears() {
    let dates = ["2021-06-30", "2021-12-31", "2022-06-30", "2022-12-30", "2023-03-31"].map { CalendarDay(iso: $0)! }
    // 100 → 110 (2021, part) → 121 at 2022-12-30 (+10%) → 108.9 (2023, part: −10%).
    let years = CalendarYearReturn.of(dates: dates, navs: [100, 105, 110, 121, 108.9])
    #expect(years.map(\.year) == [2021, 2022, 2023])
    #expect(approximately(years.map(\.value), [0.05, 121.0 / 105 - 1, -0.1], relative: 1e-13))
    // 2021 starts inside the year; 2022 runs from the 2021 close to its own last NAV (not the last of the series);
    // 2023 ends before December 31.
    #expect(years.map(\.isPartial) == [true, false, true])
  }

  @Test("ragged wide fixture with missing values: each series measured on its own NAVs")
  func raggedFixture() throws {
    // A: every month-end January–July; B starts in February and misses April (empty cell / NaN).
    let text = """
      date,A,B
      2023-01-31,100,
      2023-02-28,110,50
      2023-03-31,99,52
      2023-04-30,108.9,NaN
      2023-05-31,119.79,49.4
      2023-06-30,131.769,54.34
      2023-07-31,118.5921,57.057

      """
    let contents = try NAVFileReader.parse(Array(text.utf8), file: "ragged.csv", singleCode: "")
    let universe = FundUniverse(products: contents.series.map { .bare($0.code) }, series: contents.series)
    let entries = try universe.cleaned(FundCleaningRules(history: HistoryFilter(minimumPrices: 5)))
    // B's gaps 31, 61, 30, 31 days: median (31 + 31)/2 = 31 → monthly, like A.
    #expect(entries.map(\.frequency) == [.monthly, .monthly] && entries.allSatisfy(\.isKept))
    let report = FundMetricsReport(entries: entries)
    let six = MetricWindow.allCases.firstIndex(of: .sixMonths)!
    let inception = MetricWindow.allCases.firstIndex(of: .sinceInception)!
    // 6 months before 2023-07-31 is 2023-01-31: A has it as base, B starts later → undefined.
    #expect(report.metrics[0][six]?.returnCount == 6 && report.metrics[1][six] == nil)
    // B's returns skip April: 52/50 − 1 = 0.04, 49.4/52 − 1 = −0.05, 0.1, 0.05. Mean 0.035; deviations 0.005,
    // −0.085, 0.065, 0.015; squares 0.000025 + 0.007225 + 0.004225 + 0.000225 = 0.0117; / 3 = 0.0039.
    let b = try #require(report.metrics[1][inception])
    #expect(b.returnCount == 4 && b.start == CalendarDay(iso: "2023-02-28"))
    #expect(approximately(b.volatility!, (0.0039 * 12).squareRoot(), relative: 1e-12))
    #expect(approximately(b.sharpe!, 0.035 / 0.0039.squareRoot() * 12.0.squareRoot(), relative: 1e-12))
    // Drawdown 49.4/52 − 1 from March to May, recovered in June (54.34 ≥ 52).
    #expect(approximately(b.maxDrawdown.depth, 49.4 / 52 - 1, relative: 1e-12))
    #expect(b.maxDrawdown.recovery == CalendarDay(iso: "2023-06-30"))
    // A's first five NAVs are the hand series: its 3-month window from 2023-04-30 is 108.9, 119.79, 131.769,
    // 118.5921.
    #expect(approximately(report.metrics[0][0]!.cumulativeReturn, 118.5921 / 108.9 - 1, relative: 1e-12))
  }
}
