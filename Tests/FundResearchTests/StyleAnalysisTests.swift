import Foundation
import LinearAlgebra
import Testing
import FundResearch
import Tradeable
import _TestSupport

/// Returns-based style analysis (Sharpe 1992, DESIGN.md §8): known weights, the optimality conditions, agreement with
/// the reference's exact support enumeration (`Tests/References/fund_research_reference.py`), rolling windows.
@Suite("Style analysis")
struct StyleAnalysisTests {
  nonisolated(unsafe) static let fixture: [String: Any] = {
    let url = PackagePaths.root.appendingPathComponent("Tests/References/fixtures/fund-research.json")
    return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
  }()

  /// Monthly NAV series compounding `returns` from 100, month ends ending 2023-12-31.
  static func series(_ code: String, _ returns: [Double]) -> NAVSeries {
    NAVSeries(
      code: code, dates: FundFixtures.monthEnds(count: returns.count + 1, last: "2023-12-31"),
      navs: FundFixtures.compounding(returns))
  }

  /// The reference's three made-up factors (48 monthly returns from sines).
  static var knownFactors: [[Double]] {
    let rows = (fixture["style known weights"] as! [String: Any])["factorReturns"] as! [[Double]]
    return (0..<3).map { k in rows.map { $0[k] } }
  }

  @Test("a product built as 0.5 A + 0.3 B + 0.2 C gets exactly those weights, R² = 1 and no tracking error")
  func knownWeights() throws {
    let f = Self.knownFactors
    let product = (0..<f[0].count).map { 0.5 * f[0][$0] + 0.3 * f[1][$0] + 0.2 * f[2][$0] }
    let a = try StyleAnalysis(
      product: Self.series("P", product), factors: zip(["A", "B", "C"], f).map { Self.series($0, $1) })
    #expect(approximately(a.weights, [0.5, 0.3, 0.2], absolute: 1e-12))
    #expect(approximately(a.rSquared!, 1, absolute: 1e-12) && a.trackingError! < 1e-12)
    #expect(a.returnCount == 48 && a.periodsPerYear == 12)
    let reference = (Self.fixture["style known weights"] as! [String: Any])["exact"] as! [Double]
    #expect(approximately(a.weights, reference, absolute: 1e-12))
  }

  @Test("a product no long-only mix reaches (−A) lands where the reference's support enumeration puts it")
  func outsideTheSimplex() throws {
    let f = Self.knownFactors
    let known = Self.fixture["style known weights"] as! [String: Any]
    let a = try StyleAnalysis(
      product: Self.series("P", known["oppositeProduct"] as! [Double]),
      factors: zip(["A", "B", "C"], f).map { Self.series($0, $1) })
    #expect(approximately(a.weights, known["opposite"] as! [Double], absolute: 1e-10))
    // A gets no weight: holding it can only hurt a product that moves against it.
    #expect(identical(a.weights[0], 0) && a.rSquared! < 0.5)
  }

  @Test("the optimality conditions hold on random problems: w ≥ 0, Σ w = 1, equal gradients on the support")
  func optimality() throws {
    var random = RandomSource(seed: 11)
    for trial in 0..<40 {
      let n = 30 + trial, k = 2 + trial % 7
      let x = Matrix(rows: n, columns: k, storage: (0..<(n * k)).map { _ in 0.02 * random.normal() })
      let y = (0..<n).map { _ in 0.02 * random.normal() }
      let w = try SimplexLeastSquares.solve(x: x, y: y).weights
      #expect(w.allSatisfy { $0 >= 0 } && approximately(w.reduce(0, +), 1, relative: 1e-14))
      // g = Xᵀ(Xw − y): equal (−λ) where w > 0, at least that where w = 0.
      let fitted = x.multiplied(by: w)
      let g = x.multiplied(by: zip(fitted, y).map { $0 - $1 }, transposingSelf: true)
      let support = (0..<k).filter { w[$0] > 0 }
      let level = support.map { g[$0] }.reduce(0, +) / Double(support.count)
      let scale = g.map { abs($0) }.max()! + 1e-300
      for i in 0..<k {
        if w[i] > 0 {
          #expect(abs(g[i] - level) <= 1e-9 * scale, "trial \(trial) factor \(i)")
        } else {
          #expect(g[i] - level >= -1e-9 * scale, "trial \(trial) factor \(i)")
        }
      }
    }
  }

