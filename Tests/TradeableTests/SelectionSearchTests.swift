import Foundation
import LinearAlgebra
import Testing
import Tradeable
import _TestSupport

/// Candidates with net SR `0.4 − cost`, unit risk `risk` and the capital filter's standalone minimum (80 × unit risk
/// under the default sizing and a 10% maximum weight).
func searchCandidates(_ codes: [String], cost: [Double], risk: [Double]) -> [SelectionCandidate] {
  codes.indices.map { i in
    SelectionCandidate(
      index: i, code: codes[i], netSR: 0.4 - cost[i], annualSRCost: cost[i], unitRisk: risk[i], unitValue: 1,
      standaloneCapital: 80 * risk[i])
  }
}

func search(
  _ candidates: [SelectionCandidate], _ c: Matrix, capital: Double, mode: SearchMode,
  weighting: WeightingScheme = .equal, budget: Double = .infinity
) -> SearchOutcome {
  let rules = SelectionRules(weighting: weighting, search: SearchSettings(mode: mode, budgetSeconds: budget.isFinite ? budget : nil))
  return SelectionSearch(capital: capital, rules: rules).run(candidates, correlation: c)
}

@Suite("Refinement and exact search (DESIGN.md §6b)")
struct SelectionSearchTests {
  /// A hand-checkable universe where the greedy path is provably suboptimal.
  ///
  /// A (cost 0.01, s = 0.39) is correlated 0.5 with each of B, C, D (cost 0.02, s = 0.38), which are uncorrelated
  /// with each other; E (cost 0.10, s = 0.30) is correlated 0.5 with A and 0.6 with B, C, D. Unit risk 1,000 each,
  /// capital 10⁹, so nothing binds. With equal weights `SR = Σs / √T`, `T` the sum of the set's correlation matrix.
  ///
  /// Greedy (§6): A (0.39, the cheapest); then A+B, A+C, A+D tie at 0.77/√3 = 0.44456 and B wins on its code; then
  /// A+B+C = 1.15/√5 = 0.51430 (C before D by code; A+B+E = 1.07/√(3 + 2·(0.5 + 0.5 + 0.6)) = 1.07/√6.2 = 0.42972);
  /// then A+B+C+D = 1.53/√7 = 0.57829 (adding E: 1.45/√(5 + 2·(0.5 + 0.6 + 0.6)) = 1.45/√8.4 = 0.50030). Adding E to
  /// all four: T = 7 + 2·(0.5 + 3·0.6) = 11.6, SR = 1.83/√11.6 = 0.53731 < 0.57829, so greedy stops at A, B, C, D.
  ///
  /// Refinement from A, B, C, D: drop A → B, C, D, `T = 3`, SR = 1.14/√3 = 0.65818; every other move is worse
  /// (drop B: 1.15/√5 = 0.51430; add E: 0.53731; swap A → E: 1.44/√(4 + 6·0.6) = 1.44/√7.6 = 0.52235; swap B → E:
  /// 1.45/√9.4 = 0.47294). From B, C, D no move improves: add A 0.57829, add E 0.52235, drop any 0.76/√2 = 0.53740,
  /// swap into A 1.15/√5 = 0.51430, swap into E 1.06/√5.4 = 0.45615. Every subset enumerated: B, C, D is the optimum.
  static let codes = ["A", "B", "C", "D", "E"]
  static let correlation = Matrix([
    [1, 0.5, 0.5, 0.5, 0.5],
    [0.5, 1, 0, 0, 0.6],
    [0.5, 0, 1, 0, 0.6],
    [0.5, 0, 0, 1, 0.6],
    [0.5, 0.6, 0.6, 0.6, 1],
  ])
  static let candidates = searchCandidates(
    codes, cost: [0.01, 0.02, 0.02, 0.02, 0.10], risk: [Double](repeating: 1_000, count: 5))

  @Test("hand universe: greedy stops at A, B, C, D; refinement drops A and reaches the optimum B, C, D")
  func handUniverse() throws {
    let greedy = search(Self.candidates, Self.correlation, capital: 1e9, mode: .greedy)
    #expect(greedy.path.steps.map { Self.codes[$0.added] } == ["A", "B", "C", "D"])
    let expectedGreedy = [0.39, 0.77 / 3.0.squareRoot(), 1.15 / 5.0.squareRoot(), 1.53 / 7.0.squareRoot()]
    #expect(approximately(greedy.path.steps.map(\.sharpe), expectedGreedy, relative: 1e-12))
    #expect(greedy.path.stopReason == .noImprovement)
    #expect(greedy.moves.isEmpty && greedy.exact == nil)

    let refined = search(Self.candidates, Self.correlation, capital: 1e9, mode: .refined)
    let final = try #require(refined.final)
    #expect(final.members.sorted().map { Self.codes[$0] } == ["B", "C", "D"])
    #expect(approximately(final.sharpe, 1.14 / 3.0.squareRoot(), relative: 1e-12))
    #expect(refined.start == .greedy)
    #expect(refined.startSet.map { Self.codes[$0] } == ["A", "B", "C", "D"])
    #expect(refined.moves.count == 1)
    #expect(refined.moves.first?.added == nil && refined.moves.first?.removed == 0)
    #expect(refined.refinementStop == .noImprovement)
    // Equal weights, IDM = min(2.5, 3/√3) = √3.
    #expect(approximately(final.idm, 3.0.squareRoot(), relative: 1e-12))

    let exact = search(Self.candidates, Self.correlation, capital: 1e9, mode: .exact)
    #expect(exact.exact?.proved == true)
    #expect(exact.final?.members.sorted() == final.members.sorted())
  }

