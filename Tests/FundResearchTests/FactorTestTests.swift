import Foundation
import Testing
import FundResearch
import Tradeable
import _TestSupport

/// The factor test (DESIGN.md §8): rank IC and quintiles on a case computed by hand, its point-in-time rules, and
/// agreement with the independent numpy/scipy implementation (`Tests/References/fund_research_reference.py`).
@Suite("Factor test")
struct FactorTestTests {
  /// Five made-up monthly products, month ends 2023-01-31 … 2023-08-31, NAVs from 100 with these monthly returns
  /// (February … August, in %):
  ///
  ///     A   1   1   1   1   1   1   1
  ///     B   2   2   2  −1  −1  −1   3
  ///     C   0   0   0   2   2   2   0
  ///     D  −1  −1  −1   0   0   0   1
  ///     E   1   1   1   1   1   1   1     (E = A: a tie in every ranking)
  static func handUniverse(extra: [NAVSeries] = []) -> FundUniverse {
    let dates = FundFixtures.monthEnds(count: 8, last: "2023-08-31")
    let returns: [(String, [Double])] = [
      ("A", [1, 1, 1, 1, 1, 1, 1]), ("B", [2, 2, 2, -1, -1, -1, 3]), ("C", [0, 0, 0, 2, 2, 2, 0]),
      ("D", [-1, -1, -1, 0, 0, 0, 1]), ("E", [1, 1, 1, 1, 1, 1, 1]),
    ]
    let series = returns.map { code, r in
      NAVSeries(code: code, dates: dates, navs: FundFixtures.compounding(r.map { $0 / 100 }))
    } + extra
    return FundUniverse(products: series.map { .bare($0.code) }, series: series)
  }

  /// Cleaning for eight monthly NAVs: at least 4 (a 3-month window needs 4).
  static let fourNAVs = FundCleaningRules(history: HistoryFilter(minimumPrices: 4))

  @Test("rank IC by hand: 5 products, 4 months, ties by average rank")
  func handComputed() throws {
    let test = FactorTest(
      universe: Self.handUniverse(), cleaning: Self.fourNAVs, settings: FactorTestSettings(windows: [.threeMonths]))
    let cell = try #require(test.cell(.cumulativeReturn, .threeMonths))
    // The 3-month window ending at month end m starts at the month end three months before (30 April − 3 months =
    // 31 January): the first full window ends in April. August has no next month. So m = Apr, May, Jun, Jul.
    //
    // m = April: 3m returns (Feb, Mar, Apr): A = E = 1.01³ − 1 = 3.0301%, B = 1.02³ − 1 = 6.1208%, C = 0,
    //   D = 0.99³ − 1 = −2.9701%. Ascending ranks D 1, C 2, A = E 3.5 (average of 3 and 4), B 5.
    //   May returns A = E 1%, B −1%, C 2%, D 0: ranks B 1, D 2, A = E 3.5, C 5.
    //   Deviations from the mean rank 3: metric (A .5, B 2, C −1, D −2, E .5), next (A .5, B −2, C 2, D −1, E .5).
    //   Σ products = .25 − 4 − 2 + 2 + .25 = −3.5; Σ squares 9.5 and 9.5 → IC = −3.5 / 9.5 = −0.368421.
    // m = May: 3m (Mar, Apr, May): A = E 3.0301%, B = 1.02² × 0.99 − 1 = 2.9996%, C = 2%, D = 0.99² − 1 = −1.99%.
    //   Ranks D 1, C 2, B 3, A = E 4.5. June returns as May's: ranks B 1, D 2, A = E 3.5, C 5.
    //   Deviations (A 1.5, B 0, C −1, D −2, E 1.5) and (.5, −2, 2, −1, .5): Σ = .75 + 0 − 2 + 2 + .75 = 1.5 → 1.5/9.5.
    // m = June: 3m (Apr, May, Jun): A = E 3.0301%, B = 1.02 × 0.99² − 1 = −0.0298%, C = 1.02² − 1 = 4.04%,
    //   D = 0.99 − 1 = −1%. Ranks D 1, B 2, A = E 3.5, C 5; July returns as May's (B 1, D 2, A = E 3.5, C 5).
    //   Deviations (.5, −1, 2, −2, .5) and (.5, −2, 2, −1, .5): Σ = .25 + 2 + 4 + 2 + .25 = 8.5 → 8.5/9.5.
    // m = July: 3m (May, Jun, Jul): A = E 3.0301%, B = 0.99³ − 1, C = 1.02³ − 1, D = 0. Ranks B 1, D 2, A = E 3.5,
    //   C 5. August returns A 1%, B 3%, C 0, D 1%, E 1%: ranks C 1, A = D = E 3 (average of 2, 3, 4), B 5.
    //   Deviations (.5, −2, 2, −1, .5) and (0, 2, −2, 0, 0): Σ = −4 − 4 = −8; Σ squares 9.5 and 8 → −8/√76.
    let expected = [-3.5 / 9.5, 1.5 / 9.5, 8.5 / 9.5, -8 / 76.0.squareRoot()]
    #expect(cell.ics.map(\.monthEnd.description) == ["2023-04-30", "2023-05-31", "2023-06-30", "2023-07-31"])
    #expect(cell.ics.allSatisfy { $0.products == 5 })
    #expect(approximately(cell.ics.map(\.ic), expected, relative: 1e-12))
    // Mean −0.18994205, sd (n − 1) 0.57567127, IR −1.1430, t −0.6599: from the four values above.
    let mean = expected.reduce(0, +) / 4
    let sd = (expected.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 3).squareRoot()
    #expect(approximately(cell.meanIC!, mean, relative: 1e-12))
    #expect(approximately(cell.standardDeviation!, sd, relative: 1e-12))
    #expect(approximately(cell.informationRatio!, mean / sd * 12.0.squareRoot(), relative: 1e-12))
    #expect(approximately(cell.tStatistic!, mean / (sd / 2), relative: 1e-12))
    #expect(identical(cell.shareAboveZero!, 0.5) && cell.months == 4)
    // Quintiles q = floor(5 (rank − 1) / 5) = floor(rank − 1):
    //   Apr: D 0 (May 0), C 1 (2%), A, E 2 (1%), none 3, B 4 (−1%).  May: D 0 (0), C 1 (2%), B 2 (−1%), A, E 3 (1%).
    //   Jun: D 0 (0), B 1 (−1%), A, E 2 (1%), C 4 (2%).               Jul: B 0 (3%), D 1 (1%), A, E 2 (1%), C 4 (0).
    //   q0 (0 + 0 + 0 + 3)/4 = 0.75%, q1 (2 + 2 − 1 + 1)/4 = 1%, q2 (1 − 1 + 1 + 1)/4 = 0.5%, q3 May only 1%,
    //   q4 (−1 + 2 + 0)/3 = 0.333%; top − bottom = 0.333% − 0.75%.
    let q = cell.quintileReturns.map { $0! }
    #expect(approximately(q, [0.0075, 0.01, 0.005, 0.01, 0.01 / 3], relative: 1e-12))
    #expect(cell.quintileMonths == [4, 4, 4, 1, 3])
    #expect(approximately(cell.topMinusBottom!, 0.01 / 3 - 0.0075, relative: 1e-12))
    // Cumulative and annualised return rank alike (same days for every product): the same ICs.
    #expect(identical(test.cell(.annualisedReturn, .threeMonths)!.ics.map(\.ic), cell.ics.map(\.ic)))
  }

