import Foundation
import Testing
import FundResearch
import Tradeable
import _TestSupport

/// Fixed-weight mixes on a path small enough to follow by hand.
@Suite("Blend")
struct BlendTests {
  static let dates = ["2021-12-31", "2022-06-30", "2022-12-30", "2023-06-30"].map { CalendarDay(iso: $0)! }
  /// A: 100, 120, 120, 132 (+20%, 0, +10%); B: 100, 100, 90, 90 (0, −10%, 0).
  static let series = [
    NAVSeries(code: "A", dates: dates, navs: [100, 120, 120, 132]),
    NAVSeries(code: "B", dates: dates, navs: [100, 100, 90, 90]),
  ]

  func run(_ rule: BlendRebalancing) throws -> BlendBacktest {
    try BlendBacktest(series: Self.series, weights: [0.5, 0.5], rebalancing: rule, periodsPerYear: 2)
  }

  @Test("annual: reset at the year's last date")
  func annual() throws {
    // 0.6 + 0.5 = 1.1; 0.6 + 0.45 = 1.05, reset to 0.525 each (2022 ends); 0.525 × 1.1 + 0.525 = 1.1025.
    let b = try run(.annual)
    #expect(approximately(b.values, [1, 1.1, 1.05, 1.1025], relative: 1e-14))
    #expect(b.rebalanceDates == [Self.dates[2]])
  }

  @Test("never: buy and hold")
  func never() throws {
    // 0.5 × 1.32 + 0.5 × 0.9 = 1.11.
    #expect(approximately(try run(.never).values, [1, 1.1, 1.05, 1.11], relative: 1e-14))
  }

  @Test("threshold band: reset when a weight drifts more than the band")
  func threshold() throws {
    // Band 4 points: after step 1, A weighs 0.6 / 1.1 = 54.5% (4.5 points off): reset to 0.55 each. Step 2: 0.55 +
    // 0.495 = 1.045, A at 52.6% (2.6 points): kept. Step 3: 0.605 + 0.495 = 1.1.
    let b = try run(.threshold(band: 0.04))
    #expect(approximately(b.values, [1, 1.1, 1.045, 1.1], relative: 1e-14))
    #expect(b.rebalanceDates == [Self.dates[1]])
    // Band 5 points: first reset at step 2 (A at 57.1%), like annual here.
    #expect(approximately(try run(.threshold(band: 0.05)).values, [1, 1.1, 1.05, 1.1025], relative: 1e-14))
  }

  @Test("metrics, calendar years and correlation of the mix")
  func report() throws {
    let b = try run(.annual)
    let m = b.metrics()
    // Returns 10%, −4.545%, 5%: cumulative 10.25%; drawdown 1.05/1.1 − 1 from 2022-06-30 to 2022-12-30, recovered
    // 2023-06-30 (1.1025 ≥ 1.1).
    #expect(approximately(m.cumulativeReturn, 0.1025, relative: 1e-13))
    #expect(approximately(m.maxDrawdown.depth, 1.05 / 1.1 - 1, relative: 1e-13))
    #expect(m.maxDrawdown.recovery == Self.dates[3])
    #expect(b.calendarYears.map(\.year) == [2022, 2023])
    #expect(approximately(b.calendarYears.map(\.value), [0.05, 0.05], relative: 1e-13))
    // A returns (0.2, 0, 0.1), B (0, −0.1, 0): centred (0.1, −0.1, 0) and (1/30)(1, −2, 1)... r = Σxy/√(ΣxxΣyy):
    // x = (0.1, −0.1, 0), y = (0.0333, −0.0667, 0.0333): Σxy = 0.01, Σxx = 0.02, Σyy = 0.00667 → 0.01/√(0.000133)
    // = 0.8660254 (= √3/2).
    #expect(approximately(b.correlation[0, 1], 3.0.squareRoot() / 2, relative: 1e-12))
  }

  @Test("too few common dates and irregular dates are reported")
  func failures() {
    #expect(throws: BlendBacktest.Failure.tooFewCommonDates(2)) {
      try BlendBacktest(
        series: [NAVSeries(code: "A", dates: Array(Self.dates.prefix(2)), navs: [1, 2]), Self.series[1]],
        weights: [0.5, 0.5], rebalancing: .annual)
    }
    // Half-yearly dates without --periods-per-year: gaps of 181, 183 and 182 days, median 182 — beyond monthly (35),
    // so irregular, and the error carries the median.
    #expect(throws: BlendBacktest.Failure.irregularDates(medianGapDays: 182)) {
      try BlendBacktest(series: Self.series, weights: [0.5, 0.5], rebalancing: .annual)
    }
  }
}
