import Foundation
import LinearAlgebra
import Testing
import Tradeable
import _TestSupport

/// FOF selection: DESIGN.md's 8,000,000 worked example, fee drags, monthly correlations without a floor, and the
/// greedy path on products built so that every number is known.
@Suite("FOF selection")
struct FundSelectionTests {
  /// 49 month-end NAVs to 2023-12-31 (48 returns); the last 36 months are the volatility window.
  static let dates = FundFixtures.monthEnds(count: 49, last: "2023-12-31")
  /// Step x of alternating returns giving exactly 20% annual volatility over 36 monthly returns:
  /// sd = x √(36/35), × √12 = 0.2 → x = 0.2 / √12 / √(36/35).
  static let step = 0.2 / 12.0.squareRoot() / (36.0 / 35).squareRoot()

  /// Returns pattern a = (+x, −x, +x, −x, …); c = (+x, +x, −x, −x, …) is orthogonal to it, and −a opposite.
  static func navs(_ pattern: String) -> [Double] {
    let x = step
    let returns: [Double] = (0..<48).map { k in
      switch pattern {
      case "a": return k % 2 == 0 ? x : -x
      case "c": return k % 4 < 2 ? x : -x
      default: return k % 2 == 0 ? -x : x
      }
    }
    return FundFixtures.compounding(returns)
  }

  /// A folder with products P1 (pattern a), P2 (c), P3 (−a); minimum subscription 1,000,000; management fees 1%, 2%,
  /// 3%.
  static func folder(products: [String] = ["P1", "P2", "P3"]) -> TemporaryDataFolder {
    let f = TemporaryDataFolder("fof")
    let patterns = ["P1": "a", "P2": "c", "P3": "-a"]
    let fees = ["P1": 0.01, "P2": 0.02, "P3": 0.03]
    var rows = [
      "code,name,manager,strategy,currency,min_subscription,management_fee,performance_fee,hurdle,"
        + "subscription_fee,redemption_fee,custody_fee"
    ]
    for p in products { rows.append("\(p),Made-up \(p),M,test,USD,1000000,\(fees[p]!),0,,0,0,0") }
    f.write("products.csv", rows.joined(separator: "\n") + "\n")
    f.write("navs.csv", FundFixtures.longFile(products.map { (code: $0, dates: dates, navs: navs(patterns[$0]!)) }))
    return f
  }

  static func analysis(_ f: TemporaryDataFolder, settings: FundSelectionSettings = .init()) throws -> FundAnalysis {
    let universe = try FundUniverse.load(navs: f.path("navs.csv"), products: f.path("products.csv"))
    return try FundAnalysis(universe: universe, settings: settings, fx: FXRates(baseCurrency: "USD", rates: [:]))
  }