  @Test("an undefined metric leaves its product out, and the minimum of 5 is counted after that")
  func undefinedLeftOut() throws {
    let test = FactorTest(
      universe: Self.handUniverse(), cleaning: Self.fourNAVs, settings: FactorTestSettings(windows: [.threeMonths]))
    // A and E have constant returns over every window: zero volatility, no Sharpe ratio. Three products remain: no IC.
    #expect(try #require(test.cell(.sharpe, .threeMonths)).months == 0)
    #expect(try #require(test.cell(.sharpe, .threeMonths)).meanIC == nil)
    // Volatility is defined for all five (0 for A and E, a tie): four ICs.
    #expect(try #require(test.cell(.volatility, .threeMonths)).months == 4)
    // With a minimum of 3 the Sharpe ratio is ranked over B, C, D.
    let three = FactorTest(
      universe: Self.handUniverse(), cleaning: Self.fourNAVs,
      settings: FactorTestSettings(windows: [.threeMonths], minimumProducts: 3))
    #expect(try #require(three.cell(.sharpe, .threeMonths)).ics.allSatisfy { $0.products == 3 })
  }

  @Test("a product that stops reporting drops out; one not yet screened waits; months are point in time")
  func participation() throws {
    let dates = FundFixtures.monthEnds(count: 8, last: "2023-08-31")
    // F reports January to June: at May it has a NAV in June (takes part), at June none in July (drops out).
    let f = NAVSeries(code: "F", dates: Array(dates[..<6]), navs: [100, 101, 99, 102, 104, 103])
    // G starts in March: with 4 NAVs needed it passes the screens at June (Mar, Apr, May, Jun).
    let g = NAVSeries(code: "G", dates: Array(dates[2...]), navs: [100, 98, 97, 99, 101, 100])
    let test = FactorTest(
      universe: Self.handUniverse(extra: [f, g]), cleaning: Self.fourNAVs,
      settings: FactorTestSettings(windows: [.threeMonths]))
    #expect(test.monthEnds.map(\.description).last == "2023-07-31")
    // Jan: none has 4 NAVs. Apr: A–E and F. May: A–F. Jun: A–E and G (F has no July NAV). Jul: A–E, G.
    #expect(test.participants == [0, 0, 0, 6, 6, 6, 6])
    let ics = try #require(test.cell(.cumulativeReturn, .threeMonths)).ics
    // G's first full 3-month window ends in June (31 March is its first NAV): it is ranked from June on.
    #expect(ics.map(\.products) == [6, 6, 6, 6])
    // Appending NAVs after July changes no IC up to June.
    let later = FactorTest(
      universe: Self.handUniverse(extra: [f, g]).asOf(CalendarDay(iso: "2023-07-31")!), cleaning: Self.fourNAVs,
      settings: FactorTestSettings(windows: [.threeMonths]))
    let before = try #require(later.cell(.cumulativeReturn, .threeMonths)).ics
    #expect(before.map(\.monthEnd) == Array(ics.map(\.monthEnd).prefix(before.count)))
    #expect(identical(before.map(\.ic), Array(ics.map(\.ic).prefix(before.count))))
  }

