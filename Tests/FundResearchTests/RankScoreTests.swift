import Foundation
import Testing
import FundResearch
import Tradeable
import _TestSupport

/// Rank scores at a date and the backtest that rebalances on them.
@Suite("Rank score and backtest")
struct RankScoreTests {
  static let dates = FundFixtures.monthEnds(count: 41, last: "2023-12-31")

  /// Returns alternating g + x, g − x: over the 36-month window the cumulative return is ((1+g)² − x²)^18 − 1 and
  /// the per-period Sharpe g / (x √(36/35)).
  static func series(_ code: String, g: Double, x: Double) -> NAVSeries {
    let returns = (0..<40).map { k in k % 2 == 0 ? g + x : g - x }
    return NAVSeries(code: code, dates: dates, navs: FundFixtures.compounding(returns))
  }

  static func entries() throws -> [FundEntry] {
    let weekly = (0..<100).map { CalendarDay(iso: "2023-12-29")!.adding(days: -7 * (99 - $0)) }
    let universe = FundUniverse(
      products: ["A", "B", "C", "D", "F", "Q"].map { .bare($0) },
      series: [
        // A: 1.02^18 − 1 = 42.8%, SR_p 0.99;  B: 1.022544^18 − 1 = 49.4%, SR_p 0.30;
        // C: 1.010021^18 − 1 = 19.7%, SR_p 2.46;  D: 1.015164^18 − 1 = 31.1%, SR_p 0.26.
        series("A", g: 0.010, x: 0.010), series("B", g: 0.012, x: 0.040), series("C", g: 0.005, x: 0.002),
        series("D", g: 0.008, x: 0.030),
        // F: weekly, 100 NAVs (kept) but only 23 months: no full 3-year window.
        NAVSeries(code: "F", dates: weekly, navs: FundFixtures.alternating(step: 0.01, returns: 99)),
        // Q: quarterly: dropped by cleaning.
        NAVSeries(
          code: "Q", dates: (0..<41).map { CalendarDay(iso: "2013-12-31")!.addingMonths(3 * $0) },
          navs: FundFixtures.alternating(step: 0.01, returns: 40)),
      ])
    return try universe.cleaned()
  }