  @Test("bundled stocks on the five factor ETFs agree with the reference (support enumeration; SLSQP to 1e-7)")
  func bundled() throws {
    let stocks = try FundUniverse.loadSeries(
      [PackagePaths.root.appendingPathComponent("data/funds/sp500_stocks.csv").path]).series
    let etfs = try FundUniverse.loadSeries(
      [PackagePaths.root.appendingPathComponent("data/funds/factor_etfs.csv").path]).series
    let reference = Self.fixture["style sp500_stocks on factor_etfs"] as! [String: [String: Any]]
    #expect(reference.count == 4)
    for (code, expected) in reference {
      let product = try #require(stocks.first { $0.code == code })
      let a = try StyleAnalysis(product: product, factors: etfs)
      let weights = expected["weights"] as! [String: Double]
      #expect(a.returnCount == expected["returns"] as? Int)
      // The optimum is unique; two exact methods agree to rounding (observed ≤ 1e-14).
      #expect(approximately(a.weights, etfs.map { weights[$0.code]! }, absolute: 1e-11), "\(code)")
      #expect(approximately(a.rSquared!, expected["rSquared"] as! Double, relative: 1e-11), "\(code)")
      #expect(approximately(a.trackingError!, expected["trackingError"] as! Double, relative: 1e-11), "\(code)")
      // SLSQP is an iterative approximation: within 1e-7 of the exact optimum, and no closer guaranteed.
      #expect((expected["slsqpLargestDifference"] as! Double) < 1e-6)
    }
  }

  @Test("too few shared returns and collinear factors are failures that say so")
  func failures() throws {
    let f = Self.knownFactors
    let factors = zip(["A", "B", "C"], f).map { Self.series($0, $1) }
    // Three factors need 2 × (3 + 1) = 8 returns; 7 are given.
    let short = Self.series("P", Array(f[0].prefix(7)))
    let recent = factors.map { NAVSeries(code: $0.code, dates: Array($0.dates.suffix(8)), navs: Array($0.navs.suffix(8))) }
    #expect(throws: StyleAnalysis.Failure.tooFewReturns(have: 7, need: 8)) {
      try StyleAnalysis(product: short, factors: recent)
    }
    // D = (A + B)/2 in returns is a combination, with weights summing to 1, of A and B.
    let d = Self.series("D", (0..<f[0].count).map { (f[0][$0] + f[1][$0]) / 2 })
    let p = Self.series("P", f[2])
    let dependent = [factors[0], factors[1], d]
    #expect(throws: StyleAnalysis.Failure.self) { try StyleAnalysis(product: p, factors: dependent) }
    do {
      _ = try StyleAnalysis(product: p, factors: [factors[0], d, factors[1]])
      Issue.record("collinear factors were analysed")
    } catch {
      #expect(error == .collinearFactors(factor: "D"))
      #expect(error.description.contains("'D' is a combination, with weights summing to 1"))
    }
  }

  @Test("rolling windows: dated by month ends, the first M months after the first shared date, each the same fit")
  func rolling() throws {
    let f = Self.knownFactors
    let factors = zip(["A", "B", "C"], f).map { Self.series($0, $1) }
    let product = Self.series("P", (0..<f[0].count).map { 0.6 * f[0][$0] + 0.4 * f[2][$0] + 0.001 * sin(Double($0)) })
    let rolling = RollingStyleAnalysis(product: product, factors: factors, months: 24)
    // Month ends 2019-12-31 … 2023-12-31; the first window ends 24 months after the first: 2021-12-31, the last at
    // 2023-12-31: 25 windows of 24 returns each.
    #expect(rolling.windows.count == 25)
    #expect(rolling.windows.first?.monthEnd == CalendarDay(iso: "2021-12-31"))
    #expect(rolling.windows.last?.monthEnd == CalendarDay(iso: "2023-12-31"))
    for w in rolling.windows {
      let a = try #require(w.analysis)
      #expect(a.returnCount == 24 && w.start == w.monthEnd.windowStart(months: 24))
      let direct = try StyleAnalysis(product: product, factors: factors, start: w.start, end: w.monthEnd)
      #expect(identical(a.weights, direct.weights))
    }
  }
}
