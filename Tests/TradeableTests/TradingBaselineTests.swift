import Testing
import Tradeable
import _TestSupport

/// The baselines' set rules (DESIGN.md §9) on the five-instrument `HandUniverse` (correlations 1, 0, 1/√2 and floored
/// −1; see its comment), with the capital filter's largest weight at 1 so that every instrument passes it at
/// 1,000,000 USD. Annual SR costs: A 0.01, B 0.02, C 0.03, D 0.04, E 0.05. One contract's annual risk:
/// A, C, D 17,104.72; B 34,209.44; E 24,190.14 USD. An equal-weight set of k needs
/// `4 × largest risk / (IDM × (1/k) × 0.2) = 20 k × largest risk / IDM`, IDM = min(2.5, k / √ΣC).
@Suite("Trading baselines on the hand universe")
struct TradingBaselineTests {
  let folder: TemporaryDataFolder
  let analysis: UniverseAnalysis

  init() throws {
    folder = TemporaryDataFolder("baselines")
    HandUniverse.write(to: folder)
    var settings = HandUniverse.settings
    settings.filters.capital.maximumWeight = 1
    analysis = UniverseAnalysis(universe: try Universe.load(folder: folder.path), settings: settings)
  }

  func codes(_ holding: Holding) -> [String] { holding.members.map { HandUniverse.codes[$0] } }

  @Test("lowest-cost: cheapest first, each kept only if the set stays feasible")
  func lowestCost() throws {
    // At 1,000,000: A alone needs 20 × 17,104.72 = 342,094 ✓. {A, B}: ΣC = 4, IDM 1, needs 40 × 34,209 = 1,368,378 ✗.
    // {A, C}: ΣC = 2, IDM √2, 483,800 ✓. {A, C, D}: ΣC = 3, IDM √3, 592,600 ✓. {A, C, D, E}: ΣC = 4 + 4/√2 = 6.83,
    // IDM 1.531, largest risk E: 80 × 24,190 / 1.531 = 1,264,300 ✗.
    let million = try WalkForward.lowestCostHolding(analysis, capital: 1_000_000)
    #expect(codes(million) == ["A", "C", "D"])
    #expect(approximately(million.idm, 3.0.squareRoot(), relative: 1e-5))
    // Expected SR: mean net SR (0.39 + 0.37 + 0.36)/3 over √(wᵀCw) = √(1/3).
    #expect(approximately(million.expectedSharpe!, (1.12 / 3) * 3.0.squareRoot(), relative: 1e-5))
    #expect(million.weights.allSatisfy { approximately($0, 1.0 / 3, relative: 1e-15) })
    // At 2,000,000: {A, B} 1,368,378 ✓; {A, B, C}: ΣC = 5, IDM 3/√5, 60 × 34,209 / 1.342 = 1,529,600 ✓;
    // {A, B, C, D}: ΣC = 6, IDM 4/√6, 1,676,000 ✓; with E: ΣC = 7 + 6/√2 = 11.24, IDM 1.491, 2,294,000 ✗.
    #expect(codes(try WalkForward.lowestCostHolding(analysis, capital: 2_000_000)) == ["A", "B", "C", "D"])
  }

  @Test("random: uniform over the feasible sets of the size, by rejection; fewer members when none is feasible")
  func random() throws {
    // Pairs at 1,000,000 (ΣC = 2 + 2c, IDM √(2/(1+c))): AB ✗ (1,368,378), BE ✗ (1,264,300); the other eight are
    // feasible (AC, AD, CD: 483,800; AE, CE: 893,900; BC, BD: 967,700; DE: 684,200). Uniform: 1/8 each.
    var random = RandomSource(seed: 5)
    var counts: [String: Int] = [:]
    let draws = 8_000
    for _ in 0..<draws {
      let h = try WalkForward.randomHolding(analysis, capital: 1_000_000, size: 2, maximumTries: 10_000, random: &random)
      counts[codes(h).joined(), default: 0] += 1
    }
    #expect(counts["AB"] == nil && counts["BE"] == nil)
    #expect(Set(counts.keys) == ["AC", "AD", "AE", "BC", "BD", "CD", "CE", "DE"])
    // Each count is binomial(8,000, 1/8): mean 1,000, sd √(8,000 × 1/8 × 7/8) = 29.6; five sd either side.
    for (set, count) in counts { #expect(abs(count - 1000) < 148, "\(set): \(count)") }
    // No set of five or four is feasible at 1,000,000 (all five need 2,294,000; the cheapest four, {A, C, D, E},
    // 1,264,300), and of the ten sets of three only {A, C, D} is (592,600; next {A, D, E} and {C, D, E} at 1,016,000):
    // the draw steps down to it. 200 tries of a uniform 3-set miss it with probability 0.9²⁰⁰ ≈ 7e-10.
    let fallback = try WalkForward.randomHolding(analysis, capital: 1_000_000, size: 5, maximumTries: 200, random: &random)
    #expect(codes(fallback) == ["A", "C", "D"])
    // The same seed gives the same draw.
    var a = RandomSource(seed: 9), b = RandomSource(seed: 9)
    let x = try WalkForward.randomHolding(analysis, capital: 1_000_000, size: 3, maximumTries: 10_000, random: &a)
    let y = try WalkForward.randomHolding(analysis, capital: 1_000_000, size: 3, maximumTries: 10_000, random: &b)
    #expect(x.members == y.members)
  }

  @Test("ideal: the whole pool, equal weights, IDM of its matrix")
  func ideal() throws {
    let ideal = try WalkForward.idealHolding(analysis)
    #expect(codes(ideal) == HandUniverse.codes)
    // ΣC = 5 + 2 × (1 + 3/√2) = 11.2426 (A–B 1; A–E, B–E, C–E 1/√2): IDM = 5 / √11.2426 = 1.4912.
    #expect(approximately(ideal.idm, 5 / (7 + 6 / 2.0.squareRoot()).squareRoot(), relative: 1e-5))
  }
}
