import Foundation
import Testing
import _TestSupport

/// `backtest`, `walkforward` and `report --walkforward`, run through the built binary on the bundled data.
@Suite("tradeable backtest and walkforward (end to end)")
struct TradingCommandTests {
  static func run(_ arguments: [String]) throws -> ProcessOutput { try SelectCommandTests.run(arguments) }

  static func json(_ arguments: [String]) throws -> [String: Any] {
    let out = try run(arguments + ["--format", "json"])
    #expect(out.status == 0, "stderr: \(out.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(out.standardOutput.utf8)) as? [String: Any])
  }

  /// A short walk-forward: two rebalance dates, three random paths.
  static let shortWalkForward = ["walkforward", "--from", "2020", "--to", "2021", "--random-paths", "3"]

  @Test("backtest JSON: in-sample, every instrument, the selection's members traded, daily series on weekdays")
  func backtestJSON() throws {
    let doc = try Self.json(["backtest", "--capital", "1000000"])
    #expect(doc["kind"] as? String == "backtest")
    #expect(doc["inSample"] as? Bool == true)
    #expect(doc["rounding"] as? String == "whole-contracts")
    let instruments = try #require(doc["instruments"] as? [[String: Any]])
    #expect(instruments.map { $0["code"] as! String } == SelectCommandTests.bundledCodes)
    let members = instruments.filter { $0["status"] as? String == "selected" }
    #expect(members.count == 12)  // the refined set at 1,000,000 (SearchGoldenTests)
    for m in members {
      #expect((m["memberDays"] as? Int ?? 0) > 0)
      #expect((m["realisedTradesPerYear"] as? Double ?? 0) > 0 && (m["predictedTradesPerYear"] as? Double ?? 0) > 0)
    }
    let statistics = try #require(doc["statistics"] as? [String: Any])
    for key in ["annualMean", "volatility", "sharpe", "costSR", "maxDrawdown"] { #expect(statistics[key] is Double) }
    let daily = try #require(doc["daily"] as? [String: Any])
    let dates = try #require(daily["dates"] as? [String])
    #expect(dates.first == doc["start"] as? String && dates.last == "2023-08-31")
    #expect((daily["returns"] as? [Double])?.count == dates.count)
    // The statistics are those of the daily returns: mean × 256.
    let returns = daily["returns"] as! [Double]
    #expect(
      approximately(statistics["annualMean"] as! Double, returns.reduce(0, +) / Double(returns.count) * 256, relative: 1e-12))
    #expect((doc["trackingError"] as? Double ?? 0) > 0)
    #expect(doc["tradingSettings"] is [String: Any] && doc["settings"] is [String: Any])
  }

  @Test("backtest CSV and --nav-out: one row per instrument; the NAV file is read by blend and funds")
  func backtestFiles() throws {
    let folder = TemporaryDataFolder("trading-e2e")
    let nav = folder.path("trend.csv"), positions = folder.path("positions.csv")
    let out = try Self.run([
      "backtest", "--capital", "1000000", "--format", "csv", "--nav-out", nav, "--positions-out", positions,
    ])
    #expect(out.status == 0, "stderr: \(out.standardError)")
    let lines = out.standardOutput.split(separator: "\n")
    #expect(lines.count == 1 + 2 + SelectCommandTests.bundledCodes.count)
    #expect(lines[0].hasPrefix("scope,code,status,rounding,weight,annual_mean"))
    let navLines = try String(contentsOfFile: nav, encoding: .utf8).split(separator: "\n")
    #expect(navLines[0] == "date,nav" && navLines[1].hasSuffix(",100"))
    let decisions = try String(contentsOfFile: positions, encoding: .utf8).split(separator: "\n")
    #expect(decisions[0].hasPrefix("date,code,price,forecast") && decisions.count > 10_000)
    // blend reads it (the series is named after its file) beside the bundled S&P 500 index.
    let sp500 = PackagePaths.root.appendingPathComponent("data/funds/sp500_index.csv").path
    let blend = try Self.run(["blend", "--weights", "SP500=0.8,trend=0.2", sp500, nav, "--format", "json"])
    #expect(blend.status == 0, "stderr: \(blend.standardError)")
    let metrics = try Self.run(["funds", "metrics", nav])
    #expect(metrics.status == 0, "stderr: \(metrics.standardError)")
    #expect(metrics.standardOutput.contains("trend"))
  }

