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
  static func backtestEntries() throws -> [FundEntry] {
    let dates = FundFixtures.monthEnds(count: 73, last: "2023-12-31")
    func s(_ code: String, _ g: Double, _ x: Double) -> NAVSeries {
      NAVSeries(code: code, dates: dates, navs: FundFixtures.compounding((0..<72).map { $0 % 2 == 0 ? g + x : g - x }))
    }
    let universe = FundUniverse(
      products: ["X", "Y", "Z"].map { .bare($0) },
      series: [s("X", 0.01, 0.01), s("Y", 0.008, 0.005), s("Z", 0.002, 0.03)])
    return try universe.cleaned()
  }

  @Test("backtest: equal amounts of the top two, bought and held for six months; benchmark holds all three")
  func backtest() throws {
    let entries = try Self.backtestEntries()
    let b = try #require(RankBacktest(entries: entries))
    // Default start: the second product to have a full window, 2017-12-31 + 36 months = 2020-12-31.
    #expect(b.dates.first == CalendarDay(iso: "2020-12-31") && b.rebalances.count == 6)
    // X and Y dominate Z on both return and Sharpe: they are the target every time.
    #expect(b.rebalances.allSatisfy { $0.selected == ["X", "Y"] })
    // Over the first six months the book is ½ X(t)/X(t₀) + ½ Y(t)/Y(t₀); the benchmark a third of each.
    let nav = { (k: Int, t: Int) -> Double in entries[k].series.navs[36 + t] / entries[k].series.navs[36] }
    for t in 0...6 {
      #expect(approximately(b.strategy[t], 0.5 * nav(0, t) + 0.5 * nav(1, t), relative: 1e-13))
      #expect(approximately(b.benchmark[t], (nav(0, t) + nav(1, t) + nav(2, t)) / 3, relative: 1e-13))
    }
    // At the second rebalance both books are reset to equal amounts: the next step grows each by the mean return.
    let v6 = b.strategy[6]
    #expect(
      approximately(b.strategy[7], v6 * (0.5 * nav(0, 7) / nav(0, 6) + 0.5 * nav(1, 7) / nav(1, 6)), relative: 1e-13))
  }

  @Test("open dates: an order waits for the product's open date, the money in cash meanwhile")
  func openDates() throws {
    let entries = try Self.backtestEntries()
    let start = CalendarDay(iso: "2020-12-31")!
    // Y opens only two months after the first rebalance, and at later rebalances.
    // (Month ends: 2020-12-31 plus 2 months is 2021-02-28, plus 6k months 2021-06-30, 2021-12-31, ….)
    var open: Set<CalendarDay> = [start.addingMonths(2)]
    for k in 1..<7 { open.insert(start.addingMonths(6 * k)) }
    let backtest = try #require(RankBacktest(entries: entries, openDates: ["Y": open]))
    let nav = { (k: Int, t: Int) -> Double in entries[k].series.navs[36 + t] / entries[k].series.navs[36] }
    // Month 1: ½ in X, ½ in cash. Month 2: Y bought with the cash, a target of ½ of the book at that date.
    #expect(approximately(backtest.strategy[1], 0.5 * nav(0, 1) + 0.5, relative: 1e-13))
    #expect(approximately(backtest.strategy[2], 0.5 * nav(0, 2) + 0.5, relative: 1e-13))
    // Y's target is half the book at month 2, more than the 0.5 of cash (X grew): all the cash goes into Y, and the
    // rest of the order waits for Y's next open date.
    #expect(0.5 * backtest.strategy[2] > 0.5)
    #expect(approximately(backtest.strategy[3], 0.5 * nav(0, 3) + 0.5 * nav(1, 3) / nav(1, 2), relative: 1e-13))
  }
}