  @Test("never worse than greedy; the ladder of starts is below the capital and fixed by it")
  func ladder() throws {
    // With capital 100,000 and unit risks 1,000…5,000: K_min = max(80u, 20u) = 80,000 for the smallest, so the ladder
    // is 80,000 × 2^(j/4) < 100,000: j = 0, 1 (80,000 and 95,137).
    let c = Self.correlation
    let candidates = searchCandidates(
      Self.codes, cost: [0.01, 0.02, 0.02, 0.02, 0.10], risk: [1_000, 1_200, 1_100, 1_250, 1_000])
    let selection = SelectionSearch(capital: 100_000)
    let ladder = selection.ladderCapitals(candidates)
    #expect(approximately(ladder, [80_000, 80_000 * pow(2, 0.25)], relative: 1e-15))
    let greedy = search(candidates, c, capital: 100_000, mode: .greedy)
    let refined = search(candidates, c, capital: 100_000, mode: .refined)
    let greedySharpe = try #require(greedy.final).sharpe
    #expect(try #require(refined.final).sharpe >= greedySharpe)
  }

  @Test("exact equals enumeration of every subset on 200 random universes (equal and max-Sharpe weights)",
    arguments: [WeightingScheme.equal, .maxSharpe])
  func exactAgainstEnumeration(_ weighting: WeightingScheme) throws {
    var random = RandomSource(seed: weighting == .equal ? 11 : 12)
    for trial in 0..<100 {
      let n = 4 + trial % 9  // 4…12
      let c = randomCorrelation(n, &random)
      let codes = (0..<n).map { "I\(($0 * 7 + trial) % n)\($0)" }
      let cost = (0..<n).map { _ in random.uniform(0, 0.1) }
      let risk = (0..<n).map { _ in random.logUniform(500, 8_000) }
      let capital = random.logUniform(60_000, 1_500_000)
      let candidates = searchCandidates(codes, cost: cost, risk: risk).filter { capital >= $0.standaloneCapital }
      guard !candidates.isEmpty else { continue }
      let sub = c.principalSubmatrix(candidates.map(\.index))
      let outcome = search(candidates, sub, capital: capital, mode: .exact, weighting: weighting)
      let brute = enumerateBest(candidates, sub, capital: capital, weighting: weighting)
      #expect(outcome.exact?.proved == true)
      #expect(outcome.final?.members.sorted() == brute?.members, "trial \(trial), n = \(candidates.count)")
      if let found = outcome.final?.sharpe, let expected = brute?.sharpe {
        #expect(approximately(found, expected, relative: 1e-12))
      }
      // Refined and greedy never beat it.
      let refined = search(candidates, sub, capital: capital, mode: .refined, weighting: weighting)
      if let r = refined.final?.sharpe, let e = brute?.sharpe { #expect(r <= e * (1 + 1e-12)) }
    }
  }

  @Test("ties: identical instruments go to the code first in byte order, whatever the input order")
  func ties() throws {
    // Four instruments identical in every number: each set size has many equal sets; the chosen set must be the
    // byte-order-first codes, the same for every input order.
    let codes = ["b2", "B1", "a", "A"]
    var c = Matrix(rows: 4, columns: 4, repeating: 0.3)
    for i in 0..<4 { c[i, i] = 1 }
    let base = searchCandidates(codes, cost: [0.02, 0.02, 0.02, 0.02], risk: [1_000, 1_000, 1_000, 1_000])
    // k·u ≤ B caps the set at 2: B = 180,000 × 2.5 × 0.2 / 4 = 22,500 → k ≤ 22.
    var answers: [[String]] = []
    for permutation in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]] {
      let candidates = permutation.map { base[$0] }
      let sub = c.principalSubmatrix(permutation)
      for mode in [SearchMode.refined, .exact] {
        let rules = SelectionRules(maxInstruments: 2, search: SearchSettings(mode: mode))
        let outcome = SelectionSearch(capital: 180_000, rules: rules).run(candidates, correlation: sub)
        answers.append(try #require(outcome.final).members.map { candidates[$0].code }.sorted())
      }
    }
    // Byte order: "A" < "B1" < "a" < "b2".
    #expect(answers.allSatisfy { $0 == ["A", "B1"] })
  }

