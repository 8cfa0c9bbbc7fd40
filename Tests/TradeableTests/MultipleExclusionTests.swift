import Foundation
import Testing
import Tradeable
import _TestSupport

/// One instrument that fails every filter of DESIGN.md §5 lists every reason, in pipeline order, in the library and
/// in the binary's JSON and CSV.
@Suite("An instrument failing several filters")
struct MultipleExclusionTests {
  /// GOOD passes everything and sets the universe's last date (2023-08-31); BAD fails all five filters:
  /// - history: 300 prices < 512;
  /// - stale: last price 2023-08-01, 22 weekdays before 2023-08-31 (> 10);
  /// - liquidity: 5 contracts a day (< 100), traded value 5 × ~100 × 10 ≈ 5,000 (< 10,000,000);
  /// - cost: a commission of 500 against a contract volatility of about 16 × 10 × 1/√3 ≈ 92: 5.4 SR a trade, × 8 trades
  ///   a year (4 rolls) ≈ 43 SR a year (> 0.10);
  /// - capital: at 1,000 USD, below 80 × 92 ≈ 7,400 (4 × cv / (2.5 × 0.1 × 0.2)).
  static func write(to folder: TemporaryDataFolder) {
    var good = SyntheticInstrument(code: "GOOD")
    good.volume = { _ in 50_000 }
    good.commissionPerContract = 0.1
    var bad = SyntheticInstrument(code: "BAD")
    bad.count = 300
    bad.lastDate = "2023-08-01"
    bad.volume = { _ in 5 }
    bad.commissionPerContract = 500
    bad.seed = 7
    writeSyntheticUniverse([good, bad], to: folder)
  }

  @Test("library: every reason, in order history, stale, liquidity, cost, capital; still measured")
  func library() throws {
    let folder = TemporaryDataFolder("many-reasons")
    Self.write(to: folder)
    let analysis = UniverseAnalysis(universe: try Universe.load(folder: folder.path), settings: PipelineSettings())
    #expect(analysis.screening[1].reasons == [.history, .stale, .liquidity, .cost])
    let r = try analysis.select(capital: 1_000)
    #expect(r.screening[1].reasons == [.history, .stale, .liquidity, .cost, .capital])
    #expect(r.statuses[1] == .excluded)
    // Measured all the same: a volatility, a cost, a capital figure, liquidity numbers.
    let m = r.metrics[1]
    #expect(m.currencyVolatility != nil && m.annualSRCost! > 40 && r.standaloneCapital[1]! > 1_000)
    guard case .measured(let volume, _) = m.liquidity else {
      Issue.record("liquidity should be measured")
      return
    }
    #expect(approximately(volume, 5))
    // At a capital the instrument could hold alone, the capital reason goes and the other four stay.
    #expect(try analysis.select(capital: 1e9).screening[1].reasons == [.history, .stale, .liquidity, .cost])
  }

  @Test("binary: JSON reasons and the CSV reasons column list all five")
  func binary() throws {
    let folder = TemporaryDataFolder("many-reasons")
    Self.write(to: folder)
    let out = try SelectCommandTestsRunner.run(["select", "--data", folder.path, "--capital", "1000", "--format", "json"])
    #expect(out.status == 0, "stderr: \(out.standardError)")
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.standardOutput.utf8)) as? [String: Any])
    let instruments = try #require(doc["instruments"] as? [[String: Any]])
    #expect(instruments[1]["code"] as? String == "BAD" && instruments[1]["status"] as? String == "excluded")
    #expect(instruments[1]["reasons"] as? [String] == ["history", "stale", "liquidity", "cost", "capital"])
    let csv = try SelectCommandTestsRunner.run(["select", "--data", folder.path, "--capital", "1000", "--format", "csv"])
    let row = try #require(csv.standardOutput.split(separator: "\n").first { $0.hasPrefix("BAD,") })
    #expect(row.contains("history") && row.contains("stale") && row.contains("liquidity") && row.contains("cost"))
    #expect(row.contains("capital"))
  }
}

/// Runs the built binary from the repository root (the end-to-end helpers live in another test target).
enum SelectCommandTestsRunner {
  static func run(_ arguments: [String]) throws -> ProcessOutput {
    try runProcess(PackagePaths.tradeableExecutable, arguments, currentDirectory: PackagePaths.root)
  }
}
