import Foundation
import Testing
import _TestSupport

/// Runs the built `tradeable` binary on the bundled data, the way a user does, and checks what it prints.
@Suite("tradeable select (end to end)")
struct SelectCommandTests {
  static let binary = PackagePaths.tradeableExecutable

  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
    try runProcess(binary, arguments, environment: environment, currentDirectory: PackagePaths.root)
  }

  static func json(_ arguments: [String]) throws -> [String: Any] {
    let out = try run(arguments + ["--format", "json"])
    #expect(out.status == 0, "stderr: \(out.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(out.standardOutput.utf8)) as? [String: Any])
  }

  /// Instrument codes of data/futures/instruments.csv, in file order.
  static var bundledCodes: [String] {
    let text = try! String(contentsOf: PackagePaths.bundledFutures.appendingPathComponent("instruments.csv"), encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",")[0]) }
  }

  /// Golden path at 1,000,000 USD: the numpy reference of DESIGN.md (Tests/References/tradeable_reference.py,
  /// fixture bundled-default; pairwise correlations pair by pair, Sharpe from explicit wᵀCw on submatrices).
  static var golden: [(String, Double, Double, Double)] {
    let fixture = try! ReferenceFixtures.load("bundled-default")
    let steps = ((fixture["capitals"] as! [String: Any])["1000000"] as! [String: Any])["steps"] as! [[String: Any]]
    return steps.map {
      ($0["added"] as! String, number($0, "sharpe")!, number($0, "idm")!, number($0, "minimumCapital")!)
    }
  }

  /// The refined set at 1,000,000 USD (DESIGN.md §6b, the default search), from the same reference: the best start is
  /// the greedy set at the ladder capital 140,280.35 USD, refined by 12 moves.
  static let refinedSet = [
    "CNH", "COCOA_LDN", "EU-HEALTH", "EURCHF", "GAS_US_mini", "GBPEUR", "JPY", "LEANHOG", "MILLWHEAT", "ROBUSTA",
    "SHATZ", "SOYMEAL",
  ]
  static let refinedSharpe = 1.099466657601285

  @Test("JSON at 1,000,000: the golden path, every instrument once in input order, DESIGN.md §7 keys")
  func jsonAtOneMillion() throws {
    let doc = try Self.json(["select", "--capital", "1000000"])
    #expect(doc["capital"] as? Double == 1_000_000)
    #expect(doc["baseCurrency"] as? String == "USD")
    let steps = try #require(doc["steps"] as? [[String: Any]])
    #expect(steps.map { $0["added"] as! String } == Self.golden.map(\.0))
    for (step, expected) in zip(steps, Self.golden) {
      #expect(approximately(step["sharpe"] as! Double, expected.1, relative: 1e-9))
      #expect(approximately(step["idm"] as! Double, expected.2, relative: 1e-9))
      #expect(approximately(step["minimumCapital"] as! Double, expected.3, relative: 1e-9))
    }
    let portfolio = try #require(doc["portfolio"] as? [String: Any])
    #expect(approximately(portfolio["sharpe"] as! Double, Self.refinedSharpe, relative: 1e-9))
    let members = try #require(portfolio["instruments"] as? [[String: Any]])
    #expect(members.map { $0["code"] as! String }.sorted() == Self.refinedSet)
    #expect(approximately(members.map { $0["weight"] as! Double }.reduce(0, +), 1, relative: 1e-14))
    // How the set was found: the ladder start, its moves leading from startSet to the portfolio.
    let search = try #require(doc["search"] as? [String: Any])
    #expect(search["mode"] as? String == "refined")
    #expect(approximately(try #require(search["start"] as? Double), 140_280.3534705272, relative: 1e-12))
    #expect(search["proved"] is NSNull && search["nodes"] is NSNull && search["carriedFrom"] is NSNull)
    // No wall-clock time in the output: identical runs print identical JSON.
    #expect(search["seconds"] == nil)
    var set = Set(try #require(search["startSet"] as? [String]))
    let refinement = try #require(doc["refinement"] as? [[String: Any]])
    #expect(refinement.count == 12)
    for move in refinement {
      if let removed = move["removed"] as? String { #expect(set.remove(removed) != nil) }
      if let added = move["added"] as? String { #expect(set.insert(added).inserted) }
      for key in ["sharpe", "idm", "minimumCapital"] { #expect(move[key] is Double) }
    }
    #expect(set.sorted() == Self.refinedSet)
    let instruments = try #require(doc["instruments"] as? [[String: Any]])
    #expect(instruments.map { $0["code"] as! String } == Self.bundledCodes)
    let keys = [
      "code", "currencyVolatility", "annualVolatility", "costPerTrade", "costPerTradeSR", "tradesPerYear",
      "annualSRCost", "minimumCapital", "status", "reasons",
    ]
    for instrument in instruments { for key in keys { #expect(instrument[key] != nil, "missing \(key)") } }
    // 10 selected, 100 eligible, 128 excluded (the reference's statuses; instrumentNumbers compares each one).
    let statuses = instruments.map { $0["status"] as! String }
    #expect(statuses.filter { $0 == "selected" }.count == 12)
    #expect(statuses.filter { $0 == "eligible" }.count == 98)
    #expect(statuses.filter { $0 == "excluded" }.count == 128)
  }

  @Test("--search greedy at 1,000,000: DESIGN.md §6 alone, the portfolio is the greedy path's last step")
  func greedyAtOneMillion() throws {
    let doc = try Self.json(["select", "--capital", "1000000", "--search", "greedy"])
    let portfolio = try #require(doc["portfolio"] as? [String: Any])
    #expect(approximately(portfolio["sharpe"] as! Double, Self.golden.last!.1, relative: 1e-9))
    let members = try #require(portfolio["instruments"] as? [[String: Any]])
    #expect(members.map { $0["code"] as! String } == Self.golden.map(\.0))
    #expect((doc["refinement"] as? [Any])?.isEmpty == true)
    let search = try #require(doc["search"] as? [String: Any])
    #expect(search["mode"] as? String == "greedy" && search["start"] as? String == "greedy")
    #expect(search["startSet"] as? [String] == Self.golden.map(\.0))
  }

  @Test("--search exact at 250,000: proved optimal, never below refined; the text says so")
  func exactAtQuarterMillion() throws {
    // 27 eligible instruments: a few hundred nodes, proved at once even in a debug build.
    let doc = try Self.json(["select", "--capital", "250000", "--search", "exact", "--search-budget", "inf"])
    let search = try #require(doc["search"] as? [String: Any])
    #expect(search["mode"] as? String == "exact" && search["proved"] as? Bool == true)
    #expect((search["nodes"] as? Int ?? 0) > 0 && search["limit"] is NSNull)
    let sharpe = try #require((doc["portfolio"] as? [String: Any])?["sharpe"] as? Double)
    let refined = try Self.json(["select", "--capital", "250000"])
    #expect(sharpe >= (refined["portfolio"] as! [String: Any])["sharpe"] as! Double)
    let text = try Self.run(["select", "--capital", "250000", "--search", "exact"]).standardOutput
    #expect(text.contains("Exact search: proved optimal over every subset of the eligible instruments"))
    // A budget of 0 s: not proved, the refined set, and the text says why.
    let stopped = try Self.json(["select", "--capital", "250000", "--search", "exact", "--search-budget", "0"])
    #expect((stopped["search"] as? [String: Any])?["proved"] as? Bool == false)
    #expect(
      identical(
        (stopped["portfolio"] as! [String: Any])["sharpe"] as! Double,
        (refined["portfolio"] as! [String: Any])["sharpe"] as! Double))
  }

  @Test("--search and --search-budget are validated, and replayed from --settings")
  func searchOptions() throws {
    let bad = try Self.run(["select", "--capital", "250000", "--search", "best"])
    #expect(bad.status != 0 && bad.standardError.contains("--search"))
    let negative = try Self.run(["select", "--capital", "250000", "--search-budget=-1"])
    #expect(negative.status != 0 && negative.standardError.contains("--search-budget -1 must be 0 or more"))
    let folder = TemporaryDataFolder("search-settings")
    let greedy = try Self.run(["select", "--capital", "250000", "--search", "greedy", "--format", "json"])
    folder.write("run.json", greedy.standardOutput)
    let replay = try Self.json(["select", "--capital", "250000", "--settings", folder.path("run.json")])
    #expect((replay["search"] as? [String: Any])?["mode"] as? String == "greedy")
    let settings = try #require((replay["settings"] as? [String: Any])?["selection"] as? [String: Any])
    let block = try #require(settings["search"] as? [String: Any])
    #expect(block["mode"] as? String == "greedy" && block["budgetSeconds"] as? Double == 10)
    // No limit: `null` in the settings block, and read back as no limit.
    let unlimited = try Self.run(["select", "--capital", "250000", "--search-budget", "inf", "--format", "json"])
    folder.write("unlimited.json", unlimited.standardOutput)
    let again = try Self.json(["select", "--capital", "250000", "--settings", folder.path("unlimited.json")])
    let replayed = (again["settings"] as? [String: Any])?["selection"] as? [String: Any]
    #expect((replayed?["search"] as? [String: Any])?["budgetSeconds"] is NSNull)
  }

  @Test("every instrument's numbers and status at 1,000,000 (--search greedy) match the numpy reference")
  func instrumentNumbers() throws {
    // Tests/References fixtures bundled-default-instruments (§3–§5 per instrument) and bundled-default (statuses and
    // reasons at 1,000,000 on the greedy set the reference selects). Both sides sum the same ≤ 512 differences in
    // different orders: 1e-12 relative.
    let doc = try Self.json(["select", "--capital", "1000000", "--search", "greedy"])
    let instruments = try #require(doc["instruments"] as? [[String: Any]])
    let reference = try #require(
      try ReferenceFixtures.load("bundled-default-instruments", repairDependent: false)["instruments"]
        as? [[String: Any]])
    let screening = try #require(
      ((try ReferenceFixtures.load("bundled-default")["capitals"] as? [String: Any])?["1000000"] as? [String: Any])?[
        "instruments"] as? [[String: Any]])
    #expect(instruments.count == reference.count && instruments.count == screening.count)
    for ((out, expected), status) in zip(zip(instruments, reference), screening) {
      let code = out["code"] as! String
      #expect(code == expected["code"] as? String && code == status["code"] as? String)
      for key in [
        "currencyVolatility", "annualVolatility", "costPerTrade", "costPerTradeSR", "tradesPerYear", "annualSRCost",
        "minimumCapital", "netSR", "notional",
      ] {
        switch (number(out, key), number(expected, key)) {
        case (nil, nil): break
        case (let a?, let b?): #expect(approximately(a, b, relative: 1e-12, absolute: 1e-300), "\(code) \(key)")
        case (let a, let b): Issue.record("\(code) \(key): \(String(describing: a)) vs the reference's \(String(describing: b))")
        }
      }
      #expect(out["status"] as? String == status["status"] as? String, "\(code)")
      #expect(out["reasons"] as? [String] == status["reasons"] as? [String], "\(code)")
    }
    // The default (refined) run: CORN is on the greedy path, not in the refined set (SearchGoldenTests): eligible.
    let refined = try #require(try Self.json(["select", "--capital", "1000000"])["instruments"] as? [[String: Any]])
    let corn = try #require(refined.first { $0["code"] as? String == "CORN" })
    #expect(corn["status"] as? String == "eligible")
    #expect((corn["reasons"] as? [String])?.isEmpty == true)
    // MSCIEMASIA has 56 prices: history (and still measured).
    let short = try #require(instruments.first { $0["code"] as? String == "MSCIEMASIA" })
    #expect((short["reasons"] as? [String])?.first == "history" && number(short, "currencyVolatility") != nil)
  }

  @Test("table output: steps, chosen set, exclusions, correlation note; no colour when piped")
  func table() throws {
    let out = try Self.run(["select", "--capital", "1000000"])
    #expect(out.status == 0)
    let text = out.standardOutput
    for needle in [
      "Selection, step by step", "NASDAQ_micro", "GAS_US_mini", "990,003", "4 contracts each (USD)", "Refinement (--search refined)",
      "the greedy set at 140,280 USD (ladder)", "Stopped: no move raises the Sharpe ratio.",
      "Chosen set: 12 instruments, Sharpe 1.0995", "Exclusions", "history", "capital", "repaired",
    ] {
      #expect(text.contains(needle), "missing \(needle)")
    }
    #expect(!text.contains("\u{1B}["))
  }

  @Test("too little capital: the text says so and names the smallest capital; JSON has nulls")
  func tooLittleCapital() throws {
    let out = try Self.run(["select", "--capital", "1000"])
    #expect(out.status == 0)
    #expect(out.standardOutput.contains("Nothing can be selected with 1,000 USD"))
    #expect(out.standardOutput.contains("The smallest capital that admits an instrument is"))
    let doc = try Self.json(["select", "--capital", "1000"])
    let portfolio = try #require(doc["portfolio"] as? [String: Any])
    #expect(portfolio["sharpe"] is NSNull && portfolio["idm"] is NSNull && portfolio["minimumCapital"] is NSNull)
    #expect((doc["steps"] as? [Any])?.isEmpty == true)
    #expect((doc["instruments"] as? [Any])?.count == 238)
  }

  @Test("--data, CSV output and the same result from an explicit folder")
  func csvAndData() throws {
    let out = try Self.run(["select", "--capital", "250000", "--data", PackagePaths.bundledFutures.path, "--format", "csv"])
    #expect(out.status == 0)
    let lines = out.standardOutput.split(separator: "\n")
    #expect(lines.count == 239)
    #expect(lines[0].hasPrefix("code,status,reasons,flags,step,weight"))
    // The refined set at 250,000 has nine members (SearchGoldenTests).
    #expect(lines.filter { $0.contains(",selected,") }.count == 9)
  }

  @Test("options change the result: --max-instruments 3 stops after three steps")
  func options() throws {
    let doc = try Self.json(["select", "--capital", "1000000", "--max-instruments", "3"])
    #expect((doc["steps"] as? [Any])?.count == 3)
    #expect(doc["stopReason"] as? String == "maximum number of instruments reached")
  }

  @Test("bad input: located error on stderr, non-zero exit, nothing on stdout")
  func badInput() throws {
    let folder = TemporaryDataFolder.copy(of: PackagePaths.bundledFutures)
    folder.write("prices/CORN.csv", "date,price\n2023-01-02,600\n2023-01-03,six hundred\n")
    let out = try Self.run(["select", "--capital", "1000000", "--data", folder.path])
    #expect(out.status == 1)
    #expect(out.standardOutput.isEmpty)
    #expect(out.standardError.contains("prices/CORN.csv:3:2: error: cannot read 'six hundred' as a price"))
  }

  @Test("invalid options are refused with a usage message")
  func invalidOptions() throws {
    let out = try Self.run(["select", "--capital=-5"])
    #expect(out.status != 0)
    #expect(out.standardError.contains("--capital -5 must be positive"))
  }
}

@Suite("tradeable costs and help (end to end)")
struct CostsCommandTests {
  @Test("costs: one row per instrument, sortable")
  func costs() throws {
    let out = try SelectCommandTests.run(["costs", "--sort", "cost", "--format", "csv"])
    #expect(out.status == 0)
    let rows = out.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    #expect(rows.count == 238)
    let costs = rows.compactMap { Double($0[9]) }
    #expect(costs == costs.sorted())
    let table = try SelectCommandTests.run(["costs", "--capital", "1000000"])
    #expect(table.standardOutput.contains("Cost/trade SR") && table.standardOutput.contains("selected"))
  }

  @Test("--help lists the subcommands and every DESIGN.md default as an option")
  func help() throws {
    let top = try SelectCommandTests.run(["--help"])
    #expect(top.standardOutput.contains("select") && top.standardOutput.contains("costs"))
    let select = try SelectCommandTests.run(["select", "--help"])
    for option in [
      "--capital", "--data", "--format", "--pre-cost-sr", "--max-sr-cost", "--max-contracts", "--idm-cap",
      "--max-weight", "--target-vol", "--correlation-floor", "--max-instruments", "--base-currency",
    ] {
      #expect(select.standardOutput.contains(option), "missing \(option)")
    }
  }
}
