import Foundation
import Testing
import Tradeable
import _TestSupport

/// `funds select`'s settings: the JSON block is the encoded `FundSelectionSettings`, complete; with no option it is
/// the library's defaults; every option lands in its setting; `--settings FILE` replays a run exactly and options
/// given with it override the file.
@Suite("tradeable funds select settings (end to end)")
struct FundsSelectSettingsTests {
  static func run(_ arguments: [String]) throws -> ProcessOutput {
    try runProcess(PackagePaths.tradeableExecutable, arguments, currentDirectory: PackagePaths.root)
  }

  /// The settings block of a JSON run.
  static func settings(_ out: ProcessOutput) throws -> FundSelectionSettings {
    #expect(out.status == 0, "stderr: \(out.standardError)")
    return try FundSelectionSettings.load(Array(out.standardOutput.utf8), file: "output.json")
  }

  static let options = [
    "--pre-cost-sr", "0.3", "--max-units", "2", "--idm-cap", "2", "--max-weight", "0.3", "--target-vol", "0.15",
    "--holding-years", "5", "--vol-months", "24", "--correlation-months", "48", "--max-sr-cost", "0.5",
    "--max-instruments", "3", "--min-observations", "100", "--merge-managers", "--periods-per-year", "250",
  ]

  /// What `options` set, written out from the library's defaults.
  static var optionSettings: FundSelectionSettings {
    var s = FundSelectionSettings()
    s.costs.preCostSR = 0.3
    s.sizing.maxContracts = 2
    s.sizing.idmCap = 2
    s.filters.capital.maximumWeight = 0.3
    s.sizing.targetVolatility = 0.15
    s.costs.holdingYears = 5
    s.risk.volatilityMonths = 24
    s.risk.correlationMonths = 48
    s.filters.cost = CostFilter(maximumSRCost: 0.5)
    s.selection.maxInstruments = 3
    s.cleaning.history.minimumPrices = 100
    s.cleaning.mergeManagers = true
    s.cleaning.periodsPerYear = 250
    return s
  }

  @Test("no option: every setting is the library's default, and the block is the encoded settings")
  func defaults() throws {
    let out = try Self.run(["funds", "select", "--capital", "1000000", "--format", "json"])
    #expect(try Self.settings(out) == FundSelectionSettings())
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.standardOutput.utf8)) as? [String: Any])
    let block = try #require(doc["settings"] as? [String: Any])
    #expect(Set(block.keys) == ["cleaning", "risk", "costs", "filters", "sizing", "selection"])
  }

  @Test("every option lands in its setting; a run replayed from its own output is identical; options override it")
  func replay() throws {
    let first = try Self.run(["funds", "select", "--capital", "1000000", "--format", "json"] + Self.options)
    #expect(try Self.settings(first) == Self.optionSettings)
    let folder = TemporaryDataFolder("fund-settings")
    folder.write("run.json", first.standardOutput)
    let replayed = try Self.run([
      "funds", "select", "--capital", "1000000", "--format", "json", "--settings", folder.path("run.json"),
    ])
    #expect(replayed.status == 0 && replayed.standardOutput == first.standardOutput)
    let overridden = try Self.run([
      "funds", "select", "--capital", "1000000", "--format", "json", "--settings", folder.path("run.json"),
      "--target-vol", "0.2",
    ])
    var expected = Self.optionSettings
    expected.sizing.targetVolatility = 0.2
    #expect(try Self.settings(overridden) == expected)
  }

  @Test("a settings file with an unknown key is an error at its line and column")
  func badFile() throws {
    let folder = TemporaryDataFolder("fund-settings")
    folder.write("bad.json", "{\n  \"sizing\": { \"maxUnits\": 2 }\n}\n")
    let out = try Self.run([
      "funds", "select", "--capital", "1000000", "--settings", folder.path("bad.json"),
    ])
    #expect(out.status == 1 && out.standardOutput.isEmpty)
    #expect(out.standardError.contains("bad.json:2:15: error: unknown setting 'maxUnits' in 'sizing'"))
  }
}
