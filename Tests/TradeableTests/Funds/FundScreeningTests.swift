import Foundation
import Testing
import Tradeable
import _TestSupport

/// FOF screening through the core's filter steps: the frequency and volatility filters by hand, the stages (cleaning,
/// then volatility, then cost, then capital on the pool), and the settings document.
@Suite("FOF screening and settings")
struct FundScreeningTests {
  /// A measured product as the filters see it.
  struct Product: Screenable {
    var observationCount = 100
    var lastObservationDate: CalendarDay? = nil
    var reportingFrequency: ReportingFrequency? = .monthly
    var annualVolatility: Double? = 0.2
    var unitRisk: Double? = 20_000
    var annualSRCost: Double? = 0.05
    var liquidity: Liquidity = .unknown
    var riskIsUnmeasurable = false
  }

  static let context = FilterContext(universeLastDate: nil)

  @Test("frequency filter: irregular or undetectable excluded; the slowest frequency kept is a parameter")
  func frequency() {
    let monthly = FrequencyFilter()
    #expect(!monthly.excludes(Product(reportingFrequency: .monthly), in: Self.context))
    #expect(!monthly.excludes(Product(reportingFrequency: .daily), in: Self.context))
    #expect(monthly.excludes(Product(reportingFrequency: .irregular), in: Self.context))
    #expect(monthly.excludes(Product(reportingFrequency: nil), in: Self.context))  // a single NAV
    let weekly = FrequencyFilter(slowest: .weekly)
    #expect(weekly.excludes(Product(reportingFrequency: .biweekly), in: Self.context))
    #expect(!weekly.excludes(Product(reportingFrequency: .weekly), in: Self.context))
  }

  @Test("volatility filter: zero or unmeasurable volatility excluded; the minimum is a parameter")
  func volatility() {
    let filter = VolatilityFilter()
    #expect(filter.excludes(Product(annualVolatility: 0), in: Self.context))
    #expect(filter.excludes(Product(annualVolatility: nil), in: Self.context))
    #expect(!filter.excludes(Product(annualVolatility: 1e-9), in: Self.context))
    #expect(VolatilityFilter(minimumVolatility: 0.05).excludes(Product(annualVolatility: 0.05), in: Self.context))
  }

  /// 49 month-end NAVs to 2023-12-31 for the kept products.
  static let monthEnds = FundFixtures.monthEnds(count: 49, last: "2023-12-31")

  /// Products: OK (20% a year by `FundSelectionTests.step`, fee 1%), DEAR (same path, fee 20%), FLAT (constant NAV),
  /// SHORT (30 NAVs), QUART (10 quarterly NAVs), each with a minimum subscription of 1,000.
  static func analysis(_ settings: FundSelectionSettings = FundSelectionSettings()) throws -> FundAnalysis {
    let path = FundFixtures.alternating(step: FundSelectionTests.step, returns: 48)
    let quarters = (0..<10).map { CalendarDay(iso: "2021-06-30")!.addingMonths(3 * $0) }
    let products = ["OK", "DEAR", "FLAT", "SHORT", "QUART"].map { code in
      FundProduct(
        code: code, currency: "USD", minimumSubscription: 1_000, managementFee: code == "DEAR" ? 0.20 : 0.01,
        sourceLine: 2)
    }
    let universe = FundUniverse(
      products: products,
      series: [
        NAVSeries(code: "OK", dates: monthEnds, navs: path),
        NAVSeries(code: "DEAR", dates: monthEnds, navs: path),
        NAVSeries(code: "FLAT", dates: monthEnds, navs: [Double](repeating: 100, count: 49)),
        NAVSeries(code: "SHORT", dates: Array(monthEnds.suffix(30)), navs: Array(path.suffix(30))),
        NAVSeries(code: "QUART", dates: quarters, navs: Array(path.prefix(10))),
      ], productsFile: "products.csv", source: "navs.csv")
    return try FundAnalysis(universe: universe, settings: settings, fx: FXRates(baseCurrency: "USD", rates: [:]))
  }

