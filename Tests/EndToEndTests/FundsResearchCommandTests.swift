import Foundation
import Testing
import _TestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The fund research commands as a user runs them: the factor test, style analysis, warning and stop-loss lines,
/// point-in-time screens and the look-ahead guard (appending NAVs changes no past decision), the synthetic fund
/// universe. Golden values come from `Tests/References/fund_research_reference.py` (fixtures/fund-research.json).
@Suite("tradeable funds research (end to end)")
struct FundsResearchCommandTests {
  static func run(_ arguments: [String]) throws -> ProcessOutput { try FundsCommandTests.run(arguments) }
  static func json(_ arguments: [String]) throws -> [String: Any] { try FundsCommandTests.json(arguments) }

  nonisolated(unsafe) static let reference: [String: Any] = {
    let url = PackagePaths.root.appendingPathComponent("Tests/References/fixtures/fund-research.json")
    return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
  }()

  /// Whether `page` parses as XML (the pages are XHTML).
  static func isWellFormed(_ page: String) -> Bool { XMLParser(data: Data(page.utf8)).parse() }

  @Test("factor-test on the 20 stocks: the reference's mean ICs, 32 cells in every format, a heatmap page")
  func factorTest() throws {
    let doc = try Self.json(["funds", "factor-test", "data/funds/sp500_stocks.csv"])
    let cells = try #require(doc["cells"] as? [[String: Any]])
    #expect(cells.count == 32 && (doc["settings"] as? [String: Any])?["minimumProducts"] as? Int == 5)
    let expected = try #require(Self.reference["factor test sp500_stocks"] as? [[String: Any]])
    for (cell, golden) in zip(cells, expected) {
      #expect(cell["metric"] as? String == golden["metric"] as? String)
      #expect(cell["months"] as? Int == golden["months"] as? Int)
      #expect(approximately(cell["meanIC"] as! Double, golden["meanIC"] as! Double, relative: 1e-11, absolute: 1e-14))
      #expect(approximately(cell["tStatistic"] as! Double, golden["tStatistic"] as! Double, relative: 1e-10))
    }
    let csv = try Self.run(["funds", "factor-test", "data/funds/sp500_stocks.csv", "--format", "csv"])
    #expect(csv.status == 0 && csv.standardOutput.split(separator: "\n").count == 33)
    let folder = TemporaryDataFolder("factor-test")
    let table = try Self.run([
      "funds", "factor-test", "data/funds/sp500_stocks.csv", "--html", folder.path("ic.html"), "--ic-csv",
      folder.path("ic.csv"), "--window", "1y", "3y",
    ])
    #expect(table.status == 0 && table.standardOutput.contains("Factor test") && table.standardOutput.contains("3y"))
    #expect(!table.standardOutput.contains("  6m  "))
    let page = try String(contentsOfFile: folder.path("ic.html"), encoding: .utf8)
    #expect(page.contains("<svg id=\"chart-factor-ic\"") && Self.isWellFormed(page))
    let monthly = try String(contentsOfFile: folder.path("ic.csv"), encoding: .utf8)
    #expect(monthly.hasPrefix("date,metric,window,ic,products\n"))
    // Options outside their range, and ones that cannot apply, stop before any work.
    let few = try Self.run(["funds", "factor-test", "--min-products", "2"])
    #expect(few.status != 0 && few.standardError.contains("--min-products"))
    let merged = try Self.run(["funds", "factor-test", "--merge-managers"])
    #expect(merged.status != 0 && merged.standardError.contains("--merge-managers"))
  }

  @Test("regress --style: the reference's weights for four stocks on the ETFs; --rolling table and drift page")
  func style() throws {
    let args = ["funds", "regress", "data/funds/sp500_stocks.csv", "--factors", "data/funds/factor_etfs.csv", "--style"]
    let doc = try Self.json(args + ["--product", "AAPL", "--product", "KO", "--product", "JPM", "--product", "XOM"])
    let expected = try #require(Self.reference["style sp500_stocks on factor_etfs"] as? [String: [String: Any]])
    let products = try #require(doc["products"] as? [[String: Any]])
    #expect(products.count == 4)
    for product in products {
      let code = product["code"] as! String
      let golden = try #require(expected[code])
      let weights = product["weights"] as! [String: Double]
      let goldenWeights = golden["weights"] as! [String: Double]
      for (factor, w) in goldenWeights {
        #expect(approximately(weights[factor]!, w, absolute: 1e-11), "\(code) \(factor)")
      }
      #expect(approximately(weights.values.reduce(0, +), 1, relative: 1e-14))
      #expect(approximately(product["trackingError"] as! Double, golden["trackingError"] as! Double, relative: 1e-11))
    }
    let folder = TemporaryDataFolder("style")
    let rolling = try Self.run(args + ["--product", "KO", "--rolling", "36", "--html", folder.path("drift.html")])
    #expect(rolling.status == 0 && rolling.standardOutput.contains("KO: weights over rolling 36-month windows"))
    // Shared dates 2014-01-02 … 2022-12-28: windows end 2017-01-31 … 2022-12-31 (72 month ends).
    #expect(rolling.standardOutput.contains("2017-01-31") && rolling.standardOutput.contains("2022-12-31"))
    #expect(!rolling.standardOutput.contains("2016-12-31"))
    let page = try String(contentsOfFile: folder.path("drift.html"), encoding: .utf8)
    #expect(page.contains("<svg id=\"chart-drift-0\"") && Self.isWellFormed(page))
    let rollingJSON = try Self.json(args + ["--product", "KO", "--rolling", "36"])
    let windows = try #require((rollingJSON["products"] as? [[String: Any]])?.first?["rolling"] as? [[String: Any]])
    #expect(windows.count == 72 && windows.first?["date"] as? String == "2017-01-31")
    for (option, words) in [
      (["--rolling", "12"], "add --style"), (["--html", folder.path("x.html")], "add --style"),
    ] {
      let out = try Self.run(["funds", "regress", "--product", "USMV"] + option)
      #expect(out.status != 0 && out.standardError.contains(words), "\(option)")
    }
    let intercept = try Self.run(args + ["--no-intercept"])
    #expect(intercept.status != 0 && intercept.standardError.contains("never has an intercept"))
  }

