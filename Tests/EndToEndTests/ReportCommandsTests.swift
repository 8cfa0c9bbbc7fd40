import Foundation
import Testing
import _TestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `sweep`, `report`, `reserve` and `--pysystemtrade`, run through the built binary the way a user does.
@Suite("tradeable sweep, report, reserve and --pysystemtrade (end to end)")
struct ReportCommandsTests {
  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
    try SelectCommandTests.run(arguments, environment: environment)
  }

  static func json(_ arguments: [String]) throws -> [String: Any] {
    let out = try run(arguments + ["--format", "json"])
    #expect(out.status == 0, "stderr: \(out.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(out.standardOutput.utf8)) as? [String: Any])
  }

  /// The chosen set of a `select --format json` document: codes, Sharpe, IDM, capital needed.
  static func portfolio(_ doc: [String: Any]) -> (codes: [String], sharpe: Double?, idm: Double?, capital: Double?) {
    let p = doc["portfolio"] as! [String: Any]
    return (
      (p["instruments"] as! [[String: Any]]).map { $0["code"] as! String }, p["sharpe"] as? Double, p["idm"] as? Double,
      p["minimumCapital"] as? Double
    )
  }

  @Test("every sweep row equals `select` run alone at that capital, unless it says its carried set won")
  func sweepEqualsSelect() throws {
    let capitals = [10_000.0, 57_000, 250_000, 1_000_000, 3_300_000, 20_000_000]
    let doc = try Self.json(["sweep", "--capital", capitals.map { String(Int($0)) }.joined(separator: ",")])
    let rows = try #require(doc["rows"] as? [[String: Any]])
    #expect(identical(rows.map { $0["capital"] as! Double }, capitals))  // the capitals typed, as typed
    for row in rows {
      let capital = row["capital"] as! Double
      let alone = Self.portfolio(try Self.json(["select", "--capital", String(Int(capital))]))
      if row["carriedFrom"] is Double {
        // DESIGN.md §6b: the previous capital's set, refined, beat `select` here.
        #expect((row["sharpe"] as! Double) >= alone.sharpe!, "at \(capital)")
        continue
      }
      #expect(row["instruments"] as! [String] == alone.codes, "at \(capital)")
      #expect(row["instrumentCount"] as? Int == alone.codes.count)
      if let sharpe = alone.sharpe {
        #expect(approximately(row["sharpe"] as! Double, sharpe, relative: 1e-14))
        #expect(approximately(row["idm"] as! Double, alone.idm!, relative: 1e-14))
        #expect(approximately(row["minimumCapital"] as! Double, alone.capital!, relative: 1e-14))
      } else {
        #expect(row["sharpe"] is NSNull && row["idm"] is NSNull && row["minimumCapital"] is NSNull)
      }
    }
  }

  @Test("a log-spaced sweep: its capitals typed back into `select` give the same rows; table and CSV")
  func logSweep() throws {
    let doc = try Self.json(["sweep", "--from", "10000", "--to", "50000000", "--steps", "7"])
    let rows = try #require(doc["rows"] as? [[String: Any]])
    // 10,000 × 5000^(k/6): 41,400, 171,000, 707,000, 2,920,000, 12,100,000 between the ends.
    #expect(
      identical(
        rows.map { $0["capital"] as! Double }, [10_000, 41_400, 171_000, 707_000, 2_920_000, 12_100_000, 50_000_000]))
    let row = rows[3]
    let alone = Self.portfolio(try Self.json(["select", "--capital", "707000"]))
    #expect(row["instruments"] as! [String] == alone.codes)
    let table = try Self.run(["sweep", "--from", "10000", "--to", "50000000", "--steps", "7"])
    #expect(table.status == 0)
    #expect(table.standardOutput.contains("2,920,000") && table.standardOutput.contains("Set needs (USD)"))
    #expect(!table.standardOutput.contains("\u{1B}["))
    let csv = try Self.run(["sweep", "--capital", "1000000,250000", "--format", "csv"])
    let lines = csv.standardOutput.split(separator: "\n")
    // capital, instruments chosen (DESIGN.md §6b refined sets: 9 and 12), …, eligible count, search.
    #expect(lines.count == 3 && lines[1].hasPrefix("250000,9,") && lines[2].hasPrefix("1000000,12,"))
    #expect(lines[1].hasSuffix(",27,refined,,") && lines[2].hasSuffix(",110,refined,,"))
  }

  @Test("sweep refuses a missing or doubled range")
  func sweepValidation() throws {
    let neither = try Self.run(["sweep"])
    #expect(neither.status != 0 && neither.standardError.contains("Give either --capital LIST or --from and --to"))
    let both = try Self.run(["sweep", "--capital", "1000", "--from", "10", "--to", "100"])
    #expect(both.status != 0)
    let twice = try Self.run(["sweep", "--capital", "1000,1000"])
    #expect(twice.status != 0 && twice.standardError.contains("twice"))
    let bad = try Self.run(["sweep", "--capital", "1000,abc"])
    #expect(bad.status != 0)
  }

  @Test("report: one well-formed, self-contained HTML file with the five charts and the tables")
  func report() throws {
    let folder = TemporaryDataFolder()
    let file = folder.path("report.html")
    let out = try Self.run(["report", "--capital", "1000000", "--html", file, "--steps", "9"])
    #expect(out.status == 0, "stderr: \(out.standardError)")
    #expect(out.standardError.contains("Wrote \(file)"))
    let page = try String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8)
    let parser = XMLParser(data: Data(page.utf8))
    #expect(parser.parse(), "\(String(describing: parser.parserError))")
    for id in ["chart-greedy-path", "chart-sweep", "chart-cost-capital", "chart-correlation", "chart-loss-histogram"] {
      #expect(page.contains("<svg id=\"\(id)\""), "\(id)")
    }
    #expect(!page.contains("<script") && !page.contains("http://") && !page.contains("https://"))
    #expect(page.contains("id=\"table-sweep\"") && page.contains("id=\"table-reserve\""))
    // --no-sweep leaves the sweep out; --format is refused.
    let bare = try Self.run(["report", "--capital", "1000000", "--html", "-", "--no-sweep"])
    #expect(
      bare.status == 0 && !bare.standardOutput.contains("chart-sweep")
        && bare.standardOutput.contains("chart-greedy-path"))
    let json = try Self.run(["report", "--capital", "1000000", "--html", file, "--format", "json"])
    #expect(json.status != 0 && json.standardError.contains("--format does not apply"))
  }

  @Test("reserve: positions, losses at the quantile, the cash to hold back; JSON and the daily series as CSV")
  func reserve() throws {
    // Golden values: Tests/References/reserve_reference.py (numpy) on the refined set at 1,000,000 USD (the default
    // search); CapitalReserveTests compares the greedy set's reserve with the full reference.
    let table = try Self.run(["reserve", "--capital", "1000000", "--quantile", "0.98"])
    #expect(table.status == 0, "stderr: \(table.standardError)")
    for needle in [
      "Capital reserve", "Contracts", "Rounded", "Long book", "Short book", "Cash to hold back: 18,283 USD",
    ] {
      #expect(table.standardOutput.contains(needle), "\(needle)")
    }
    let doc = try Self.json(["reserve", "--capital", "1000000"])
    let reserve = try #require(doc["reserve"] as? Double)
    // Tests/References/reserve_reference.py on the refined set at 1,000,000 USD.
    #expect(approximately(reserve, 18_283.15297693119, relative: 1e-10))
    #expect(approximately(reserve, max(doc["longLoss"] as! Double, doc["shortLoss"] as! Double)))
    #expect((doc["positions"] as? [Any])?.count == 12 && (doc["daily"] as? [Any])?.count == 512)
    let csv = try Self.run(["reserve", "--capital", "1000000", "--format", "csv"])
    let lines = csv.standardOutput.split(separator: "\n")
    #expect(
      lines.count == 513 && lines[0] == "date,profit_and_loss,profit_and_loss_rounded"
        && lines[1].hasPrefix("2021-07-28,"))
    let none = try Self.run(["reserve", "--capital", "1000"])
    #expect(none.status == 1 && none.standardError.contains("nothing can be selected with 1,000 USD"))
    let badQuantile = try Self.run(["reserve", "--capital", "1000000", "--quantile", "1.5"])
    #expect(badQuantile.status != 0 && badQuantile.standardError.contains("--quantile"))
  }

  @Test("--pysystemtrade gives the same selection as the same data converted to the bundled format")
  func pysystemtradeEqualsBundled() throws {
    let converted = TemporaryDataFolder()
    try convertPysystemtradeFolder(PackagePaths.pysystemtradeSample, into: converted)
    for capital in ["150000", "500000", "2000000"] {
      let imported = try Self.json([
        "select", "--capital", capital, "--pysystemtrade", PackagePaths.pysystemtradeSample.path,
      ])
      let bundled = try Self.json(["select", "--capital", capital, "--data", converted.path])
      #expect(Self.portfolio(imported).codes == Self.portfolio(bundled).codes)
      let a = imported["instruments"] as! [[String: Any]]
      let b = bundled["instruments"] as! [[String: Any]]
      #expect(a.map { $0["code"] as! String } == b.map { $0["code"] as! String })
      for (x, y) in zip(a, b) {
        #expect(
          x["status"] as? String == y["status"] as? String && x["reasons"] as? [String] == y["reasons"] as? [String])
        for key in ["currencyVolatility", "costPerTrade", "annualSRCost", "minimumCapital", "tradesPerYear"] {
          #expect(approximately(x[key] as! Double, y[key] as! Double, relative: 1e-14), "\(key)")
        }
      }
    }
    // The import's summary goes to standard error; standard output stays the report.
    let costs = try Self.run(["costs", "--pysystemtrade", PackagePaths.pysystemtradeSample.path, "--format", "csv"])
    #expect(costs.status == 0 && costs.standardOutput.split(separator: "\n").count == 7)
    #expect(
      costs.standardError.contains("note: pysystemtrade data") && costs.standardError.contains("6 instruments imported")
    )
  }

  @Test("--pysystemtrade: left-out instruments listed on standard error; errors located; --data conflicts")
  func pysystemtradeNotesAndErrors() throws {
    let folder = TemporaryDataFolder("pysystemtrade")
    let sample = PackagePaths.pysystemtradeSample
    for relative in [
      "csvconfig/spreadcosts.csv", "csvconfig/rollconfig.csv", "fx_prices_csv/EURUSD.csv",
      "adjusted_prices_csv/CORN.csv", "adjusted_prices_csv/V2X.csv",
    ] {
      folder.write(relative, try String(contentsOf: sample.appendingPathComponent(relative), encoding: .utf8))
    }
    // US10 is configured but has no prices; ORPHAN has prices but no configuration.
    folder.write(
      "csvconfig/instrumentconfig.csv",
      try String(contentsOf: sample.appendingPathComponent("csvconfig/instrumentconfig.csv"), encoding: .utf8)
        .split(separator: "\n").filter {
          !$0.hasPrefix("SP500_micro") && !$0.hasPrefix("GOLD_micro") && !$0.hasPrefix("EUR_micro")
        }
        .joined(separator: "\n") + "\n")
    folder.write("adjusted_prices_csv/ORPHAN.csv", "DATETIME,price\n2023-08-31 10:00:00,1\n")
    let out = try Self.run(["select", "--capital", "1000000", "--pysystemtrade", folder.path, "--min-history", "100"])
    #expect(out.status == 0, "stderr: \(out.standardError)")
    #expect(out.standardError.contains("2 instruments left out"))
    #expect(out.standardError.contains("ORPHAN") && out.standardError.contains("not in instrumentconfig.csv"))
    #expect(out.standardError.contains("US10") && out.standardError.contains("no adjusted prices file"))
    #expect(out.standardOutput.contains("2 instruments"))
    folder.write("adjusted_prices_csv/CORN.csv", "DATETIME,price\n2023-08-30 10:00:00,1\n2023-08-29 10:00:00,2\n")
    let bad = try Self.run(["select", "--capital", "1000000", "--pysystemtrade", folder.path])
    #expect(bad.status == 1 && bad.standardOutput.isEmpty)
    #expect(bad.standardError.contains("adjusted_prices_csv/CORN.csv:3:1: error:"))
    let both = try Self.run([
      "select", "--capital", "1000000", "--pysystemtrade", folder.path, "--data", "data/futures",
    ])
    #expect(both.status != 0 && both.standardError.contains("mutually exclusive"))
  }

  @Test("help lists the new commands and their options")
  func help() throws {
    let top = try Self.run(["--help"])
    for command in ["sweep", "report", "reserve"] { #expect(top.standardOutput.contains(command)) }
    let report = try Self.run(["report", "--help"])
    for option in ["--capital", "--html", "--no-sweep", "--from", "--to", "--steps", "--quantile", "--pysystemtrade"] {
      #expect(report.standardOutput.contains(option), "\(option)")
    }
    let select = try Self.run(["select", "--help"])
    #expect(select.standardOutput.contains("--pysystemtrade"))
  }

  @Test("colour on a terminal unless NO_COLOR is set or TERM is dumb; never in a pipe; thousands separators")
  func terminalOutput() throws {
    // Standard output on a pseudo-terminal, as a user's: the table's headers are bold (an escape sequence), so this
    // part fails if colour detection stops working — and the NO_COLOR and TERM=dumb parts fail if they are ignored.
    let arguments = ["select", "--capital", "1000000", "--quiet"]
    let terminal = try runInTerminal(
      PackagePaths.tradeableExecutable, arguments, environment: ["TERM": "xterm-256color", "NO_COLOR": ""],
      currentDirectory: PackagePaths.root)
    #expect(terminal.status == 0, "stderr: \(terminal.standardError)")
    #expect(terminal.standardOutput.contains("\u{1B}[1m"), "no bold header on a terminal")
    #expect(terminal.standardOutput.contains("Chosen set: 12 instruments"))
    for environment in [["TERM": "xterm-256color", "NO_COLOR": "1"], ["TERM": "dumb", "NO_COLOR": ""]] {
      let plain = try runInTerminal(
        PackagePaths.tradeableExecutable, arguments, environment: environment, currentDirectory: PackagePaths.root)
      #expect(plain.status == 0 && !plain.standardOutput.contains("\u{1B}["), "\(environment)")
      #expect(plain.standardOutput.contains("Chosen set: 12 instruments"))
    }
    // In a pipe: never, whatever the environment.
    for environment in [["TERM": "xterm-256color", "NO_COLOR": ""], ["NO_COLOR": "1"]] {
      for arguments in [
        ["select", "--capital", "1000000"], ["costs"], ["sweep", "--capital", "20000000"],
        ["reserve", "--capital", "20000000"],
      ] {
        let out = try Self.run(arguments, environment: environment)
        #expect(out.status == 0 && !out.standardOutput.contains("\u{1B}["), "\(arguments)")
      }
    }
    // The capital the refined set chosen at 20,000,000 needs (DESIGN.md §7, rounded up so that it is enough), from
    // Tests/References/search_reference.py.
    let sweep = try Self.run(["sweep", "--capital", "20000000"])
    #expect(sweep.standardOutput.contains("20,000,000") && sweep.standardOutput.contains("14,498,870"))
    let reserve = try Self.run(["reserve", "--capital", "20000000"])
    #expect(reserve.standardOutput.contains("20,000,000 USD"))
  }
}

extension String {
  /// The string with zeros on the left up to `width` characters.
  fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
