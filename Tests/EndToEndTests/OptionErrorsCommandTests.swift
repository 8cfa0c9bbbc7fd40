import Foundation
import Testing
import _TestSupport

/// The option values and typing mistakes of a first hour, run through the built binary as a user types them.
@Suite("Option values and typos (end to end)")
struct OptionErrorsCommandTests {
  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
    try SelectCommandTests.run(arguments, environment: environment)
  }

  @Test(
    "option values that trapped or ran out of memory end in a clean error naming the option, value and range",
    arguments: [
      (["select", "--capital", "1000000", "--vol-window", "1"], "--vol-window 1 is out of range"),
      (["select", "--capital", "1000000", "--min-history", "1"], "--min-history 1 is out of range"),
      (["sweep", "--capital", "1000000", "--min-history", "2"], "--min-history 2 is out of range"),
      (["reserve", "--capital", "1000000", "--vol-window", "1"], "--vol-window 1 is out of range"),
      (["funds", "score", "--window-months", "100000000"], "--window-months 100000000 is out of range"),
      (["funds", "backtest", "--rebalance-months", "100000000"], "--rebalance-months 100000000 is out of range"),
      (["funds", "backtest", "--window-months", "100000000"], "--window-months 100000000 is out of range"),
      (["funds", "select", "--capital", "1000000", "--vol-months", "100000000"], "--vol-months 100000000"),
      (["funds", "select", "--capital", "1000000", "--correlation-months", "100000000"], "--correlation-months"),
      (["select", "--capital", "0x10"], "hexadecimal"),
      (["select", "--capital", "-5"], "--capital -5 must be positive"),
      (["select", "--capital", "1000000", "--target-vol", "20"], "--target-vol 20 is 2,000% a year; did you mean 0.20?"),
      (["reserve", "--capital", "1000000", "--quantile", "98"], "--quantile 98 is 9,800%; did you mean 0.98?"),
      (["select", "--capital", "1000000", "--rebalance-span", "9223372036854775807"], "too large"),
    ])
  func refusedCleanly(_ arguments: [String], _ message: String) throws {
    let out = try Self.run(arguments)
    #expect(out.status == 64, "status \(out.status): \(out.standardError)")
    #expect(out.standardError.contains(message), "\(out.standardError)")
    #expect(out.standardOutput.isEmpty)
  }

  @Test("a correlation window longer than the data uses the data: same selection, no runaway memory")
  func longCorrelationWindow() throws {
    let long = try SelectCommandTests.json(["select", "--capital", "1000000", "--correlation-weeks", "100000000"])
    // The window is cut at the week of the pool's first price: the weeks the data has, far fewer than asked.
    let correlation = try #require(long["correlation"] as? [String: Any])
    let weeks = try #require(correlation["weeks"] as? Int)
    #expect(weeks > 260 && weeks < 52 * 100)
    // Exactly that window asked for gives the same selection.
    let exact = try SelectCommandTests.json(["select", "--capital", "1000000", "--correlation-weeks", "\(weeks)"])
    let a = try #require(long["portfolio"] as? [String: Any]), b = try #require(exact["portfolio"] as? [String: Any])
    #expect((a["instruments"] as! [[String: Any]]).map { $0["code"] as! String }
      == (b["instruments"] as! [[String: Any]]).map { $0["code"] as! String })
    #expect(approximately(a["sharpe"] as! Double, b["sharpe"] as! Double, relative: 1e-12))
  }

  @Test("money as people write it gives the same run")
  func moneyForms() throws {
    for text in ["1,000,000", "1_000_000", "1000k", "1M", "1e6"] {
      let doc = try SelectCommandTests.json(["select", "--capital", text])
      #expect(doc["capital"] as? Double == 1_000_000, "\(text)")
    }
    let sweep = try SelectCommandTests.json(["sweep", "--capital", "25k,1M"])
    let rows = try #require(sweep["rows"] as? [[String: Any]])
    #expect(rows.map { $0["capital"] as! Double } == [25_000, 1_000_000])
    // Eligible: at 25,000 only ETHER-micro passes the capital filter (it needs 12,399.x alone); at 1,000,000 the 110
    // that `select` reports (100 eligible but not chosen, 10 selected).
    #expect(rows.map { $0["eligibleCount"] as! Int } == [1, 110])
  }

  @Test("typos get the closest name; --version; required options first in help")
  func typosVersionHelp() throws {
    let option = try Self.run(["select", "--captial", "1000000"])
    #expect(option.status == 64)
    #expect(option.standardError.hasPrefix("Error: unknown option '--captial'; did you mean '--capital'?"))
    let command = try Self.run(["selct"])
    #expect(command.status == 64 && command.standardError.hasPrefix("Error: unknown command 'selct'; did you mean 'select'?"))
    let version = try Self.run(["--version"])
    #expect(version.status == 0 && version.standardOutput.hasPrefix("tradeable "))
    for (arguments, required) in [
      (["select", "--help"], "--capital"), (["report", "--help"], "--html"), (["generate", "--help"], "--out"),
      (["funds", "select", "--help"], "--capital"), (["blend", "--help"], "--weights"),
    ] {
      let help = try Self.run(arguments).standardOutput
      let sections = help.components(separatedBy: "\n\n").filter { $0.hasSuffix(":") == false }
      let firstOptions = try #require(sections.first { $0.contains("  --") }, "\(arguments)")
      #expect(firstOptions.hasPrefix("REQUIRED:") && firstOptions.contains(required), "\(arguments): \(firstOptions)")
    }
  }

  @Test("select shows positions and what the set needs; at 80 columns every line fits")
  func positionsAndWidth() throws {
    let out = try Self.run(["select", "--capital", "1000000"], environment: ["COLUMNS": "80"])
    #expect(out.status == 0)
    for line in out.standardOutput.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    #expect(out.standardOutput.contains("Positions and capital needs at 1,000,000 USD"))
    #expect(out.standardOutput.contains("The repair moved the chosen set's correlations by at most 0.005"))
    // With --max-contracts 1 a member can hold a single contract: flagged (EU-BANKS, 1.49 contracts, in the greedy
    // set at 30,000; the refined set holds 2 of it).
    let few = try Self.run(["select", "--capital", "30000", "--max-contracts", "1", "--search", "greedy"])
    #expect(few.standardOutput.contains(" *") && few.standardOutput.contains("Under 2 whole contracts"))
  }

  @Test("--include-correlation: the chosen set's matrices in the JSON; pool on request; JSON only")
  func includeCorrelation() throws {
    let doc = try SelectCommandTests.json(["select", "--capital", "1000000", "--include-correlation"])
    let matrices = try #require(doc["correlationMatrices"] as? [String: Any])
    #expect(matrices["scope"] as? String == "chosen")
    #expect((matrices["codes"] as? [String])?.count == 12 && (matrices["raw"] as? [[Any]])?.count == 12)  // the refined set at 1,000,000 (SearchGoldenTests)
    let pool = try SelectCommandTests.json(["select", "--capital", "1000000", "--include-correlation", "pool"])
    #expect(((pool["correlationMatrices"] as? [String: Any])?["codes"] as? [String])?.count == 170)
    let refused = try Self.run([
      "select", "--capital", "1000000", "--include-correlation", "pool", "--matrix-free-threshold", "100",
      "--format", "json",
    ])
    #expect(refused.status == 1 && refused.standardError.contains("over the matrix-free threshold"))
    #expect(try Self.run(["select", "--capital", "1000000", "--include-correlation"]).status == 64)
  }

  @Test("generate refuses a folder it did not write; --force replaces its own universe")
  func generateFolder() throws {
    let folder = TemporaryDataFolder()
    folder.write("mine.txt", "keep me\n")
    let refused = try Self.run(["generate", "--instruments", "3", "--out", folder.path])
    #expect(refused.status == 1 && refused.standardError.contains("did not write: 'mine.txt'"))
    let fresh = TemporaryDataFolder()
    #expect(try Self.run(["generate", "--instruments", "6", "--years", "1", "--out", fresh.path]).status == 0)
    let again = try Self.run(["generate", "--instruments", "2", "--years", "1", "--out", fresh.path])
    #expect(again.status == 1 && again.standardError.contains("--force"))
    let forced = try Self.run(["generate", "--instruments", "2", "--years", "1", "--out", fresh.path, "--force"])
    #expect(forced.status == 0 && forced.standardOutput.hasPrefix("Wrote 2 synthetic instruments"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: fresh.path("prices")).count == 2)
  }

  @Test("a settings file outside a range is refused at its line and column")
  func settingsFileRange() throws {
    let folder = TemporaryDataFolder()
    folder.write("settings.json", "{\n  \"sizing\": {\n    \"targetVolatility\": 20\n  }\n}\n")
    let out = try Self.run(["select", "--capital", "1000000", "--settings", folder.path("settings.json")])
    #expect(out.status == 1)
    #expect(out.standardError.contains("settings.json:3:25: error: 'sizing.targetVolatility': 20 is 2,000% a year"))
  }
}