  @Test("a budget of 0 s stops the exact search at once: not proved, the refined set returned")
  func budget() throws {
    let outcome = search(Self.candidates, Self.correlation, capital: 1e9, mode: .exact, budget: 0)
    #expect(outcome.exact?.proved == false)
    #expect(outcome.final?.members.sorted() == [1, 2, 3])
  }

  @Test("refinement with max-Sharpe and handcrafted weights never ends below the greedy set",
    arguments: [WeightingScheme.maxSharpe, .handcrafted])
  func otherSchemes(_ weighting: WeightingScheme) throws {
    var random = RandomSource(seed: 21)
    for _ in 0..<20 {
      let n = 12
      let c = randomCorrelation(n, &random)
      let codes = (0..<n).map { "X\($0)" }
      let candidates = searchCandidates(
        codes, cost: (0..<n).map { _ in random.uniform(0, 0.1) }, risk: (0..<n).map { _ in random.uniform(500, 3_000) })
      let greedy = search(candidates, c, capital: 800_000, mode: .greedy, weighting: weighting)
      let refined = search(candidates, c, capital: 800_000, mode: .refined, weighting: weighting)
      if let g = greedy.final?.sharpe { #expect(try #require(refined.final).sharpe >= g) }
      // The moves lead from the start set to the final set, each raising the Sharpe ratio.
      var members = Set(refined.startSet)
      var previous = -Double.infinity
      for move in refined.moves {
        if let r = move.removed { #expect(members.remove(r) != nil) }
        if let a = move.added { #expect(members.insert(a).inserted) }
        #expect(Set(move.set.members) == members)
        #expect(move.set.sharpe > previous)
        previous = move.set.sharpe
      }
      #expect(Set(refined.final?.members ?? []) == members)
    }
  }
}

/// A random positive definite correlation matrix: the normalised Gram matrix of random vectors in 5 dimensions,
/// its off-diagonal shrunk by 0.9 so that it is definite, a few entries negative.
func randomCorrelation(_ n: Int, _ random: inout RandomSource) -> Matrix {
  let d = 5
  var v = Matrix(rows: d, columns: n)
  for j in 0..<n { for i in 0..<d { v[i, j] = random.normal() + (i == 0 ? 1 : 0) } }
  var c = v.gram()
  var scale = [Double](repeating: 0, count: n)
  for i in 0..<n { scale[i] = 1 / c[i, i].squareRoot() }
  for j in 0..<n { for i in 0..<n { c[i, j] *= scale[i] * scale[j] * (i == j ? 1 : 0.9) } }
  for i in 0..<n { c[i, i] = 1 }
  return c
}

/// The best feasible set by enumeration of every subset, evaluated from scratch (DESIGN.md §6 and §6b): equal weights
/// `1/k`, or max-Sharpe weights `C⁻¹s` normalised when every entry is positive (other sets are not admissible).
/// Ties: fewer members, lower total cost, then the sorted codes in byte order. Members as sorted positions.
func enumerateBest(
  _ candidates: [SelectionCandidate], _ c: Matrix, capital: Double, weighting: WeightingScheme
) -> (members: [Int], sharpe: Double)? {
  let n = candidates.count
  var best: (members: [Int], sharpe: Double, cost: Double, codes: [[UInt8]])? = nil
  for mask in 1..<(1 << n) {
    let members = (0..<n).filter { mask & (1 << $0) != 0 }
    let sub = c.principalSubmatrix(members)
    let s = members.map { candidates[$0].netSR }
    let weights: [Double]
    switch weighting {
    case .equal: weights = [Double](repeating: 1 / Double(members.count), count: members.count)
    case .maxSharpe:
      guard let z = try? sub.cholesky().solve(s), z.allSatisfy({ $0 > 0 }) else { continue }
      let total = z.reduce(0, +)
      weights = z.map { $0 / total }
    case .handcrafted: return nil
    }
    let variance = sub.quadraticForm(weights)
    guard variance > 0 else { continue }
    let idm = min(2.5, 1 / variance.squareRoot())
    let feasible = zip(members, weights).allSatisfy { m, w in capital >= 4 * candidates[m].unitRisk / (idm * w * 0.2) }
    guard feasible else { continue }
    let sharpe = zip(weights, s).reduce(0) { $0 + $1.0 * $1.1 } / variance.squareRoot()
    let cost = members.reduce(0) { $0 + candidates[$1].annualSRCost }
    let codes = members.map { Array(candidates[$0].code.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
    if let b = best {
      if sharpe < b.sharpe { continue }
      if sharpe == b.sharpe {
        if members.count > b.members.count { continue }
        if members.count == b.members.count {
          if cost > b.cost { continue }
          if cost == b.cost && !codes.lexicographicallyPrecedes(b.codes, by: { $0.lexicographicallyPrecedes($1) }) {
            continue
          }
        }
      }
    }
    best = (members, sharpe, cost, codes)
  }
  return best.map { ($0.members, $0.sharpe) }
}
