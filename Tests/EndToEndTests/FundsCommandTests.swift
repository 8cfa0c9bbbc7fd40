import Foundation
import Testing
import _TestSupport

/// Runs `tradeable funds …` and `tradeable blend` on the bundled data/funds, the way a user does. Golden values come
/// from `Tests/References/funds_reference.py`, an independent numpy implementation of DESIGN.md §8 and of the blend
/// (written from the text, not from this code), which writes them to `Tests/References/fixtures/funds.json`; they
/// agree with the binary to ~1e-14 (metrics, selection, blend) and ~1e-13 (regression p-values).
@Suite("tradeable funds and blend (end to end)")
struct FundsCommandTests {
  static func run(_ arguments: [String]) throws -> ProcessOutput {
    try runProcess(PackagePaths.tradeableExecutable, arguments, currentDirectory: PackagePaths.root)
  }

  static func json(_ arguments: [String]) throws -> [String: Any] {
    let out = try run(arguments + ["--format", "json"])
    #expect(out.status == 0, "stderr: \(out.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(out.standardOutput.utf8)) as? [String: Any])
  }

  static let codes = ["MTUM", "QUAL", "SIZE", "USMV", "VLUE"]

  @Test("funds metrics: every window of every ETF; MTUM's 3 years and the S&P 500 since 1990 match the reference")
  func metrics() throws {
    let doc = try Self.json(["funds", "metrics"])
    let series = try #require(doc["series"] as? [[String: Any]])
    #expect(series.map { $0["code"] as! String } == Self.codes)
    #expect(series.allSatisfy { $0["frequency"] as? String == "daily" && $0["periodsPerYear"] as? Double == 252 })
    let windows = try #require(series[0]["windows"] as? [String: Any])
    #expect(Set(windows.keys) == ["3m", "6m", "1y", "3y", "inception"])
    let mtum = try #require(windows["3y"] as? [String: Any])
    #expect(mtum["start"] as? String == "2019-12-27" && mtum["end"] as? String == "2022-12-28")
    #expect(approximately(mtum["sharpe"] as! Double, 0.35133834090097044, relative: 1e-10))
    #expect(approximately(mtum["volatility"] as! Double, 0.27930551235106876, relative: 1e-10))
    #expect(approximately(mtum["maxDrawdown"] as! Double, -0.34081825670439636, relative: 1e-10))
    #expect(approximately(mtum["annualisedReturn"] as! Double, 0.06067192763508489, relative: 1e-10))
    #expect(approximately(mtum["sharpeStandardError"] as! Double, 0.5774209665735632, relative: 1e-10))

    let index = try Self.json(["funds", "metrics", "data/funds/sp500_index.csv", "--window", "inception"])
    let sp = try #require(
      ((index["series"] as? [[String: Any]])?[0]["windows"] as? [String: Any])?["inception"] as? [String: Any])
    #expect(approximately(sp["sharpe"] as! Double, 0.48161858185307577, relative: 1e-10))
    #expect(approximately(sp["maxDrawdown"] as! Double, -0.5677538894035716, relative: 1e-10))
    #expect(approximately(sp["calmar"] as! Double, 0.13023749263144022, relative: 1e-10))
    #expect(sp["peakDate"] as? String == "2007-10-09" && sp["troughDate"] as? String == "2009-03-09")
    #expect(sp["recoveryDate"] as? String == "2013-03-28")