  /// The bundled products with a warning and a stop line added: MTUM (last 143.73) warning 150 and stop 140;
  /// SIZE (last 111.121) stop 130; QUAL far above its lines.
  static func productsWithLines() throws -> TemporaryDataFolder {
    let folder = TemporaryDataFolder("lines")
    let original = try String(
      contentsOf: PackagePaths.root.appendingPathComponent("data/funds/products.csv"), encoding: .utf8)
    var lines = original.split(whereSeparator: \.isNewline).map(String.init)
    let extra = ["MTUM": "150,140", "QUAL": "100,90", "SIZE": ",130"]
    lines[0] += ",warning_line,stop_line"
    for k in 1..<lines.count {
      let code = String(lines[k].prefix { $0 != "," })
      lines[k] += "," + (extra[code] ?? ",")
    }
    folder.write("products.csv", lines.joined(separator: "\n") + "\n")
    return folder
  }

  @Test("stop and warning lines: metrics reports the fall to each and flags; select excludes SIZE (stop_line)")
  func stopLine() throws {
    let folder = try Self.productsWithLines()
    let navs = "data/funds/factor_etfs.csv"
    let metrics = try Self.json(["funds", "metrics", navs, "--products", folder.path("products.csv")])
    let series = try #require(metrics["series"] as? [[String: Any]])
    let byCode = Dictionary(uniqueKeysWithValues: series.map { ($0["code"] as! String, $0) })
    let mtum = try #require(byCode["MTUM"])
    // 1 − 150 / 143.73 = −0.0436…; 1 − 140 / 143.73 = 0.02595….
    #expect(approximately(mtum["warningDistance"] as! Double, 1 - 150 / 143.73, relative: 1e-13))
    #expect(approximately(mtum["stopDistance"] as! Double, 1 - 140 / 143.73, relative: 1e-13))
    #expect(mtum["atOrBelowWarningLine"] as? Bool == true && mtum["atOrBelowStopLine"] as? Bool == false)
    #expect(byCode["SIZE"]?["atOrBelowStopLine"] as? Bool == true)
    #expect(byCode["QUAL"]?["atOrBelowWarningLine"] as? Bool == false && byCode["USMV"]?["stopLine"] is NSNull)
    let table = try Self.run(["funds", "metrics", navs, "--products", folder.path("products.csv")])
    #expect(table.standardOutput.contains("Warning and stop-loss lines"))
    #expect(table.standardOutput.contains("at or below the stop line"))

    let select = try Self.json([
      "funds", "select", navs, "--products", folder.path("products.csv"), "--capital", "1000000",
    ])
    let instruments = try #require(select["instruments"] as? [[String: Any]])
    let size = try #require(instruments.first { $0["code"] as? String == "SIZE" })
    #expect(size["status"] as? String == "excluded" && size["reasons"] as? [String] == ["stop_line"])
    #expect(instruments.filter { $0["code"] as? String != "SIZE" }.allSatisfy { ($0["reasons"] as! [String]).isEmpty })
    let text = try Self.run([
      "funds", "select", navs, "--products", folder.path("products.csv"), "--capital", "1000000",
    ])
    #expect(text.standardOutput.contains("SIZE: stop_line (NAV 111.121 at or below 130)"))
    // Without lines, the reason is not listed at all.
    #expect(!(try Self.run(["funds", "select", "--capital", "1000000"])).standardOutput.contains("stop_line"))
  }

