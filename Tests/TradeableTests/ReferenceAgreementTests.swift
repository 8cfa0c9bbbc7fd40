import Foundation
import LinearAlgebra
import Testing
import Tradeable
import _TestSupport

/// The library against the independent numpy implementation of DESIGN.md (`Tests/References/tradeable_reference.py`,
/// written from the text; fixtures from `generate_fixtures.py`) on the bundled futures data.
///
/// Tolerances: per-instrument numbers (§3 volatility, §4 costs, §5 capital) are sums over at most 512 differences,
/// computed two-pass on both sides in different orders: they agree to a few ulps (observed ≤ 4e-15), checked at 1e-12.
/// Selection numbers (Sharpe, IDM, capital) go through the pairwise weekly correlations (BLAS products here, pair by
/// pair there) and, where the matrix is repaired, an eigendecomposition (`dsyevd` here, numpy's `eigh` there) whose
/// rebuilt matrix is a Lipschitz function of its input: observed ≤ 1e-14, checked at 1e-11 — far below any
/// difference of method (the eligible and pool repairs differ by 1e-3 here), far above rounding on another CPU.
///
/// The reference implements §6's greedy path, so every selection here runs with `search.mode = .greedy` (`greedy(_:)`);
/// the refined and exact searches of §6b are checked against `Tests/References/search_reference.py` in
/// `SearchGoldenTests`.
@Suite("Agreement with the numpy reference (bundled data)")
struct ReferenceAgreementTests {
  static let universe = try! Universe.load(folder: PackagePaths.bundledFutures.path)
  static let defaults = UniverseAnalysis(universe: universe, settings: greedy(PipelineSettings()))

  /// `settings` with the greedy search the reference implements.
  static func greedy(_ settings: PipelineSettings) -> PipelineSettings {
    var settings = settings
    settings.selection.search.mode = .greedy
    return settings
  }

  /// The settings of the fixture `bundled-non-default` (its `command` lists the same values as options).
  static var nonDefaultSettings: PipelineSettings {
    var s = PipelineSettings()
    s.selection.weighting = .maxSharpe
    s.correlation.floor = 0.1
    s.costs.preCostSR = 0.5
    s.filters.cost.maximumSRCost = 0.08
    s.sizing.maxContracts = 3
    s.sizing.idmCap = 2.2
    s.filters.capital.maximumWeight = 0.25
    s.selection.search.mode = .greedy
    s.sizing.targetVolatility = 0.25
    s.filters.history.minimumPrices = 600
    s.risk.volatilityWindow = 256
    s.filters.stale.maximumWeekdays = 15
    s.correlation.weeks = 156
    s.costs.rebalanceSpan = 25
    s.risk.businessDaysPerYear = 252
    return s
  }

