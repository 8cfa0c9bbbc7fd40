import LinearAlgebra
import Testing
import Tradeable
import _TestSupport

/// The five-instrument universe of `HandUniverse` (see its comment for the construction), checked against values
/// worked out by hand. Every expected number below is derived in the comment above it.
@Suite("Hand-checkable universe")
struct HandUniverseTests {
  let folder: TemporaryDataFolder
  let analysis: UniverseAnalysis

  init() throws {
    folder = TemporaryDataFolder("hand")
    HandUniverse.write(to: folder)
    analysis = UniverseAnalysis(universe: try Universe.load(folder: folder.path), settings: HandUniverse.settings)
  }

  @Test("volatility, costs and trades per year")
  func costs() {
    for (i, code) in HandUniverse.codes.enumerated() {
      let m = analysis.metrics[i]
      // Currency vol = sd × 16 × 1000 (USD, fx 1); A: √(8/7) × 16,000 = 1.069045 × 16,000 = 17,104.72
      #expect(approximately(m.currencyVolatility!, HandUniverse.currencyVolatility(code), relative: 1e-13))
      // 4 rolls → 8 trades; only 8 differences (< 36), so no measured rebalance trades.
      #expect(m.rollTradesPerYear == 8 && m.rebalanceTradesPerYear == 0)
      // The commission was set to cost × vol / 8, so the annual SR cost is the designed one.
      #expect(approximately(m.annualSRCost!, HandUniverse.annualSRCost[code]!, relative: 1e-12))
      #expect(approximately(m.netSR!, 0.4 - HandUniverse.annualSRCost[code]!, relative: 1e-12))
    }
    #expect(approximately(analysis.metrics[0].currencyVolatility!, 17_104.719_482_395, relative: 1e-11))
  }