  @Test("Spearman with average ranks: ties share the mean rank; constant sides have no correlation")
  func spearman() {
    // Half-integers are exact: the ranks are compared as they must be, identical.
    #expect(identical(RankCorrelation.averageRanks([3, 1, 3, 2]), [3.5, 1, 3.5, 2]))
    #expect(identical(RankCorrelation.averageRanks([5, 5, 5]), [2, 2, 2]))
    // x ranks (1, 2, 3, 4), y (4, 3, 2, 1): −1; a constant side: undefined.
    #expect(approximately(RankCorrelation.spearman([0.1, 0.2, 0.3, 0.4], [9, 7, 5, 1])!, -1, relative: 1e-15))
    #expect(RankCorrelation.spearman([1, 2, 3], [4, 4, 4]) == nil)
    // scipy.stats.spearmanr([1, 2, 2, 3, 5], [2, 1, 3, 3, 4]).statistic = 0.7631578947368421: ranks (1, 2.5, 2.5, 4,
    // 5) and (2, 1, 3.5, 3.5, 5), deviations from 3 (−2, −.5, −.5, 1, 2) and (−1, −2, .5, .5, 2):
    // Σ products = 2 + 1 − .25 + .5 + 4 = 7.25, Σ squares 9.5 and 9.5.
    #expect(approximately(RankCorrelation.spearman([1, 2, 2, 3, 5], [2, 1, 3, 3, 4])!, 7.25 / 9.5, relative: 1e-15))
  }

  /// Compares a run with the reference's cells of `key` in `fixtures/fund-research.json`.
  static func expectReference(_ test: FactorTest, key: String) throws {
    let url = PackagePaths.root.appendingPathComponent("Tests/References/fixtures/fund-research.json")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let cells = try #require(document[key] as? [[String: Any]])
    #expect(cells.count == test.cells.count)
    for reference in cells {
      let metric = try #require(FactorMetric(rawValue: reference["metric"] as! String))
      let window = try #require(MetricWindow(rawValue: reference["window"] as! String))
      let cell = try #require(test.cell(metric, window))
      let ics = reference["ics"] as! [[String: Any]]
      #expect(cell.ics.map(\.monthEnd.description) == ics.map { $0["date"] as! String }, "\(metric) \(window)")
      #expect(cell.ics.map(\.products) == ics.map { $0["products"] as! Int }, "\(metric) \(window)")
      // Sums of a few hundred ranks in two orders: a few ulps apart (observed ≤ 1e-15).
      #expect(approximately(cell.ics.map(\.ic), ics.map { $0["ic"] as! Double }, relative: 1e-12, absolute: 1e-13))
      for (name, value) in [
        ("meanIC", cell.meanIC), ("standardDeviation", cell.standardDeviation), ("icIR", cell.informationRatio),
        ("tStatistic", cell.tStatistic), ("shareAboveZero", cell.shareAboveZero),
        ("topMinusBottom", cell.topMinusBottom),
      ] {
        let expected = reference[name] as? Double
        #expect((value == nil) == (expected == nil), "\(metric) \(window) \(name)")
        if let value, let expected {
          #expect(approximately(value, expected, relative: 1e-11, absolute: 1e-13), "\(metric) \(window) \(name)")
        }
      }
      let quintiles = reference["quintiles"] as! [Any]
      for (q, value) in cell.quintileReturns.enumerated() {
        let expected = quintiles[q] as? Double
        #expect((value == nil) == (expected == nil))
        if let value, let expected { #expect(approximately(value, expected, relative: 1e-12, absolute: 1e-15)) }
      }
    }
  }

  @Test("the bundled 20 stocks since 1990 agree with the independent reference (numpy, scipy.stats.spearmanr)")
  func bundledStocks() throws {
    let universe = try FundUniverse.load(navs: PackagePaths.root.appendingPathComponent("data/funds/sp500_stocks.csv").path)
    try Self.expectReference(FactorTest(universe: universe, settings: FactorTestSettings()), key: "factor test sp500_stocks")
  }

  @Test("a generated fund universe (weekly, biweekly, monthly, quarterly, late starts, stops) agrees with the reference")
  func generatedUniverse() throws {
    let folder = PackagePaths.root.appendingPathComponent("Tests/References/fixtures/fund-universe")
    let universe = try FundUniverse.load(
      navs: folder.appendingPathComponent("navs.csv").path, products: folder.appendingPathComponent("products.csv").path)
    let test = FactorTest(universe: universe, settings: FactorTestSettings())
    try Self.expectReference(test, key: "factor test fund-universe")
    // The quarterly product never takes part; the stopped ones drop out: fewer participants than products, always.
    #expect(test.participants.allSatisfy { $0 < universe.count } && test.participants.max()! > 20)
  }
}