  @Test("walkforward JSON: every baseline on the same days, refined marked, every instrument in every period")
  func walkForwardJSON() throws {
    let doc = try Self.json(Self.shortWalkForward + ["--capital", "1000000,3000000"])
    #expect(doc["rebalanceDates"] as? [String] == ["2020-12-31", "2021-12-31"])
    // The refined search is the default, so refined is the main strategy (DESIGN.md §6b, §9).
    #expect(doc["mainStrategy"] as? String == "refined" && doc["refinedRunsGreedy"] == nil)
    #expect((doc["notes"] as? [String])?.contains { $0.hasPrefix("in-sample holds") } == true)
    let dates = try #require(doc["dates"] as? [String])
    #expect(dates.first == "2021-01-01" && dates.last == "2023-08-31")
    let capitals = try #require(doc["capitals"] as? [[String: Any]])
    #expect(zip(capitals.map { $0["capital"] as! Double }, [1_000_000.0, 3_000_000]).allSatisfy { identical($0, $1) })
    for run in capitals {
      let strategies = try #require(run["strategies"] as? [[String: Any]])
      #expect(strategies.map { $0["strategy"] as! String } == ["greedy", "refined", "lowest-cost", "ideal", "in-sample"])
      for s in strategies {
        #expect((s["dailyReturns"] as? [Double])?.count == dates.count)
        #expect((s["periods"] as? [[String: Any]])?.count == 2)
      }
      #expect(strategies.first { $0["strategy"] as? String == "in-sample" }?["looksAhead"] as? Bool == true)
      #expect(strategies.first { $0["strategy"] as? String == "refined" }?["search"] as? String == "refined")
      let random = try #require(run["random"] as? [String: Any])
      #expect(random["paths"] as? Int == 3 && (random["pathStatistics"] as? [Any])?.count == 3)
      let screening = try #require(run["screening"] as? [[String: Any]])
      for period in screening {
        let instruments = period["instruments"] as! [[String: Any]]
        #expect(instruments.map { $0["code"] as! String } == SelectCommandTests.bundledCodes)
      }
    }
  }

  @Test("walkforward table, CSV and report section; mistakes are clear errors")
  func walkForwardOutputs() throws {
    let table = try Self.run(Self.shortWalkForward + ["--capital", "1000000"])
    #expect(table.status == 0, "stderr: \(table.standardError)")
    #expect(table.standardOutput.contains("refined (main)") && table.standardOutput.contains("random median"))
    let folder = TemporaryDataFolder("trading-report")
    let decisions = folder.path("decisions.csv")
    let csv = try Self.run(
      Self.shortWalkForward + ["--capital", "1000000", "--format", "csv", "--positions-out", decisions])
    let rows = csv.standardOutput.split(separator: "\n")
    let positions = try String(contentsOfFile: decisions, encoding: .utf8).split(separator: "\n")
    #expect(positions[0].hasPrefix("capital,date,code,price,forecast") && positions.count > 1_000)
    #expect(positions[1].hasPrefix("1000000,2021-01-"))
    #expect(rows.count == 1 + 5 + 3)
    #expect(rows[0].hasPrefix("capital,strategy,search,rounding,looks_ahead"))
    let page = folder.path("report.html")
    let report = try Self.run([
      "report", "--capital", "1000000", "--html", page, "--no-sweep", "--walkforward", "--walkforward-from", "2020",
      "--walkforward-to", "2021", "--random-paths", "3",
    ])
    #expect(report.status == 0, "stderr: \(report.standardError)")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    for id in ["walkforward", "chart-cumulative", "chart-years", "chart-turnover", "chart-sharpe"] {
      #expect(html.contains("id=\"\(id)\""), "missing \(id)")
    }
    let late = try Self.run(["walkforward", "--capital", "1000000", "--from", "2030", "--to", "2031"])
    #expect(late.status == 1 && late.standardError.contains("no year from 2030 to 2031"))
    let backwards = try Self.run(["walkforward", "--capital", "1000000", "--from", "2015", "--to", "2012"])
    #expect(backwards.status != 0 && backwards.standardError.contains("must not be after"))
    let random = try Self.run(["walkforward", "--capital", "1000000", "--nav-strategy", "random", "--nav-out", "x.csv"])
    #expect(random.status != 0 && random.standardError.contains("--nav-strategy random"))
    let poor = try Self.run(["backtest", "--capital", "1000"])
    #expect(poor.status == 1 && poor.standardError.contains("nothing is selected"))
    let help = try Self.run(["backtest", "--help"])
    #expect(help.standardOutput.contains("8:5.3,16:3.75,32:2.65,64:1.87") && help.standardOutput.contains("default: 0.1"))
  }
}