  @Test("correlations: 1, 0, −1 floored to 0, 1/√2")
  func correlations() {
    #expect(analysis.pool == [0, 1, 2, 3, 4])
    let c = analysis.poolCorrelation!.matrix
    let r = 0.5.squareRoot()
    // Rows/columns A B C D E; A·C = 0 and a, c have mean 0 → 0; D = −A → −1 → 0; E = A + C → 8/√(8·16) = 1/√2.
    let expected: [[Double]] = [
      [1, 1, 0, 0, r],
      [1, 1, 0, 0, r],
      [0, 0, 1, 0, r],
      [0, 0, 0, 1, 0],
      [r, r, r, 0, 1],
    ]
    for i in 0..<5 {
      for j in 0..<5 { #expect(approximately(c[i, j], expected[i][j], relative: 1e-12, absolute: 1e-14)) }
    }
    // Pairs floored: A–D, B–D (−1) and D–E (−1/√2).
    #expect(analysis.poolCorrelation?.flooredPairs == 3)
  }

  @Test("greedy path at ample capital: A, C, D, then no improvement")
  func greedyPath() throws {
    let result = try analysis.select(capital: 10_000_000)
    // The correlation matrix above is positive semi-definite? A and B are perfectly correlated, so it is singular
    // (smallest eigenvalue 0 < 1e-10) and gets repaired; the repair moves entries by ~1e-6, far below the gaps
    // between candidates below.
    #expect(result.correlation.repair?.repaired == true)
    let codes = result.path.steps.map { HandUniverse.codes[$0.added] }
    #expect(codes == ["A", "C", "D"])
    #expect(result.path.stopReason == .noImprovement)
    let s = result.path.steps
    // Step 1: A alone (cheapest): SR = s_A = 0.39, IDM 1.
    #expect(approximately(s[0].sharpe, 0.39, relative: 1e-5) && approximately(s[0].idm, 1, relative: 1e-5))
    // Step 2: best partner of A. With w = ½: wᵀCw = (2 + 2ρ)/4.
    //   B (ρ 1): 1 → SR (0.39 + 0.38)/2 = 0.385; C (ρ 0): ½ → 0.38·√2 = 0.5374; D (floored 0): 0.375·√2 = 0.5303;
    //   E (ρ 1/√2): (2 + √2)/4 = 0.8536 → 0.37/0.9239 = 0.4005. C wins; IDM √2.
    #expect(approximately(s[1].sharpe, 0.38 * 2.0.squareRoot(), relative: 1e-5))
    #expect(approximately(s[1].idm, 2.0.squareRoot(), relative: 1e-5))
    // Step 3 from {A, C} (Σ C over S×S = 2), w = ⅓: wᵀCw = (2 + 2·Σρ + 1)/9.
    //   B: Σρ = 1 → 5/9 → 0.38/0.7454 = 0.5098; D: Σρ = 0 → 1/3 → 0.37333·√3 = 0.6466;
    //   E: Σρ = √2 → (3 + 2√2)/9 → 0.37/0.8047 = 0.4598. D wins; IDM √3.
    #expect(approximately(s[2].sharpe, (0.39 + 0.37 + 0.36) / 3 * 3.0.squareRoot(), relative: 1e-5))
    #expect(approximately(s[2].idm, 3.0.squareRoot(), relative: 1e-5))
    // Step 4 from {A, C, D} (Σ = 3), w = ¼: B: Σρ = 1 → 6/16 → 0.375/0.6124 = 0.6124; E: Σρ = √2 →
    //   (4 + 2√2)/16 → 0.3675/0.6533 = 0.5626. Both below 0.6466: stop.
    // Capital each member of {A, C, D} needs: 4 × cv × 3 / (√3 × 0.20) = 60·cv/√3 (same cv for A, C and D).
    let cv = HandUniverse.currencyVolatility("A")
    for needed in s[2].memberCapital { #expect(approximately(needed, 60 * cv / 3.0.squareRoot(), relative: 1e-5)) }
    #expect(approximately(s[2].weights.reduce(0, +), 1))
  }

  @Test("capital binds: with max weight 0.5 and capital 30 × cv_A the path stops at {A, C}")
  func capitalBinds() throws {
    var settings = HandUniverse.settings
    settings.filters.capital.maximumWeight = 0.5
    let tight = UniverseAnalysis(universe: analysis.universe, settings: settings)
    let cv = HandUniverse.currencyVolatility("A")
    let result = try tight.select(capital: 30 * cv)
    // Standalone need 4·cv/(2.5·0.5·0.2) = 16·cv: B (2·cv_A → 32·cv_A) fails the capital filter; E (√2·cv_A →
    // 22.6·cv_A) passes.
    #expect(result.screening[1].reasons == [.capital])
    #expect(result.screening[4].reasons.isEmpty)
    // Step 2: {A, C} needs 4·2·cv/(√2·0.2) = 28.3·cv ≤ 30·cv. Step 3: {A, C, D} needs 4·3·cv/(√3·0.2) = 34.6·cv
    // > 30·cv; {A, C, E} needs 4·3·√2·cv/(1.2426·0.2) = 68.3·cv. Nothing affordable.
    let codes = result.path.steps.map { HandUniverse.codes[$0.added] }
    #expect(codes == ["A", "C"])
    #expect(result.path.stopReason == .nothingAffordable)
    #expect(approximately(result.path.final!.minimumCapital, 40 * cv / 2.0.squareRoot(), relative: 1e-5))
  }
}

@Suite("Greedy selector")
struct GreedySelectorTests {
  @Test("ties go to lower annual cost, then code in byte order ('Z' before 'b')")
  func ties() {
    let identity = Matrix.identity(4)
    // Start: lowest cost is "a" (0.01). Then b, Z and Y all give the same SR with "a"; Y costs more; Z < b in bytes.
    let candidates = [
      SelectionCandidate(code: "a", netSR: 0.39, annualSRCost: 0.01, unitRisk: 1),
      SelectionCandidate(code: "b", netSR: 0.38, annualSRCost: 0.02, unitRisk: 1),
      SelectionCandidate(code: "Z", netSR: 0.38, annualSRCost: 0.02, unitRisk: 1),
      SelectionCandidate(code: "Y", netSR: 0.38, annualSRCost: 0.021, unitRisk: 1),
    ]
    let path = GreedySelector(capital: 1e9, rules: SelectionRules(maxInstruments: 2))
      .select(candidates, correlation: identity)
    #expect(path.steps.map(\.added) == [0, 2])
    #expect(path.stopReason == .maximumReached)
  }

  @Test("nothing affordable alone gives an empty path")
  func nothingAlone() {
    let candidates = [SelectionCandidate(code: "a", netSR: 0.3, annualSRCost: 0.1, unitRisk: 1000)]
    // Alone it needs 4 × 1000 / 0.2 = 20,000.
    let path = GreedySelector(capital: 19_999).select(candidates, correlation: Matrix.identity(1))
    #expect(path.steps.isEmpty && path.stopReason == .nothingAffordableAlone)
    let ok = GreedySelector(capital: 20_000).select(candidates, correlation: Matrix.identity(1))
    #expect(ok.steps.count == 1 && ok.stopReason == .allSelected)
  }
}
