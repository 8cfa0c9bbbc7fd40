import LinearAlgebra
import Testing
import Tradeable
import _TestSupport

@Suite("Handcrafted weights")
struct HandcraftedWeightTests {
  @Test("two instruments split 50/50")
  func two() {
    #expect(approximately(handcraftedWeights(Matrix([[1, 0.3], [0.3, 1]])), [0.5, 0.5]))
  }

  @Test("a correlated pair and a loner: ((A, B), C) → ¼, ¼, ½")
  func pairAndLoner() {
    // A–B 0.9 merge first; C joins at the root.
    let c = Matrix([[1, 0.9, 0.1], [0.9, 1, 0.2], [0.1, 0.2, 1]])
    #expect(approximately(handcraftedWeights(c), [0.25, 0.25, 0.5]))
  }

  @Test("complete, not single, linkage: A–B 0.9, C–D 0.8, B–C 0.85, others 0 → ¼ each")
  func completeLinkage() {
    // Complete: {A,B} at 0.9; then sim({A,B}, C) = min(ρ_AC, ρ_BC) = 0 < ρ_CD = 0.8, so {C,D}; root splits 2 + 2.
    // (Single linkage would join C to {A,B} at 0.85 and give ⅛, ⅛, ¼, ½.)
    let c = Matrix([[1, 0.9, 0, 0], [0.9, 1, 0.85, 0], [0, 0.85, 1, 0.8], [0, 0, 0.8, 1]])
    #expect(approximately(handcraftedWeights(c), [0.25, 0.25, 0.25, 0.25]))
  }

  @Test("ties go to the lowest positions: three uncorrelated → ((1, 2), 3) = ¼, ¼, ½")
  func ties() {
    #expect(approximately(handcraftedWeights(Matrix.identity(3)), [0.25, 0.25, 0.5]))
    // Five uncorrelated: (((((1,2),3),4),5): ½ for the last, then ¼, ⅛, 1/16, 1/16.
    #expect(approximately(handcraftedWeights(Matrix.identity(5)), [0.0625, 0.0625, 0.125, 0.25, 0.5]))
  }

  @Test("ties go by rank when ranks are given, so a set's weights do not depend on its members' order")
  func ranks() {
    // Three uncorrelated; ranks (2, 0, 1): rows in rank order are 1, 2, 0 → ((1, 2), 0) = ½ for row 0, ¼ each else.
    #expect(approximately(handcraftedWeights(Matrix.identity(3), ranks: [2, 0, 1]), [0.5, 0.25, 0.25]))
    // The same set in any order gets the same weight per member.
    let c = Matrix([[1, 0.2, 0], [0.2, 1, 0], [0, 0, 1]])
    let w = handcraftedWeights(c, ranks: [0, 1, 2])
    let swapped = handcraftedWeights(Matrix([[1, 0, 0], [0, 1, 0.2], [0, 0.2, 1]]), ranks: [2, 0, 1])
    #expect(approximately([swapped[1], swapped[2], swapped[0]], w))
  }

  @Test("two asset classes of unequal size get half each")
  func classes() {
    // Five equities (ρ 0.8 among them) and one bond (ρ 0.1 with each): bond ½, each equity gets ½ × its subtree share.
    var c = Matrix.identity(6)
    for i in 0..<5 { for j in 0..<5 where i != j { c[i, j] = 0.8 } }
    for i in 0..<5 {
      c[i, 5] = 0.1
      c[5, i] = 0.1
    }
    let w = handcraftedWeights(c)
    #expect(approximately(w[5], 0.5))
    #expect(approximately(w.reduce(0, +), 1))
    #expect(w[0..<5].allSatisfy { $0 > 0 && $0 < 0.5 })
  }
}