  @Test("ranks, scores (N − i)/N, totals, ties by code, top 2 kept")
  func score() throws {
    let entries = try Self.entries()
    let s = RankScore(entries: entries, at: CalendarDay(iso: "2023-12-31")!)
    // Returns: B 1, A 2, D 3, C 4 → scores 0.75, 0.5, 0.25, 0; Sharpe: C 1, A 2, B 3, D 4 → 0.75, 0.5, 0.25, 0.
    // Totals: A (0.5 + 0.5)/2 = 0.5, B (0.75 + 0.25)/2 = 0.5, C 0.375, D 0.125; A and B tie, A first by code.
    #expect(s.rankedCount == 4)
    let byCode = Dictionary(uniqueKeysWithValues: s.rows.map { ($0.code, $0) })
    #expect(["B", "A", "D", "C"].map { byCode[$0]!.returnRank! } == [1, 2, 3, 4])
    #expect(["C", "A", "B", "D"].map { byCode[$0]!.sharpeRank! } == [1, 2, 3, 4])
    #expect(["A", "B", "C", "D"].map { byCode[$0]!.score! } == [0.5, 0.5, 0.375, 0.125])
    #expect(["A", "B", "C", "D"].map { byCode[$0]!.overallRank! } == [1, 2, 3, 4])
    #expect(s.selected.map { entries[$0].code } == ["A", "B"])
    #expect(approximately(byCode["A"]!.trailingReturn!, pow(1.02, 18) - 1, relative: 1e-12))
    #expect(
      approximately(
        byCode["C"]!.trailingSharpe!, 0.005 / (0.002 * (36.0 / 35).squareRoot()) * 12.0.squareRoot(),
        relative: 1e-9))
    #expect(byCode["F"]!.reasons == [.window] && byCode["Q"]!.reasons == [.frequency])
    // Scored at 2023-09-30 the window ends there (only NAVs on or before it count) and starts 36 months earlier;
    // at 2023-07-31 A (first NAV 2020-08-31) has no full window yet.
    let earlier = RankScore(entries: entries, at: CalendarDay(iso: "2023-09-30")!)
    #expect(earlier.rows[0].windowEnd == CalendarDay(iso: "2023-09-30"))
    #expect(earlier.rows[0].windowStart == CalendarDay(iso: "2020-09-30"))
    #expect(RankScore(entries: entries, at: CalendarDay(iso: "2023-07-31")!).rows[0].reasons == [.window])
  }

  @Test("keep count: ceil(0.2 N), at least 2, at most N")
  func keepCount() {
    let s = RankScoreSettings()
    #expect([0, 1, 2, 3, 10, 11, 15, 16, 20].map { s.keepCount(ranked: $0) } == [0, 1, 2, 2, 2, 3, 3, 4, 4])
  }

  /// Three monthly products over six years for the backtest.
  static func backtestUniverse() -> FundUniverse {
    let dates = FundFixtures.monthEnds(count: 73, last: "2023-12-31")
    func s(_ code: String, _ g: Double, _ x: Double) -> NAVSeries {
      NAVSeries(code: code, dates: dates, navs: FundFixtures.compounding((0..<72).map { $0 % 2 == 0 ? g + x : g - x }))
    }
    return FundUniverse(
      products: ["X", "Y", "Z"].map { .bare($0) },
      series: [s("X", 0.01, 0.01), s("Y", 0.008, 0.005), s("Z", 0.002, 0.03)])
  }

  /// The backtest's cleaning with 37 NAVs required: a product then counts from its 36th month on, as the window does.
  static let thirtySevenNAVs = FundCleaningRules(history: HistoryFilter(minimumPrices: 37))

  @Test("backtest: equal amounts of the top two, bought and held for six months; benchmark holds all three")
  func backtest() throws {
    let universe = Self.backtestUniverse()
    let b = try #require(try RankBacktest(universe: universe, cleaning: Self.thirtySevenNAVs))
    // Default start: the second product to have a full window, 2017-12-31 + 36 months = 2020-12-31; then every six
    // months to the last NAV, 2023-12-31 included: 2020-12, 2021-06, 2021-12, 2022-06, 2022-12, 2023-06, 2023-12.
    #expect(b.dates.first == CalendarDay(iso: "2020-12-31") && b.rebalances.count == 7)
    #expect(b.rebalances.last?.date == CalendarDay(iso: "2023-12-31"))
    // X and Y dominate Z on both return and Sharpe: they are the target every time.
    #expect(b.rebalances.allSatisfy { $0.selected == ["X", "Y"] })
    // Over the first six months the book is ½ X(t)/X(t₀) + ½ Y(t)/Y(t₀); the benchmark a third of each.
    let nav = { (k: Int, t: Int) -> Double in universe.series[k].navs[36 + t] / universe.series[k].navs[36] }
    for t in 0...6 {
      #expect(approximately(b.strategy[t], 0.5 * nav(0, t) + 0.5 * nav(1, t), relative: 1e-13))
      #expect(approximately(b.benchmark[t], (nav(0, t) + nav(1, t) + nav(2, t)) / 3, relative: 1e-13))
    }
    // At the second rebalance both books are reset to equal amounts: the next step grows each by the mean return.
    let v6 = b.strategy[6]
    #expect(
      approximately(b.strategy[7], v6 * (0.5 * nav(0, 7) / nav(0, 6) + 0.5 * nav(1, 7) / nav(1, 6)), relative: 1e-13))
  }

  @Test("backtest: screens are point in time — with 40 NAVs required the first rebalance waits for the 40th")
  func backtestHistoryAsOfTheDate() throws {
    // Every product has 73 NAVs in all, but on 2020-12-31 only 37: cleaned as of that date none is kept. The 40th
    // month end from 2017-12-31 is 2021-03-31, the first date two (all three) are ranked; the schedule counts from it.
    let b = try #require(try RankBacktest(universe: Self.backtestUniverse()))
    #expect(b.dates.first == CalendarDay(iso: "2021-03-31"))
    #expect(b.rebalances.map(\.date.description) == ["2021-03-31", "2021-09-30", "2022-03-31", "2022-09-30", "2023-03-31", "2023-09-30"])
    #expect(b.rebalances.first?.score.rankedCount == 3)
  }

  @Test("backtest: appending future NAVs changes no past decision (and would have, with full-history screens)")
  func backtestHasNoLookAhead() throws {
    // X, Y, Z as above, and W: monthly from 2021-07-31, the best performer by far (3% a month, no risk but a small
    // wobble). Cut at 2023-12-31 it has 30 NAVs; the full data run to 2026-12-31 (W then has 66). With 40 NAVs
    // required W can never be ranked before 2024-10-31, its 40th month end.
    let ends = FundFixtures.monthEnds(count: 109, last: "2026-12-31")  // 2017-12-31 … 2026-12-31
    func s(_ code: String, from first: Int, _ g: Double, _ x: Double) -> NAVSeries {
      let dates = Array(ends[first...])
      return NAVSeries(
        code: code, dates: dates,
        navs: FundFixtures.compounding((0..<(dates.count - 1)).map { $0 % 2 == 0 ? g + x : g - x }))
    }
    let full = FundUniverse(
      products: ["W", "X", "Y", "Z"].map { .bare($0) },
      series: [s("W", from: 43, 0.03, 0.001), s("X", from: 0, 0.01, 0.01), s("Y", from: 0, 0.008, 0.005),
               s("Z", from: 0, 0.002, 0.03)])
    let cut = CalendarDay(iso: "2023-12-31")!
    let settings = RankBacktestSettings(rebalanceMonths: 3, scoring: RankScoreSettings(windowMonths: 12))
    let past = try #require(try RankBacktest(universe: full.asOf(cut), settings: settings))
    let whole = try #require(try RankBacktest(universe: full, settings: settings))
    #expect(past.rebalances.count >= 8 && whole.rebalances.count > past.rebalances.count)
    for (a, b) in zip(past.rebalances, whole.rebalances) {
      #expect(a.date == b.date && a.scheduled == b.scheduled)
      #expect(a.selected == b.selected && a.benchmarkCount == b.benchmarkCount)
      // The same data give the same numbers, not close ones.
      #expect(identical(a.score.rows.map { $0.score ?? .nan }, b.score.rows.map { $0.score ?? .nan }))
      #expect(a.score.rows.map(\.reasons) == b.score.rows.map(\.reasons))
    }
    // The values up to the cut are the same numbers: they depend on decisions and NAVs up to then only.
    for k in past.dates.indices {
      #expect(whole.dates[k] == past.dates[k])
      #expect(identical(whole.strategy[k], past.strategy[k]) && identical(whole.benchmark[k], past.benchmark[k]))
    }
    // W is first ranked — and chosen — once it has 40 NAVs, on 2024-12-31 (the first rebalance after 2024-10-31).
    let firstW = try #require(whole.rebalances.first { $0.selected.contains("W") })
    #expect(firstW.date == CalendarDay(iso: "2024-12-31"))
    // Screened with the full history instead (the look-ahead this guards against), W would already be ranked first
    // at 2023-06-30, when it has 24 NAVs.
    let early = CalendarDay(iso: "2023-06-30")!
    let lookingAhead = RankScore(entries: try full.cleaned(), at: early, settings: settings.scoring)
    #expect(lookingAhead.selected.first.map { lookingAhead.rows[$0].code } == "W")
    let asOfThen = RankScore(entries: try full.asOf(early).cleaned(), at: early, settings: settings.scoring)
    #expect(asOfThen.rows[0].reasons == [.history])
  }

  @Test("open dates: an order waits for the product's open date, the money in cash meanwhile")
  func openDates() throws {
    let universe = Self.backtestUniverse()
    let start = CalendarDay(iso: "2020-12-31")!
    // Y opens only two months after the first rebalance, and at later rebalances.
    // (Month ends: 2020-12-31 plus 2 months is 2021-02-28, plus 6k months 2021-06-30, 2021-12-31, ….)
    var open: Set<CalendarDay> = [start.addingMonths(2)]
    for k in 1..<7 { open.insert(start.addingMonths(6 * k)) }
    let backtest = try #require(
      try RankBacktest(universe: universe, cleaning: Self.thirtySevenNAVs, openDates: ["Y": open]))
    let nav = { (k: Int, t: Int) -> Double in universe.series[k].navs[36 + t] / universe.series[k].navs[36] }
    // Month 1: ½ in X, ½ in cash. Month 2: Y bought with the cash, a target of ½ of the book at that date.
    #expect(approximately(backtest.strategy[1], 0.5 * nav(0, 1) + 0.5, relative: 1e-13))
    #expect(approximately(backtest.strategy[2], 0.5 * nav(0, 2) + 0.5, relative: 1e-13))
    // Y's target is half the book at month 2, more than the 0.5 of cash (X grew): all the cash goes into Y, and the
    // rest of the order waits for Y's next open date.
    #expect(0.5 * backtest.strategy[2] > 0.5)
    #expect(approximately(backtest.strategy[3], 0.5 * nav(0, 3) + 0.5 * nav(1, 3) / nav(1, 2), relative: 1e-13))
  }
}
