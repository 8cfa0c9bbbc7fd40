import ArgumentParser
import Tradeable

/// The method of DESIGN.md §3–§6 as options: the numbers a user is expected to change. Every option is optional: left
/// out, the setting keeps its value from `--settings FILE`, else the library's default (`PipelineSettings()`), which
/// the help text shows. One source for every default: the library type.
struct MethodOptions: ParsableArguments {
  static let defaults = PipelineSettings()

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Run from a saved settings document: a run's JSON output or its settings block.",
      discussion: "Options given as well override the file's values.", valueName: "file"))
  var settings: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Pre-cost Sharpe ratio assumed for every instrument (default: \(shown(defaults.costs.preCostSR))).",
      valueName: "sr"))
  var preCostSR: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Exclude instruments costing more than this, SR units a year (default: "
        + "\(shown(defaults.filters.cost.maximumSRCost))).", valueName: "sr"))
  var maxSRCost: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Contracts held at the target position in capital tests (default: \(shown(defaults.sizing.maxContracts))).",
      valueName: "n"))
  var maxContracts: Double?

  @Option(
    name: .customLong("idm-cap"),
    help: ArgumentHelp(
      "Cap on the instrument diversification multiplier (default: \(shown(defaults.sizing.idmCap))).",
      valueName: "x"))
  var idmCap: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Largest weight in the standalone capital test, a fraction (default: "
        + "\(shown(defaults.filters.capital.maximumWeight))).", valueName: "w"))
  var maxWeight: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Portfolio volatility target, a fraction a year (default: \(shown(defaults.sizing.targetVolatility)) = "
        + "\(shown(defaults.sizing.targetVolatility * 100))%).", valueName: "v"))
  var targetVol: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Correlations below this are raised to it (default: \(shown(defaults.correlation.floor))).", valueName: "c"))
  var correlationFloor: Double?

  @Option(
    name: .long, help: ArgumentHelp("Select at most this many instruments (default: no limit).", valueName: "n"))
  var maxInstruments: Int?

  func validate() throws {
    if let preCostSR, !preCostSR.isFinite { throw ValidationError("--pre-cost-sr must be a number.") }
    if let maxSRCost, !maxSRCost.isFinite { throw ValidationError("--max-sr-cost must be a number.") }
    if let maxContracts, !(maxContracts > 0 && maxContracts.isFinite) {
      throw ValidationError("--max-contracts must be positive.")
    }
    if let idmCap, !(idmCap >= 1 && idmCap.isFinite) { throw ValidationError("--idm-cap must be at least 1.") }
    if let maxWeight, !(maxWeight > 0 && maxWeight <= 1) { throw ValidationError("--max-weight must be in (0, 1].") }
    if let targetVol, !(targetVol > 0 && targetVol.isFinite) { throw ValidationError("--target-vol must be positive.") }
    if let correlationFloor, !(correlationFloor >= -1 && correlationFloor <= 1) {
      throw ValidationError("--correlation-floor must be in [-1, 1].")
    }
    if let maxInstruments, maxInstruments < 1 { throw ValidationError("--max-instruments must be at least 1.") }
  }

  /// The settings to start from: `--settings FILE`, else the library's defaults.
  func base() throws -> PipelineSettings {
    guard let settings else { return PipelineSettings() }
    do {
      return try PipelineSettings.load(FileBytes.read(settings, displayName: settings), file: settings)
    } catch {
      throw InputFailure(error)
    }
  }

  /// `settings` with every option given applied.
  func apply(to settings: inout PipelineSettings) {
    if let preCostSR { settings.costs.preCostSR = preCostSR }
    if let maxSRCost { settings.filters.cost.maximumSRCost = maxSRCost }
    if let maxContracts { settings.sizing.maxContracts = maxContracts }
    if let idmCap { settings.sizing.idmCap = idmCap }
    if let maxWeight { settings.filters.capital.maximumWeight = maxWeight }
    if let targetVol { settings.sizing.targetVolatility = targetVol }
    if let correlationFloor { settings.correlation.floor = correlationFloor }
    if let maxInstruments { settings.selection.maxInstruments = maxInstruments }
  }
}

/// A default as the help text shows it: the shortest form that reads back exactly (`0.2`, `256`, `10000000`).
func shown(_ x: Double) -> String { JSONValue.format(x) }