  /// `factor_etfs.csv` cut after `date` (its header and rows up to that date).
  static func cutETFs(through date: String) throws -> TemporaryDataFolder {
    let text = try String(
      contentsOf: PackagePaths.root.appendingPathComponent("data/funds/factor_etfs.csv"), encoding: .utf8)
    // The file's lines end in \r\n (one Character to Swift): split on every line break.
    let lines = text.split(whereSeparator: \.isNewline)
    let kept = [lines[0]] + lines.dropFirst().filter { $0.prefix(10) <= date }
    let folder = TemporaryDataFolder("cut")
    folder.write("factor_etfs.csv", kept.joined(separator: "\n") + "\n")
    return folder
  }

  @Test("--date D: screens, counts and dates as of D; the same answers as the file cut at D")
  func pointInTime() throws {
    let date = "2019-06-28"
    let cut = try Self.cutETFs(through: date)
    let products = ["--products", "data/funds/products.csv"]
    for command in [["metrics"], ["score"], ["select", "--capital", "1000000"]] {
      let asOf = try Self.json(["funds"] + command + ["--date", date])
      let truncated = try Self.json(["funds"] + command + [cut.path("factor_etfs.csv")] + products)
      // The documents differ only in where the NAVs came from and the date named.
      func strip(_ value: Any) -> Any {
        guard var object = value as? [String: Any] else {
          return (value as? [Any])?.map(strip) ?? value
        }
        for key in ["source", "date"] { object.removeValue(forKey: key) }
        return object.mapValues(strip)
      }
      let a = try JSONSerialization.data(withJSONObject: strip(asOf), options: [.sortedKeys])
      let b = try JSONSerialization.data(withJSONObject: strip(truncated), options: [.sortedKeys])
      #expect(a == b, "funds \(command[0]) --date \(date)")
    }
    let metrics = try Self.json(["funds", "metrics", "--date", date])
    let first = try #require((metrics["series"] as? [[String: Any]])?.first)
    #expect(first["lastDate"] as? String == date && first["observations"] as? Int == 1382)
  }

  @Test("backtest: appending the NAVs after a date changes no rebalance up to it, and no value")
  func lookAhead() throws {
    let date = "2020-06-30"
    let cut = try Self.cutETFs(through: date)
    let past = try Self.json(["funds", "backtest", cut.path("factor_etfs.csv"), "--products", "data/funds/products.csv"])
    let whole = try Self.json(["funds", "backtest"])
    let early = try #require(past["rebalances"] as? [[String: Any]])
    let all = try #require(whole["rebalances"] as? [[String: Any]])
    // 2017-01-03 and every six months to 2020-01-02 on the cut file; to 2022-07-05 on the whole one.
    #expect(early.count == 7 && all.count == 12)
    for (a, b) in zip(early, all) {
      for key in ["scheduled", "date", "ranked", "benchmarkProducts"] {
        #expect("\(a[key]!)" == "\(b[key]!)", "\(key)")
      }
      #expect(a["selected"] as? [String] == b["selected"] as? [String])
    }
    // The value paths agree on every date up to the cut.
    let pastCSV = try Self.run(["funds", "backtest", cut.path("factor_etfs.csv"), "--format", "csv"])
    let wholeCSV = try Self.run(["funds", "backtest", "--format", "csv"])
    let pastRows = pastCSV.standardOutput.split(separator: "\n")
    #expect(pastRows.count > 800 && Array(wholeCSV.standardOutput.split(separator: "\n").prefix(pastRows.count)) == pastRows)
  }

  @Test("generate --funds: a fund universe every funds command reads; --no-volume is refused")
  func generate() throws {
    let folder = TemporaryDataFolder("generate-funds")
    let out = folder.path("u")
    let made = try Self.run(["generate", "--funds", "--instruments", "60", "--years", "5", "--seed", "3", "--out", out])
    #expect(made.status == 0 && made.standardOutput.contains("60 synthetic fund products"))
    let products = try String(contentsOfFile: out + "/products.csv", encoding: .utf8)
    #expect(products.hasPrefix("code,name,manager,strategy,currency,min_subscription,") && products.contains(",0.8,0.7"))
    let metrics = try Self.json(["funds", "metrics", out + "/navs.csv", "--products", out + "/products.csv"])
    let series = try #require(metrics["series"] as? [[String: Any]])
    #expect(series.count == 60)
    // Weekly and monthly series are kept; the quarterly ones (if any) dropped with reason frequency.
    #expect(series.contains { $0["frequency"] as? String == "weekly" } && series.contains { $0["frequency"] as? String == "monthly" })
    let select = try Self.run([
      "funds", "select", out + "/navs.csv", "--products", out + "/products.csv", "--capital", "50000000",
    ])
    #expect(select.status == 0)
    let again = try Self.run(["generate", "--funds", "--instruments", "60", "--out", out])
    #expect(again.status != 0 && again.standardError.contains("--force"))
    let volume = try Self.run(["generate", "--funds", "--instruments", "5", "--no-volume", "--out", folder.path("v")])
    #expect(volume.status != 0 && volume.standardError.contains("--no-volume"))
  }
}