  @Test("stages: cleaning, then volatility, then cost, then capital on the pool; several reasons collected")
  func stages() throws {
    let a = try Self.analysis()
    // QUART fails both cleaning filters; SHORT only history (it is not measured further); FLAT is kept by cleaning
    // and fails volatility. No cost filter by default: DEAR (SR cost 0.20 / 0.2 = 1) stays.
    #expect(a.screening.map(\.reasons) == [[], [], [.volatility], [.history], [.frequency, .history]])
    #expect(a.pool == [0, 1])
    var settings = FundSelectionSettings()
    settings.filters.cost = CostFilter(maximumSRCost: 0.5)
    let limited = try Self.analysis(settings)
    // DEAR's 1.0 SR a year is above 0.5; FLAT's undefined SR cost is not screened again (volatility came first).
    #expect(limited.screening.map(\.reasons) == [[], [.cost], [.volatility], [.history], [.frequency, .history]])
    // At 1 unit of capital every pool product fails capital; the others keep their reasons only.
    let poor = try limited.select(capital: 1)
    #expect(poor.reasons == [[.capital], [.cost], [.volatility], [.history], [.frequency, .history]])
    #expect(poor.statuses.allSatisfy { $0 == .excluded } && poor.portfolio.isEmpty)
    // OK needs 4 × 1,000 × 0.2 / (2.5 × 0.40 × 0.10) = 8,000 on its own.
    #expect(approximately(limited.standaloneCapital[0]!, 8_000, relative: 1e-12))
    #expect(try limited.select(capital: 8_001).selected == [0])
  }

  @Test("the FOF defaults are written once, in the settings type: DESIGN.md §5's and §8's numbers")
  func defaults() {
    let s = FundSelectionSettings()
    #expect(s.sizing == PositionSizing(maxContracts: 4, idmCap: 2.5, targetVolatility: 0.10))
    #expect(s.filters.capital.maximumWeight == 0.40 && s.filters.cost == nil)
    #expect(s.filters.volatility.minimumVolatility == 0)
    #expect(s.costs.preCostSR == CostSettings().preCostSR && s.costs.holdingYears == 3)
    #expect(s.risk.volatilityMonths == 36 && s.risk.correlationMonths == 60)
    #expect(s.risk.positiveDefiniteThreshold == CorrelationSettings().positiveDefiniteThreshold)
    #expect(s.cleaning.history.minimumPrices == 40 && s.cleaning.frequency.slowest == .monthly)
    #expect(s.selection == SelectionRules())
  }

  @Test("the settings document: complete, read back equal from a whole output or its block; unknown keys refused")
  func document() throws {
    var settings = FundSelectionSettings()
    settings.filters.cost = CostFilter(maximumSRCost: 0.3)
    settings.cleaning.mergeManagers = true
    settings.sizing.targetVolatility = 0.12
    let block = settings.json.rendered()
    #expect(try FundSelectionSettings.load(Array(block.utf8), file: "s.json") == settings)
    let output = try Self.analysis(settings).select(capital: 1_000_000).json.rendered()
    #expect(try FundSelectionSettings.load(Array(output.utf8), file: "run.json") == settings)
    // A partial document keeps the defaults elsewhere.
    let partial = try FundSelectionSettings.load(Array(#"{"risk": {"volatilityMonths": 24}}"#.utf8), file: "p.json")
    var expected = FundSelectionSettings()
    expected.risk.volatilityMonths = 24
    #expect(partial == expected)
    do {
      _ = try FundSelectionSettings.load(Array(#"{"sizing": {"maxUnits": 2}}"#.utf8), file: "bad.json")
      Issue.record("an unknown key must be refused")
    } catch {
      #expect(error.line == 1 && error.message.contains("unknown setting 'maxUnits' in 'sizing'"))
    }
  }
}
