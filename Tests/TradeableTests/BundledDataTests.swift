import Foundation
import LinearAlgebra
import Testing
import Tradeable
import _TestSupport

/// Invariants of the selection on the bundled real futures data, at several capitals, and an independent check of
/// the O(N) greedy step against brute force.
@Suite("Bundled futures data")
struct BundledDataTests {
  static let analysis: UniverseAnalysis = {
    let universe = try! Universe.load(folder: PackagePaths.bundledFutures.path)
    return UniverseAnalysis(universe: universe, settings: PipelineSettings())
  }()

  @Test("loads 238 instruments, last date 2023-08-31")
  func loads() {
    let a = Self.analysis
    #expect(a.universe.count == 238)
    #expect(a.lastDate?.description == "2023-08-31")
    #expect(a.universe.instruments.first?.code == "AEX")
  }

  @Test("the correlation matrix used is symmetric, unit-diagonal, in [−1, 1] and positive definite",
    arguments: [250_000.0, 1_000_000, 10_000_000])
  func correlationInvariants(_ capital: Double) throws {
    let r = try Self.analysis.select(capital: capital)
    let c = try #require(Self.analysis.eligibleCorrelation(capital: capital))
    #expect(c.rows == r.eligible.count)
    #expect(c.asymmetry < 1e-14)
    for i in 0..<c.rows { #expect(c[i, i] == 1) }
    for v in c.storage { #expect(v >= -1 - 1e-12 && v <= 1 + 1e-12) }
    #expect(try c.smallestEigenvalue() > 0)
  }

  @Test("weights sum to 1, Sharpe strictly increases, each step affordable", arguments: [250_000.0, 1_000_000, 10_000_000])
  func pathInvariants(_ capital: Double) throws {
    let r = try Self.analysis.select(capital: capital)
    #expect(!r.path.steps.isEmpty)
    var previous = -Double.infinity
    for (k, step) in r.path.steps.enumerated() {
      #expect(step.members.count == k + 1)
      #expect(approximately(step.weights.reduce(0, +), 1, relative: 1e-14))
      #expect(step.weights.allSatisfy { $0 > 0 })
      #expect(step.sharpe > previous)  // never worse than its prefix
      #expect(step.minimumCapital <= capital)
      #expect(step.idm >= 1 - 1e-12 && step.idm <= 2.5)
      previous = step.sharpe
    }
  }

  @Test("every input instrument appears exactly once, with a status consistent with its reasons")
  func accounting() throws {
    let r = try Self.analysis.select(capital: 1_000_000)
    let statuses = r.statuses
    #expect(statuses.count == 238)
    #expect(Set(r.selected).count == r.selected.count)
    for (i, status) in statuses.enumerated() {
      switch status {
      case .excluded: #expect(!r.screening[i].reasons.isEmpty)
      case .eligible, .selected: #expect(r.screening[i].reasons.isEmpty)
      }
    }
    #expect(statuses.filter { $0 == .selected }.count == r.selected.count)
  }

  /// (capital, the capital filter's maximum weight). With the default 0.10 every eligible instrument can also be held
  /// alone (the filter asks 4·cv / (2.5 × 0.1 × 0.2) = 80·cv, holding it alone 4·cv / 0.2 = 20·cv); with 0.5 the filter
  /// asks only 16·cv, and at 1,234,887 (18·cv of the cheapest eligible instrument, NASDAQ) §6 step 1's "feasible
  /// alone" rule decides the start.
  static let bruteForceCases: [(Double, Double)] = [(1_000_000, 0.1), (10_000_000, 0.1), (1_234_887, 0.5)]

  @Test("each step's Sharpe equals Σwᵢsᵢ/√(wᵀCw) from the submatrix, and beats every alternative",
    arguments: bruteForceCases)
  func bruteForce(_ capital: Double, _ maximumWeight: Double) throws {
    var settings = PipelineSettings()
    settings.filters.capital.maximumWeight = maximumWeight
    let analysis =
      maximumWeight == 0.1 ? Self.analysis : UniverseAnalysis(universe: Self.analysis.universe, settings: settings)
    let r = try analysis.select(capital: capital)
    let correlation = try #require(analysis.eligibleCorrelation(capital: capital))
    // The path in positions among the eligible instruments (the matrix's rows).
    let position = Dictionary(uniqueKeysWithValues: r.eligible.enumerated().map { ($1, $0) })
    let s = r.eligible.map { analysis.metrics[$0].netSR! }
    let cost = r.eligible.map { analysis.metrics[$0].annualSRCost! }
    let risk = r.eligible.map { analysis.metrics[$0].currencyVolatility! }
    // Feasible alone (§6 step 1): w = 1, IDM = 1, so K ≥ 4 × cv / 0.2 = 20·cv.
    let feasibleAlone = r.eligible.indices.filter { 20 * risk[$0] <= capital }
    if maximumWeight > 0.1 {
      // The rule bites: the cheapest eligible instrument cannot be held alone at this capital.
      #expect(!feasibleAlone.contains(cost.indices.min { cost[$0] < cost[$1] }!))
    } else {
      #expect(feasibleAlone.count == r.eligible.count)
    }
    func evaluate(_ members: [Int]) -> (sharpe: Double, affordable: Bool) {
      let w = [Double](repeating: 1 / Double(members.count), count: members.count)
      let variance = correlation.principalSubmatrix(members).quadraticForm(w)
      let idm = min(2.5, 1 / variance.squareRoot())
      let affordable = members.allSatisfy { 4 * risk[$0] / (idm * w[0] * 0.2) <= capital }
      return (zip(w, members).reduce(0) { $0 + $1.0 * s[$1.1] } / variance.squareRoot(), affordable)
    }
    var members: [Int] = []
    for step in r.path.steps {
      if !members.isEmpty {
        // No affordable alternative beats the chosen one (up to rounding).
        for j in 0..<s.count where !members.contains(j) && j != position[step.added]! {
          let alternative = evaluate(members + [j])
          if alternative.affordable { #expect(alternative.sharpe <= step.sharpe + 1e-12) }
        }
      } else {
        #expect(cost[position[step.added]!] == feasibleAlone.map { cost[$0] }.min())
      }
      members.append(position[step.added]!)
      let direct = evaluate(members)
      #expect(direct.affordable)
      #expect(approximately(direct.sharpe, step.sharpe, relative: 1e-12))
    }
    // And at the end, no affordable candidate improves on the final Sharpe (or none is affordable).
    if r.path.stopReason == .noImprovement || r.path.stopReason == .nothingAffordable {
      for j in 0..<s.count where !members.contains(j) {
        let alternative = evaluate(members + [j])
        if alternative.affordable { #expect(alternative.sharpe <= r.path.final!.sharpe + 1e-12) }
      }
    }
  }

  @Test("too little capital: nothing selected, and the smallest workable capital is named")
  func tinyCapital() throws {
    let r = try Self.analysis.select(capital: 1_000)
    #expect(r.path.steps.isEmpty)
    #expect(r.selected.isEmpty)
    let smallest = try #require(Self.analysis.smallestWorkable?.capital)
    #expect(smallest > 1_000)
    // At that capital exactly, something is selected.
    #expect(try Self.analysis.select(capital: smallest).path.steps.count >= 1)
    #expect(r.table().contains("Nothing can be selected"))
  }

  @Test("the folder and the long prices.csv layouts give identical histories")
  func longLayout() throws {
    let u = Self.analysis.universe
    let folder = TemporaryDataFolder.copy(of: PackagePaths.bundledFutures)
    try? FileManager.default.removeItem(atPath: folder.path("prices"))
    var lines = ["date,code,price"]
    for (i, spec) in u.instruments.enumerated() {
      for (d, p) in zip(u.histories[i].dates, u.histories[i].prices) { lines.append("\(d),\(spec.code),\(p)") }
    }
    folder.write("prices.csv", lines.joined(separator: "\n") + "\n")
    let long = try Universe.load(folder: folder.path)
    #expect(long.histories == u.histories)
  }
}
