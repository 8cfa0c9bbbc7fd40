import LinearAlgebra
import Testing
import Tradeable
import _TestSupport

@Suite("Volatility and rebalance turnover")
struct RiskTests {
  @Test("volatility: sample stdev of the last differences × 16")
  func volatility() throws {
    // Prices 10, 12, 11, 13, 12 → differences 2, −1, 2, −1; mean 0.5; squared deviations 2.25, 2.25, 2.25, 2.25;
    // sample variance 9/3 = 3; stdev √3; annual √3 × 16 = 27.7128…
    let window = volatilityWindow([10, 12, 11, 13, 12], window: 512)
    #expect(window == [2, -1, 2, -1])
    #expect(approximately(try #require(annualisedPriceVolatility(window)), 3.0.squareRoot() * 16))
    // Window of 2 keeps the last two differences (2, −1): mean 0.5, variance 4.5 → stdev √4.5.
    let short = volatilityWindow([10, 12, 11, 13, 12], window: 2)
    #expect(short == [2, -1])
    #expect(approximately(try #require(sampleStandardDeviation(short)), 4.5.squareRoot()))
    #expect(sampleStandardDeviation([1]) == nil)
  }

  @Test("volatility works on negative back-adjusted prices (differences, not returns)")
  func negativePrices() throws {
    // −5, −3, −6, −4: differences 2, −3, 2: mean 1/3; deviations 5/3, −10/3, 5/3 → Σ² = 150/9; variance 75/9.
    let window = volatilityWindow([-5, -3, -6, -4], window: 512)
    #expect(approximately(try #require(sampleStandardDeviation(window)), (75.0 / 9).squareRoot()))
  }

  @Test("rebalance turnover by hand with span 2 (a = 2/3)")
  func rebalanceByHand() {
    // d = (1, 1, 2, 0): v₂ = mean(1, 1) = 1; v₃ = (1/3)·1 + (2/3)·4 = 3; v₄ = (1/3)·3 + (2/3)·0 = 1.
    // q = (1, 1/√3, 1): changes |1/√3 − 1| + |1 − 1/√3| = 2(1 − 1/√3), mean over 2 changes = 1 − 1/√3;
    // mean position (2 + 1/√3)/3. Turnover = 256 (1 − 1/√3) · 3 / (2 + 1/√3).
    let r = 1 / 3.0.squareRoot()
    let expected = 256 * (1 - r) * 3 / (2 + r)
    #expect(approximately(volatilityTargetingTurnover([1, 1, 2, 0], span: 2, decay: 2.0 / 3), expected))
  }

  @Test("rebalance turnover: constant variance trades nothing; too short a window gives 0")
  func rebalanceEdges() {
    let alternating = (0..<100).map { $0 % 2 == 0 ? 1.0 : -1.0 }
    #expect(approximately(volatilityTargetingTurnover(alternating), 0, absolute: 1e-12))
    #expect(volatilityTargetingTurnover([Double](repeating: 1, count: 35)) == 0)
    // A flat start (zero variance) cannot be sized: 0 rather than infinity.
    #expect(volatilityTargetingTurnover([Double](repeating: 0, count: 35) + [1, 2, 3]) == 0)
  }

  @Test("rebalance turnover with the default span matches a direct transcription of DESIGN.md §4.3")
  func rebalanceDefault() {
    var state: UInt64 = 42
    let d = (0..<512).map { _ -> Double in
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Double(Int64(bitPattern: state >> 11) % 2001 - 1000) / 100
    }
    // Transcription: v over t = 35…511 (0-based 34…511), q_t = 1/√v_t.
    let a = 2.0 / 36
    var v = d[0..<35].reduce(0) { $0 + $1 * $1 } / 35
    var q = [1 / v.squareRoot()]
    for t in 35..<512 {
      v = (1 - a) * v + a * d[t] * d[t]
      q.append(1 / v.squareRoot())
    }
    let meanChange = zip(q.dropFirst(), q).map { abs($0 - $1) }.reduce(0, +) / Double(q.count - 1)
    let meanPosition = q.reduce(0, +) / Double(q.count)
    #expect(approximately(volatilityTargetingTurnover(d), 256 * meanChange / meanPosition, relative: 1e-12))
  }
}

@Suite("Weekly panel")
struct WeeklyPanelTests {
  @Test("weekly closes are each week's last price; differences go to the later week; gaps are skipped")
  func weeklyDifferences() throws {
    let d = { (s: String) in CalendarDay(iso: s)! }
    // Week 1 (Mon 2023-08-07 … ): closes 11 (Fri 11th). Week 2: no price. Week 3: 14 on Wed 23rd.
    // Week 4: 12 on Mon 28th, 15 on Thu 31st → close 15.
    let history = PriceHistory(
      dates: [d("2023-08-07"), d("2023-08-11"), d("2023-08-23"), d("2023-08-28"), d("2023-08-31")],
      prices: [10, 11, 14, 12, 15])
    let panel = PeriodicPanel.weeklyDifferences([history], lastDate: d("2023-08-31"), weeks: 4)
    // Rows: weeks of 7th, 14th, 21st, 28th. Week 1 has no earlier close → no difference. Week 2 missing.
    // Week 3: 14 − 11 = 3. Week 4: 15 − 14 = 1.
    let mask = try #require(panel.mask)
    #expect(mask.column(0) == [0, 0, 1, 1])
    #expect(panel.values.column(0) == [0, 0, 3, 1])
    // With a 2-week window the first difference (week 3) still uses week 1's close, outside the window.
    let short = PeriodicPanel.weeklyDifferences([history], lastDate: d("2023-08-31"), weeks: 2)
    #expect(short.mask == nil)
    #expect(short.values.column(0) == [3, 1])
  }
}

@Suite("Correlation repair")
struct CorrelationRepairTests {
  @Test("a positive definite matrix is left alone")
  func untouched() throws {
    let m = Matrix([[1, 0.5], [0.5, 1]])
    let (out, repair) = try repairCorrelation(m)
    #expect(!repair.repaired && approximately(repair.smallestEigenvalue, 0.5))
    #expect(out == m)
  }

  @Test("an indefinite matrix is repaired: symmetric, unit diagonal, positive definite")
  func repaired() throws {
    // ρ₁₂ = ρ₁₃ = 0.9, ρ₂₃ = −0.9 cannot be a correlation matrix: x = (−1, 1, 1)/√3 gives
    // xᵀCx = (3 − 2·0.9 − 2·0.9 − 2·0.9)/3 = −0.8, an eigenvalue (the others are 1.9, 1.9: trace 3).
    // After clipping at 1e-6 and rescaling it must be a valid correlation matrix.
    let m = Matrix([[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
    let (out, repair) = try repairCorrelation(m)
    #expect(repair.repaired && repair.clippedEigenvalues == 1)
    #expect(approximately(repair.smallestEigenvalue, -0.8))
    #expect(out.asymmetry < 1e-15)
    for i in 0..<3 { #expect(out[i, i] == 1) }
    #expect(try out.smallestEigenvalue() > 0)
    for v in out.storage { #expect(v >= -1 && v <= 1) }
  }
}