@Suite("Max-Sharpe weights")
struct MaxSharpeWeightTests {
  @Test("two instruments, interior optimum: w ∝ C⁻¹s")
  func interior() throws {
    // C⁻¹s ∝ (s₁ − ρs₂, s₂ − ρs₁) = (0.39 − 0.185, 0.37 − 0.195) = (0.205, 0.175) → w = (0.5395, 0.4605);
    // SR² = sᵀC⁻¹s = (0.39·0.205 + 0.37·0.175)/(1 − 0.25) = 0.144700/0.75.
    let r = try #require(maxSharpeWeights(correlation: Matrix([[1, 0.5], [0.5, 1]]), netSR: [0.39, 0.37]))
    #expect(approximately(r.weights, [0.205 / 0.38, 0.175 / 0.38], relative: 1e-12))
    #expect(approximately(r.sharpe, (0.1447 / 0.75).squareRoot(), relative: 1e-12))
  }

  @Test("two instruments, corner optimum: the unconstrained solution is negative, so all in the better one")
  func corner() throws {
    // ρ = 0.96: (0.39 − 0.3552, 0.37 − 0.3744) = (0.0348, −0.0044) → long-only optimum w = (1, 0), SR 0.39.
    let r = try #require(maxSharpeWeights(correlation: Matrix([[1, 0.96], [0.96, 1]]), netSR: [0.39, 0.37]))
    #expect(approximately(r.weights, [1, 0], absolute: 1e-15))
    #expect(approximately(r.sharpe, 0.39, relative: 1e-12))
  }

  /// Independent optimiser: every support set, its unconstrained optimum, kept when strictly positive; the best.
  static func bySupportEnumeration(_ c: Matrix, _ s: [Double]) -> (weights: [Double], sharpe: Double) {
    let m = s.count
    var best = (weights: [Double](repeating: 0, count: m), sharpe: -Double.infinity)
    for mask in 1..<(1 << m) {
      let support = (0..<m).filter { mask & (1 << $0) != 0 }
      guard let z = try? c.principalSubmatrix(support).cholesky().solve(support.map { s[$0] }), z.allSatisfy({ $0 > 0 })
      else { continue }
      var w = [Double](repeating: 0, count: m)
      let total = z.reduce(0, +)
      for (k, i) in support.enumerated() { w[i] = z[k] / total }
      let sharpe = zip(w, s).reduce(0) { $0 + $1.0 * $1.1 } / c.quadraticForm(w).squareRoot()
      if sharpe > best.sharpe { best = (w, sharpe) }
    }
    return best
  }

  @Test("random 7-instrument problems agree with support enumeration", arguments: [1, 2, 3, 4, 5] as [UInt64])
  func againstEnumeration(_ seed: UInt64) throws {
    var random = RandomSource(seed: seed)
    // A random correlation matrix: Gram matrix of random vectors, normalised; some negative entries.
    let m = 7, d = 4
    var v = Matrix(rows: d, columns: m)
    for j in 0..<m { for i in 0..<d { v[i, j] = random.normal() } }
    var c = v.gram()
    for j in 0..<m { for i in 0..<m where i != j { c[i, j] /= (c[i, i] * c[j, j]).squareRoot() } }
    for i in 0..<m { c[i, i] = 1 }
    // Rank 4 < 7: make it definite as the selection's matrices are.
    for i in 0..<m { for j in 0..<m where i != j { c[i, j] *= 0.95 } }
    let s = (0..<m).map { _ in random.uniform(0.05, 0.4) }
    let ours = try #require(maxSharpeWeights(correlation: c, netSR: s))
    let reference = Self.bySupportEnumeration(c, s)
    #expect(approximately(ours.sharpe, reference.sharpe, relative: 1e-10))
    #expect(approximately(ours.weights, reference.weights, relative: 1e-8, absolute: 1e-10))
    #expect(approximately(ours.weights.reduce(0, +), 1))
    #expect(ours.weights.allSatisfy { $0 >= 0 })
  }

  @Test("no positive Sharpe ratio: nil")
  func negative() {
    #expect(maxSharpeWeights(correlation: Matrix.identity(2), netSR: [-0.1, 0]) == nil)
  }
}

