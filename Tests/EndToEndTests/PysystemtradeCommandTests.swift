import Foundation
import Testing
import _TestSupport

/// pysystemtrade both ways, through the built binary: `select --format pysystemtrade` writes a config fragment on
/// standard output (and nothing else there), the commands without a chosen set refuse the format, and the importer
/// says on standard error which layout it read, on the made-up 2018 checkout of `Tests/Fixtures/pysystemtrade`.
@Suite("pysystemtrade both ways (end to end)")
struct PysystemtradeCommandTests {
  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
    try SelectCommandTests.run(arguments, environment: environment)
  }

  @Test("select --format pysystemtrade: the fragment on standard output, the same bytes on every run")
  func selectFragment() throws {
    let arguments = ["select", "--capital", "1000000", "--format", "pysystemtrade", "--quiet"]
    let out = try Self.run(arguments, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    #expect(out.status == 0, "stderr: \(out.standardError)")
    #expect(out.standardOutput.hasPrefix("# Tradeable: the instruments to trade with 1,000,000 USD, for pysystemtrade."))
    // 1,700,000,000 s after 1970-01-01 is 2023-11-14 22:13:20 UTC.
    #expect(out.standardOutput.contains(
      "# Written:   2023-11-14 by `tradeable select --capital 1000000 --format pysystemtrade --quiet`"))
    // The chosen set of `select --capital 1000000` on the bundled data (python/tests/test_futures.py's CHOSEN), 1/12
    // each to the last digit.
    #expect(out.standardOutput.contains("instrument_weights:\n  CNH: 0.08333333333333333\n  GBPEUR: 0.08333333333333333\n"))
    #expect(out.standardOutput.contains("\ninstrument_div_multiplier: 2.5\n"))
    #expect(out.standardOutput.hasSuffix("use_instrument_div_mult_estimates: False\n"))
    let again = try Self.run(arguments, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    #expect(again.standardOutput == out.standardOutput)
    let nothing = try Self.run(["select", "--capital", "1000", "--format", "pysystemtrade", "--quiet"])
    #expect(nothing.status == 1 && nothing.standardOutput.isEmpty)
    #expect(nothing.standardError.contains("so there is no pysystemtrade config to write. The smallest capital"))
  }

  @Test("costs, sweep and reserve refuse --format pysystemtrade, saying to use select", arguments: [
    ["costs"], ["sweep", "--capital", "1000000"], ["reserve", "--capital", "1000000"],
  ])
  func refused(_ command: [String]) throws {
    let out = try Self.run(command + ["--format", "pysystemtrade"])
    #expect(out.status != 0 && out.standardOutput.isEmpty)
    #expect(out.standardError.contains("--format pysystemtrade writes a chosen set as a pysystemtrade config"))
    #expect(out.standardError.contains("tradeable select --capital … --format pysystemtrade"))
  }

  @Test("a 2018 checkout: notes name the layout and every file read; prices headed DATETIME,FX no longer stop it")
  func checkout2018() throws {
    let folder = PackagePaths.pysystemtradeFixtures.appendingPathComponent("checkout-2018").path
    let out = try Self.run(["costs", "--pysystemtrade", folder, "--format", "csv", "--quiet"])
    #expect(out.status == 0, "stderr: \(out.standardError)")
    let notes = out.standardError
    #expect(
      notes.contains("note: read \(folder)/data/futures in pysystemtrade's data/futures layout, an older arrangement:"))
    #expect(notes.contains("  \(folder) is a pysystemtrade checkout: reading its data/futures"))
    #expect(notes.contains("sysinit/futures/config/rollconfig.csv, column HoldRollCycle (older layout"))
    #expect(notes.contains("fx_prices_csv/EURUSD.csv, column FX (older layout): 1.2336 USD on 2018-03-05"))
    #expect(
      notes.contains(
        "note: 1 instrument left out (not imported):\n  no adjusted prices file; no spread cost; no roll cycle (1): ZULU"))
    #expect(out.standardOutput.split(separator: "\n").count == 4)  // the header and ALPHA, BRAVO, CHARLIE_mini
    let legacy = try Self.run(["costs", "--pysystemtrade", folder + "/data/futures/legacycsv", "--quiet"])
    #expect(legacy.status == 0 && legacy.standardError.contains("legacy csv layout"))
  }
}
