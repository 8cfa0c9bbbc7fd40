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
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Pre-cost Sharpe ratio assumed for every instrument (default: \(shown(defaults.costs.preCostSR)); \(valid(CostSettings.preCostSRRange))).",
      valueName: "sr"),
    transform: ArgumentValue.number)
  var preCostSR: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Exclude instruments costing more than this, SR units a year (default: "
        + "\(shown(defaults.filters.cost.maximumSRCost)); \(valid(CostFilter.maximumSRCostRange))).", valueName: "sr"),
    transform: ArgumentValue.number)
  var maxSRCost: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Contracts held at the target position in capital tests (default: \(shown(defaults.sizing.maxContracts)); \(valid(PositionSizing.maxContractsRange))).",
      valueName: "n"),
    transform: ArgumentValue.number)
  var maxContracts: Double?

  @Option(
    name: .customLong("idm-cap"), parsing: .unconditional,
    help: ArgumentHelp(
      "Cap on the instrument diversification multiplier (default: \(shown(defaults.sizing.idmCap)); \(valid(PositionSizing.idmCapRange))).",
      valueName: "x"),
    transform: ArgumentValue.number)
  var idmCap: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Largest weight in the standalone capital test, a fraction or a percentage (default: "
        + "\(shown(defaults.filters.capital.maximumWeight)); \(valid(CapitalFilter.maximumWeightRange))).", valueName: "w"),
    transform: ArgumentValue.fraction)
  var maxWeight: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Portfolio volatility target a year, a fraction or a percentage (default: \(shown(defaults.sizing.targetVolatility)) = "
        + "\(shown(defaults.sizing.targetVolatility * 100))%; \(valid(PositionSizing.targetVolatilityRange))).", valueName: "v"),
    transform: ArgumentValue.fraction)
  var targetVol: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Correlations below this are raised to it (default: \(shown(defaults.correlation.floor)); \(valid(CorrelationSettings.floorRange))).", valueName: "c"),
    transform: ArgumentValue.number)
  var correlationFloor: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Select at most this many instruments (default: no limit; \(valid(SelectionRules.maxInstrumentsRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var maxInstruments: Int?

  /// The settings key each option sets, for messages (`OptionCheck`) and the test that every option reaches its key.
  static let optionKeys: [(option: String, key: String)] = [
    ("--pre-cost-sr", "costs.preCostSR"), ("--max-sr-cost", "filters.cost.maximumSRCost"),
    ("--max-contracts", "sizing.maxContracts"), ("--idm-cap", "sizing.idmCap"),
    ("--max-weight", "filters.capital.maximumWeight"), ("--target-vol", "sizing.targetVolatility"),
    ("--correlation-floor", "correlation.floor"), ("--max-instruments", "selection.maxInstruments"),
  ]

  /// Every option given, checked against its setting's valid range (the library's), before any work.
  func validate() throws {
    var settings = PipelineSettings()
    apply(to: &settings)
    try OptionCheck.settings(settings.violations, names: Self.optionKeys)
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