    let table = try Self.run(["funds", "metrics"])
    #expect(
      table.status == 0 && table.standardOutput.contains("Fund metrics") && !table.standardOutput.contains("\u{1B}["))
    let csv = try Self.run(["funds", "metrics", "--format", "csv"])
    #expect(csv.standardOutput.split(separator: "\n").count == 1 + 5 * 5)
  }

  @Test("funds score: SIZE and MTUM on the ETFs; 4 of the 20 stocks")
  func score() throws {
    let doc = try Self.json(["funds", "score"])
    #expect(doc["date"] as? String == "2022-12-28")
    #expect(doc["selected"] as? [String] == ["SIZE", "MTUM"])
    #expect((doc["products"] as? [[String: Any]])?.map { $0["code"] as! String } == Self.codes)
    let stocks = try Self.json(["funds", "score", "data/funds/sp500_stocks.csv"])
    #expect(stocks["ranked"] as? Int == 20 && (stocks["selected"] as? [String])?.count == 4)
  }

  @Test("funds backtest: twelve half-yearly rebalances from 2017, two products each")
  func backtest() throws {
    let doc = try Self.json(["funds", "backtest"])
    #expect(doc["start"] as? String == "2017-01-03")
    let rebalances = try #require(doc["rebalances"] as? [[String: Any]])
    #expect(rebalances.count == 12)
    #expect(rebalances.allSatisfy { ($0["selected"] as? [String])?.count == 2 && $0["benchmarkProducts"] as? Int == 5 })
    // Both portfolios recomputed from the NAV file and the reported rebalances, with §8's metrics.
    try FundsBacktestCheck.expectAgreement(doc)
  }

  @Test("funds regress: USMV on the S&P 500 matches the reference (numpy lstsq, Student's t by incomplete beta)")
  func regress() throws {
    let doc = try Self.json(["funds", "regress", "--product", "USMV"])
    let product = try #require((doc["products"] as? [[String: Any]])?.first)
    #expect(product["observations"] as? Int == 2263)
    #expect(approximately(product["rSquared"] as! Double, 0.8774473573855581, relative: 1e-10))
    let coefficients = try #require(product["coefficients"] as? [[String: Any]])
    #expect(coefficients.map { $0["name"] as! String } == ["alpha", "SP500"])
    let expected: [[Double]] = [
      [0.0001365013539502535, 6.996624522995683e-05, 1.9509601165764563, 0.051185154245779185],
      [0.7771561706196641, 0.006108137762225979, 127.23291465784595, 0],
    ]
    for (c, e) in zip(coefficients, expected) {
      #expect(approximately(c["estimate"] as! Double, e[0], relative: 1e-9))
      #expect(approximately(c["standardError"] as! Double, e[1], relative: 1e-9))
      #expect(approximately(c["tStatistic"] as! Double, e[2], relative: 1e-9))
      #expect(approximately(c["pValue"] as! Double, e[3], relative: 1e-9, absolute: 1e-300))
    }
  }

  @Test("funds select: the same JSON shape as select; MTUM, VLUE, USMV at 1,000,000")
  func select() throws {
    let doc = try Self.json(["funds", "select", "--capital", "1000000"])
    #expect(doc["capital"] as? Double == 1_000_000 && doc["baseCurrency"] as? String == "USD")
    let steps = try #require(doc["steps"] as? [[String: Any]])
    let golden: [(String, Double, Double, Double)] = [
      ("MTUM", 0.39462953671277856, 1.0, 1605.7832516087642),
      ("VLUE", 0.42004034612433866, 1.0644560035651616, 3017.0965192183535),
      ("USMV", 0.42011915191382204, 1.066074158379343, 4518.775468818865),
    ]
    #expect(steps.map { $0["added"] as! String } == golden.map(\.0))
    for (step, g) in zip(steps, golden) {
      #expect(approximately(step["sharpe"] as! Double, g.1, relative: 1e-10))
      #expect(approximately(step["idm"] as! Double, g.2, relative: 1e-10))
      #expect(approximately(step["minimumCapital"] as! Double, g.3, relative: 1e-10))
    }
    let instruments = try #require(doc["instruments"] as? [[String: Any]])
    #expect(instruments.map { $0["code"] as! String } == Self.codes)
    for key in [
      "code", "currencyVolatility", "annualVolatility", "costPerTrade", "costPerTradeSR", "tradesPerYear",
      "annualSRCost", "minimumCapital", "status", "reasons",
    ] {
      #expect(instruments.allSatisfy { $0[key] != nil }, "missing \(key)")
    }
    let portfolio = try #require(doc["portfolio"] as? [String: Any])
    #expect((portfolio["instruments"] as? [[String: Any]])?.map { $0["code"] as! String } == ["MTUM", "VLUE", "USMV"])

    let none = try Self.json(["funds", "select", "--capital", "100"])
    let empty = try #require(none["portfolio"] as? [String: Any])
    #expect(
      empty["sharpe"] is NSNull && empty["minimumCapital"] is NSNull && (none["steps"] as? [Any])?.isEmpty == true)
    let text = try Self.run(["funds", "select", "--capital", "100"])
    #expect(text.standardOutput.contains("Nothing can be selected with 100 USD"))
    let table = try Self.run(["funds", "select", "--capital", "1000000"])
    #expect(
      table.standardOutput.contains("Selection, step by step")
        && table.standardOutput.contains("Chosen set: 3 products"))
  }

  @Test("blend: 60% S&P 500, 20% USMV, 20% MTUM, annual and 5% band, match the reference")
  func blend() throws {
    let args = [
      "blend", "--weights", "SP500=0.6,USMV=0.2,MTUM=0.2", "data/funds/sp500_index.csv", "data/funds/factor_etfs.csv",
    ]
    let annual = try #require(try Self.json(args)["blend"] as? [String: Any])
    #expect(approximately(annual["annualisedReturn"] as! Double, 0.09561751014788555, relative: 1e-10))
    #expect(approximately(annual["volatility"] as! Double, 0.17514419446780854, relative: 1e-10))
    #expect(approximately(annual["sharpe"] as! Double, 0.6097531083481048, relative: 1e-10))
    #expect(approximately(annual["maxDrawdown"] as! Double, -0.3377641346472443, relative: 1e-10))
    let band = try Self.json(args + ["--rebalance", "threshold", "--band", "0.05"])
    #expect((band["rebalanceDates"] as? [String])?.count == 1)
    #expect(
      approximately(
        (band["blend"] as! [String: Any])["annualisedReturn"] as! Double, 0.09538996981799097, relative: 1e-10))
    let matrix = try #require((band["correlation"] as? [String: Any])?["matrix"] as? [[Double]])
    #expect(matrix.count == 3 && matrix[0][0] == 1 && approximately(matrix[0][1], matrix[1][0], relative: 1e-15))
    let years = try #require(band["calendarYears"] as? [[String: Any]])
    #expect(years.map { $0["year"] as! Int } == Array(2014...2022))
    let table = try Self.run(args)
    #expect(
      table.standardOutput.contains("Calendar-year returns") && table.standardOutput.contains("Correlation of returns"))
  }

  @Test("bad input: exit 1 with file, line and column")
  func badInput() throws {
    let folder = TemporaryDataFolder("funds-bad")
    folder.write("navs.csv", "date,A,B\n2023-01-03,1,2\n2023-01-04,-1,2\n")
    let negative = try Self.run(["funds", "metrics", folder.path("navs.csv")])
    #expect(negative.status == 1)
    #expect(negative.standardError.contains("navs.csv:3:2: error: the NAV -1 of 'A' is not positive"))
    folder.write("dup.csv", "date,code,nav\n2023-01-03,A,1\n2023-01-03,A,2\n")
    let duplicate = try Self.run(["funds", "score", folder.path("dup.csv")])
    #expect(duplicate.status == 1 && duplicate.standardError.contains("dup.csv:3:1: error: duplicate date 2023-01-03"))
    folder.write("products.csv", "code,min_subscription\nMTUM,100\n")
    let unknown = try Self.run([
      "funds", "metrics", "data/funds/factor_etfs.csv", "--products", folder.path("products.csv"),
    ])
    #expect(unknown.status == 1 && unknown.standardError.contains("factor_etfs.csv:1:3: error: unknown product 'QUAL'"))
    let series = try Self.run(["blend", "--weights", "SP500=0.5,BOND=0.5", "data/funds/sp500_index.csv"])
    #expect(series.status == 1 && series.standardError.contains("unknown series 'BOND'"))
    let weights = try Self.run(["blend", "--weights", "SP500=0.5", "data/funds/sp500_index.csv"])
    #expect(weights.status != 0 && weights.standardError.contains("sum to 0.5"))
  }

  @Test("--help lists the fund subcommands and blend")
  func help() throws {
    let funds = try Self.run(["funds", "--help"])
    for name in ["metrics", "score", "backtest", "regress", "select"] { #expect(funds.standardOutput.contains(name)) }
    #expect(try Self.run(["--help"]).standardOutput.contains("blend"))
  }
}