  /// Compares the per-instrument numbers of `metrics` with a fixture's list.
  static func expectMetrics(
    _ analysis: UniverseAnalysis, _ expected: [[String: Any]], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(analysis.metrics.map(\.code) == expected.map { $0["code"] as! String }, sourceLocation: sourceLocation)
    for (m, e) in zip(analysis.metrics, expected) {
      let pairs: [(String, Double?)] = [
        ("currencyVolatility", m.currencyVolatility), ("annualVolatility", m.annualVolatility),
        ("costPerTrade", m.costPerTrade), ("costPerTradeSR", m.costPerTradeSR), ("tradesPerYear", m.tradesPerYear),
        ("annualSRCost", m.annualSRCost), ("netSR", m.netSR), ("notional", m.notional),
        ("minimumCapital", analysis.standaloneCapital[m.index]),
      ]
      for (key, value) in pairs {
        switch (value, number(e, key)) {
        case (nil, nil): break
        case (let a?, let b?):
          #expect(approximately(a, b, relative: 1e-12, absolute: 1e-300), "\(m.code) \(key): \(a) vs \(b)",
            sourceLocation: sourceLocation)
        default: Issue.record("\(m.code) \(key): \(String(describing: value)) vs the reference's \(String(describing: e[key]))", sourceLocation: sourceLocation)
        }
      }
    }
  }

  /// Compares a selection with a fixture's `selection_json` block: steps, stop reason, portfolio and the chosen set's
  /// correlation matrix.
  static func expectSelection(
    _ r: SelectionResult, _ expected: [String: Any], sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let code = { (i: Int) in r.metrics[i].code }
    let steps = try #require(expected["steps"] as? [[String: Any]], sourceLocation: sourceLocation)
    #expect(r.eligible.count == expected["eligible"] as? Int, sourceLocation: sourceLocation)
    #expect(r.path.steps.map { code($0.added) } == steps.map { $0["added"] as! String }, sourceLocation: sourceLocation)
    #expect("\(r.path.stopReason)" == expected["stopReason"] as? String, sourceLocation: sourceLocation)
    #expect((r.correlation.repair?.repaired ?? false) == expected["repaired"] as? Bool, sourceLocation: sourceLocation)
    // The smallest eigenvalue of the matrix before the repair (dsyevd here, numpy's eigh there; an eigenvalue is
    // perturbed by at most the matrix's perturbation, ~1e-15), and how many were clipped.
    if let smallest = number(expected, "smallestEigenvalue"), let repair = r.correlation.repair {
      #expect(approximately(repair.smallestEigenvalue, smallest, relative: 1e-9, absolute: 1e-12), sourceLocation: sourceLocation)
      #expect(repair.clippedEigenvalues == expected["clippedEigenvalues"] as? Int, sourceLocation: sourceLocation)
    }
    for (step, e) in zip(r.path.steps, steps) {
      #expect(approximately(step.sharpe, number(e, "sharpe")!, relative: 1e-11), sourceLocation: sourceLocation)
      #expect(approximately(step.idm, number(e, "idm")!, relative: 1e-11), sourceLocation: sourceLocation)
      #expect(
        approximately(step.minimumCapital, number(e, "minimumCapital")!, relative: 1e-11), sourceLocation: sourceLocation)
      #expect(approximately(step.weights, e["weights"] as! [Double], relative: 1e-11), sourceLocation: sourceLocation)
    }
    guard let portfolio = expected["portfolio"] as? [String: Any] else {
      #expect(r.portfolio.isEmpty, sourceLocation: sourceLocation)
      return
    }
    let p = r.portfolio
    #expect(p.codes == portfolio["codes"] as? [String], sourceLocation: sourceLocation)
    #expect(approximately(p.weights, portfolio["weights"] as! [Double], relative: 1e-11), sourceLocation: sourceLocation)
    #expect(
      approximately(p.members.map(\.minimumCapital), portfolio["memberCapital"] as! [Double], relative: 1e-11),
      sourceLocation: sourceLocation)
    #expect(approximately(p.sharpe!, number(portfolio, "sharpe")!, relative: 1e-11), sourceLocation: sourceLocation)
    #expect(approximately(p.idm!, number(portfolio, "idm")!, relative: 1e-11), sourceLocation: sourceLocation)
    #expect(
      approximately(p.minimumCapital!, number(portfolio, "minimumCapital")!, relative: 1e-11),
      sourceLocation: sourceLocation)
    #expect(
      approximately(p.smallestCapital!, number(portfolio, "smallestCapital")!, relative: 1e-11),
      sourceLocation: sourceLocation)
    // The chosen set's correlations, selection order, after floor and repair (entries near 0 need an absolute floor).
    let matrix = try #require(portfolio["correlation"] as? [[Double]], sourceLocation: sourceLocation)
    let c = r.correlation.selected
    #expect(c.rows == matrix.count, sourceLocation: sourceLocation)
    for (a, row) in matrix.enumerated() {
      for (b, value) in row.enumerated() {
        #expect(approximately(c[a, b], value, relative: 1e-11, absolute: 1e-13), "(\(a), \(b))", sourceLocation: sourceLocation)
      }
    }
  }

  @Test("§3 volatility, §4 costs and §5's capital figure of every instrument")
  func instruments() throws {
    let fixture = try ReferenceFixtures.load("bundled-default-instruments", repairDependent: false)
    Self.expectMetrics(Self.defaults, try #require(fixture["instruments"] as? [[String: Any]]))
  }

  @Test("the pool and its correlations: size, floored pairs, no undefined pair")
  func pool() throws {
    let fixture = try ReferenceFixtures.load("bundled-default")
    #expect(Self.defaults.pool.count == fixture["pool"] as? Int)
    #expect(Self.defaults.lastDate?.description == fixture["lastDate"] as? String)
    let estimate = try #require(Self.defaults.poolCorrelation)
    #expect(estimate.undefinedPairs == fixture["poolUndefinedPairs"] as? Int)
    #expect(estimate.flooredPairs == fixture["poolFlooredPairs"] as? Int)
  }

  @Test("greedy path, portfolio and chosen correlations at 250,000, 1,000,000, 10,000,000 and 20,000,000",
    arguments: ["250000", "1000000", "10000000", "20000000"])
  func selection(_ capital: String) throws {
    let fixture = try ReferenceFixtures.load("bundled-default")
    let expected = try #require((fixture["capitals"] as? [String: Any])?[capital] as? [String: Any])
    let r = try Self.defaults.select(capital: Double(capital)!)
    try Self.expectSelection(r, expected)
    if let instruments = expected["instruments"] as? [[String: Any]] {
      #expect(r.statuses.map(\.rawValue) == instruments.map { $0["status"] as! String })
      #expect(r.screening.map { $0.reasons.map(\.rawValue) } == instruments.map { $0["reasons"] as! [String] })
    }
  }

  @Test("§6 step 1 starts with the cheapest instrument feasible alone, which need not be the cheapest eligible")
  func feasibleAlone() throws {
    // --max-weight 0.5: the capital filter asks 4·cv / (2.5 × 0.5 × 0.2) = 16·cv, holding an instrument alone
    // 4·cv / 0.2 = 20·cv. The fixture's capital is 18·cv of the cheapest pool instrument, so that one is eligible but
    // cannot start the path.
    let fixture = try ReferenceFixtures.load("bundled-feasible-alone")
    var settings = Self.greedy(PipelineSettings())
    settings.filters.capital.maximumWeight = 0.5
    let analysis = UniverseAnalysis(universe: Self.universe, settings: settings)
    let capital = try #require(number(fixture, "capital"))
    let r = try analysis.select(capital: capital)
    let cheapest = try #require(fixture["cheapestEligible"] as? String)
    let index = try #require(r.metrics.firstIndex { $0.code == cheapest })
    #expect(r.eligible.contains(index))
    #expect(r.eligible.map { r.metrics[$0].annualSRCost! }.min() == r.metrics[index].annualSRCost)
    #expect(capital < 20 * r.metrics[index].currencyVolatility!)
    let first = try #require(r.path.steps.first?.added)
    #expect(first != index)
    // The first member is the cheapest of those with 20·cv ≤ K (the rule, applied here directly).
    let affordable = r.eligible.filter { 20 * r.metrics[$0].currencyVolatility! <= capital }
    #expect(r.metrics[first].annualSRCost == affordable.map { r.metrics[$0].annualSRCost! }.min())
    try Self.expectSelection(r, fixture)
  }

  @Test("every default changed, max-Sharpe weights, floor 0.1: metrics, screening, path and portfolio")
  func nonDefault() throws {
    let fixture = try ReferenceFixtures.load("bundled-non-default")
    let analysis = UniverseAnalysis(universe: Self.universe, settings: Self.nonDefaultSettings)
    Self.expectMetrics(analysis, try #require(fixture["metrics"] as? [[String: Any]]))
    #expect(analysis.pool.count == fixture["pool"] as? Int)
    #expect(analysis.poolCorrelation?.flooredPairs == fixture["poolFlooredPairs"] as? Int)
    let r = try analysis.select(capital: try #require(number(fixture, "capital")))
    try Self.expectSelection(r, fixture)
    let instruments = try #require(fixture["instruments"] as? [[String: Any]])
    #expect(r.statuses.map(\.rawValue) == instruments.map { $0["status"] as! String })
    #expect(r.screening.map { $0.reasons.map(\.rawValue) } == instruments.map { $0["reasons"] as! [String] })
    // Max-Sharpe weights really differ from equal ones here (else this would not test the scheme).
    let weights = r.portfolio.weights
    #expect(weights.max()! > 1.5 * weights.min()!)
  }

  @Test("capital reserve at 1,000,000: positions, window, both books' losses, expected and realised volatility")
  func reserve() throws {
    let expected = try #require(try ReferenceFixtures.load("bundled-default")["reserve"] as? [String: Any])
    let selection = try Self.defaults.select(capital: 1_000_000)
    let reserve = try #require(CapitalReserve(selection: selection, universe: Self.universe, quantile: 0.98))
    #expect(reserve.positions.map(\.code) == expected["codes"] as? [String])
    // Contracts are K × IDM × w × τ / cv, computed by the reference from its own selection.
    #expect(approximately(reserve.positions.map(\.contracts), expected["contracts"] as! [Double], relative: 1e-11))
    #expect(identical(reserve.positions.map(\.roundedContracts), expected["roundedContracts"] as! [Double]))
    #expect(reserve.windowStart?.description == expected["windowStart"] as? String)
    #expect(reserve.dates.last?.description == expected["windowEnd"] as? String)
    #expect(reserve.dailyProfitAndLoss.count == expected["days"] as? Int)
    // Quantiles interpolate between two order statistics of sums of ten products: 1e-10 relative.
    for (value, key) in [
      (reserve.longLoss, "longLoss"), (reserve.shortLoss, "shortLoss"), (reserve.longLossRounded, "longLossRounded"),
      (reserve.shortLossRounded, "shortLossRounded"), (reserve.reserve, "reserve"),
      (reserve.reserveRounded, "reserveRounded"), (reserve.realisedDailyVolatility, "realisedDailyVolatility"),
    ] {
      #expect(approximately(try #require(value), number(expected, key)!, relative: 1e-10), "\(key)")
    }
    #expect(approximately(reserve.expectedDailyVolatility, number(expected, "expectedDailyVolatility")!, relative: 1e-11))
    #expect(approximately(reserve.normalLoss, number(expected, "normalLoss")!, relative: 1e-11))
  }
}