/// The incremental evaluation of each scheme against a brute-force evaluation of every candidate set.
@Suite("Greedy selection with each weighting scheme")
struct GreedyWeightingTests {
  static let analysis: UniverseAnalysis = {
    let universe = try! Universe.load(folder: PackagePaths.bundledFutures.path)
    return UniverseAnalysis(universe: universe, settings: PipelineSettings())
  }()

  /// The scheme's weights for a set whose members have codes `codes` (handcrafted ties go by code, byte order).
  static func weights(_ scheme: WeightingScheme, _ c: Matrix, _ s: [Double], codes: [String]) -> [Double]? {
    switch scheme {
    case .equal: return [Double](repeating: 1 / Double(s.count), count: s.count)
    case .handcrafted:
      let order = codes.indices.sorted { Array(codes[$0].utf8).lexicographicallyPrecedes(Array(codes[$1].utf8)) }
      var ranks = [Int](repeating: 0, count: codes.count)
      for (rank, position) in order.enumerated() { ranks[position] = rank }
      return handcraftedWeights(c, ranks: ranks)
    case .maxSharpe:
      // The greedy admits a max-Sharpe set only when its optimum gives every member a positive weight.
      guard let r = maxSharpeWeights(correlation: c, netSR: s), r.weights.allSatisfy({ $0 > 1e-12 }) else { return nil }
      return r.weights
    }
  }

  @Test("every step is the best affordable candidate, by brute force", arguments: [WeightingScheme.handcrafted, .maxSharpe])
  func bruteForce(_ scheme: WeightingScheme) throws {
    var settings = PipelineSettings()
    settings.selection.weighting = scheme
    settings.selection.search.mode = .greedy  // the greedy path is what is checked here
    let analysis = UniverseAnalysis(universe: Self.analysis.universe, settings: settings)
    let capital = 2_000_000.0
    let r = try analysis.select(capital: capital)
    let c = try #require(analysis.eligibleCorrelation(capital: capital))
    // The path in positions among the eligible instruments (the matrix's rows).
    let position = Dictionary(uniqueKeysWithValues: r.eligible.enumerated().map { ($1, $0) })
    let s = r.eligible.map { analysis.metrics[$0].netSR! }
    let risk = r.eligible.map { analysis.metrics[$0].currencyVolatility! }
    let codes = r.eligible.map { analysis.metrics[$0].code }
    func evaluate(_ members: [Int]) -> Double? {
      let sub = c.principalSubmatrix(members)
      guard let w = Self.weights(scheme, sub, members.map { s[$0] }, codes: members.map { codes[$0] }) else {
        return nil
      }
      let variance = sub.quadraticForm(w)
      let idm = min(2.5, 1 / variance.squareRoot())
      for (k, m) in members.enumerated() where 4 * risk[m] / (idm * w[k] * 0.2) > capital { return nil }
      return zip(w, members).reduce(0) { $0 + $1.0 * s[$1.1] } / variance.squareRoot()
    }
    #expect(r.path.steps.count >= 3)
    var members: [Int] = []
    var previous = -Double.infinity
    for step in r.path.steps {
      if !members.isEmpty {
        for j in 0..<s.count where !members.contains(j) && j != position[step.added]! {
          if let alternative = evaluate(members + [j]) { #expect(alternative <= step.sharpe + 1e-10) }
        }
      }
      members.append(position[step.added]!)
      let direct = try #require(evaluate(members))
      #expect(approximately(direct, step.sharpe, relative: 1e-10))
      #expect(step.sharpe > previous)
      #expect(approximately(step.weights.reduce(0, +), 1, relative: 1e-12))
      let expectedWeights = try #require(
        Self.weights(scheme, c.principalSubmatrix(members), members.map { s[$0] }, codes: members.map { codes[$0] }))
      #expect(approximately(step.weights, expectedWeights, relative: 1e-8, absolute: 1e-12))
      previous = step.sharpe
    }
  }
}