  @Test("DESIGN.md §5 worked example: 1,000,000 × 4 × 0.20 / (2.5 × 0.40 × 0.10) = 8,000,000")
  func workedExample() throws {
    // The FOF defaults are the worked example's: 4 units, IDM cap 2.5, largest weight 0.40, target 0.10.
    let settings = FundSelectionSettings()
    #expect(
      approximately(
        settings.filters.capital.minimumCapital(unitRisk: 1_000_000 * 0.2, sizing: settings.sizing), 8_000_000,
        relative: 1e-15))
    // The same through the pipeline: a product of exactly 20% volatility and 1,000,000 minimum subscription.
    let a = try Self.analysis(Self.folder(products: ["P1"]))
    #expect(approximately(a.metrics[0].annualVolatility!, 0.2, relative: 1e-12))
    #expect(approximately(a.standaloneCapital[0]!, 8_000_000, relative: 1e-12))
    // Alone (w = 1, IDM = 1) it needs 4 × 1,000,000 × 0.2 / 0.1 = 8,000,000 too (2.5 × 0.40 = 1).
    #expect(approximately(a.smallestWorkable!.capital, 8_000_000, relative: 1e-12))
    let below = try a.select(capital: 7_999_000)
    #expect(below.reasons[0] == [.capital] && below.path.steps.isEmpty)
    let above = try a.select(capital: 8_001_000)
    #expect(above.selected == [0])
    #expect(approximately(above.path.steps[0].minimumCapital, 8_000_000, relative: 1e-12))
  }

  @Test("fee drag and SR cost: fees / volatility; net SR = 0.4 − SR cost")
  func costs() throws {
    let a = try Self.analysis(Self.folder())
    // P1: 1% / 20% = 0.05 SR; P2: 0.10; P3: 0.15.
    #expect(approximately(a.metrics.map { $0.annualSRCost! }, [0.05, 0.10, 0.15], relative: 1e-12))
    #expect(approximately(a.metrics.map { $0.netSR! }, [0.35, 0.30, 0.25], relative: 1e-12))
    // Unit risk = 1,000,000 × 0.2.
    #expect(approximately(a.metrics[1].unitRisk!, 200_000, relative: 1e-12))
    #expect(a.metrics[1].tradesPerYear == 2.0 / 3)
  }

  @Test("monthly correlations without a floor: −1 stays −1, and the singular matrix is repaired")
  func correlations() throws {
    let a = try Self.analysis(Self.folder())
    let c = try #require(a.poolCorrelation).matrix
    // a·c sums to 0 over every four months; P3 = −P1.
    #expect(approximately(c[0, 1], 0, relative: 0, absolute: 1e-12))
    #expect(approximately(c[0, 2], -1, relative: 1e-12))
    #expect(approximately(c[1, 2], 0, relative: 0, absolute: 1e-12))
    // 48 returns in a 60-month window: the panel has gaps (the first 12 months), handled pairwise.
    #expect(a.poolCorrelation?.hadGaps == true && a.poolCorrelation?.undefinedPairs == 0)
    let s = try a.select(capital: 100_000_000)
    #expect(s.repair.repaired && s.repair.smallestEigenvalue < 1e-10)
  }

  @Test("greedy path on two uncorrelated products, every number by hand")
  func greedy() throws {
    let a = try Self.analysis(Self.folder(products: ["P1", "P2"]))
    let s = try a.select(capital: 20_000_000)
    // Step 1: P1 (lowest SR cost, 0.05), Sharpe 0.35, IDM 1, capital 4 × 200,000 / (1 × 1 × 0.1) = 8,000,000.
    // Step 2: P2, w = ½ each, wᵀCw = ½ → SR = (0.35 + 0.30)/2 / √½ = 0.325 √2 = 0.45961941, IDM √2;
    // each member needs 4 × 200,000 / (√2 × ½ × 0.1) = 11,313,708.5.
    #expect(s.path.steps.map(\.added) == [0, 1])
    #expect(approximately(s.path.steps[0].sharpe, 0.35, relative: 1e-12))
    #expect(approximately(s.path.steps[0].minimumCapital, 8_000_000, relative: 1e-12))
    #expect(approximately(s.path.steps[1].sharpe, 0.325 * 2.0.squareRoot(), relative: 1e-12))
    #expect(approximately(s.path.steps[1].idm, 2.0.squareRoot(), relative: 1e-12))
    #expect(approximately(s.path.steps[1].minimumCapital, 800_000 / (2.0.squareRoot() * 0.05), relative: 1e-12))
    #expect(s.statuses == [.selected, .selected])
    // At 10,000,000 the pair is not affordable: P1 alone.
    let small = try a.select(capital: 10_000_000)
    #expect(small.selected == [0] && small.path.stopReason == .nothingAffordable)
  }

  @Test("the JSON has DESIGN.md §7's keys, every product in input order")
  func json() throws {
    let a = try Self.analysis(Self.folder())
    let text = try a.select(capital: 20_000_000).json.rendered()
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    for key in ["capital", "baseCurrency", "portfolio", "steps", "instruments"] { #expect(doc[key] != nil) }
    let instruments = try #require(doc["instruments"] as? [[String: Any]])
    #expect(instruments.map { $0["code"] as! String } == ["P1", "P2", "P3"])
    for key in [
      "code", "currencyVolatility", "annualVolatility", "costPerTrade", "costPerTradeSR", "tradesPerYear",
      "annualSRCost", "minimumCapital", "status", "reasons",
    ] {
      #expect(instruments.allSatisfy { $0[key] != nil }, "missing \(key)")
    }
    let portfolio = try #require(doc["portfolio"] as? [String: Any])
    #expect(Set(portfolio.keys) == ["sharpe", "idm", "minimumCapital", "smallestCapital", "instruments"])
  }

  @Test("a product without a minimum subscription, or in a currency without a rate, is an input error")
  func inputErrors() throws {
    let f = Self.folder(products: ["P1"])
    f.write("products.csv", "code,currency,min_subscription\nP1,USD,\n")
    #expect(throws: InputError.self) { try Self.analysis(f) }
    f.write("products.csv", "code,currency,min_subscription\nP1,EUR,1000\n")
    do {
      _ = try Self.analysis(f)
      Issue.record("expected an error")
    } catch let error as InputError {
      #expect(error.line == 2 && error.message.contains("unknown currency 'EUR'"))
    }
  }
}
