import ArgumentParser
import Tradeable

/// `tradeable funds select --capital K`: FOF selection with the greedy engine of `select`. Every option is optional:
/// left out, a setting keeps its value from `--settings FILE`, else the library's default (`FundSelectionSettings()`),
/// which the help text shows.
struct FundsSelectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "select",
    abstract: "Choose the fund products to hold with a given capital (same engine and output as `select`).",
    discussion: """
      A product's annual SR cost is its fee drag (management + custody + expected performance fee at the pre-cost \
      Sharpe + subscription and redemption fees over the holding period) divided by its volatility (last 36 months). \
      Its minimum subscription is the indivisible unit: a member needs min_subscription × max_units × vol / (IDM × \
      weight × target_vol). Correlations: monthly returns of month-end NAVs, last 60 months, pairwise, no floor. \
      --format json follows DESIGN.md §7 like `select`.
      """)

  @OptionGroup(title: "Required") var required: CapitalOption
  var capital: Double { required.capital }

  @OptionGroup(title: "Input") var input: FundsInputOptions

  /// FOF selection's defaults (DESIGN.md §8), the library's: the help text shows them.
  static let defaults = FundSelectionSettings()

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Run from a saved settings document: a run's JSON output or its settings block.",
      discussion: "Options given as well override the file's values.", valueName: "file"))
  var settings: String?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Pre-cost Sharpe ratio assumed for every product (default: \(shown(defaults.costs.preCostSR)); "
        + "\(valid(CostSettings.preCostSRRange))).", valueName: "sr"),
    transform: ArgumentValue.number)
  var preCostSR: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Minimum subscriptions held at the target position (default: \(shown(defaults.sizing.maxContracts)); "
        + "\(valid(PositionSizing.maxContractsRange))).", valueName: "n"),
    transform: ArgumentValue.number)
  var maxUnits: Double?

  @Option(
    name: .customLong("idm-cap"), parsing: .unconditional,
    help: ArgumentHelp(
      "Cap on the diversification multiplier (default: \(shown(defaults.sizing.idmCap)); "
        + "\(valid(PositionSizing.idmCapRange))).", valueName: "x"),
    transform: ArgumentValue.number)
  var idmCap: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Largest weight in the standalone capital test, a fraction or a percentage (default: "
        + "\(shown(defaults.filters.capital.maximumWeight)); \(valid(CapitalFilter.maximumWeightRange))).",
      valueName: "w"),
    transform: ArgumentValue.fraction)
  var maxWeight: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Portfolio volatility target a year, a fraction or a percentage (default: "
        + "\(shown(defaults.sizing.targetVolatility)) = \(shown(defaults.sizing.targetVolatility * 100))%; "
        + "\(valid(PositionSizing.targetVolatilityRange))).", valueName: "v"),
    transform: ArgumentValue.fraction)
  var targetVol: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Expected holding period, years; spreads subscription and redemption fees (default: "
        + "\(shown(defaults.costs.holdingYears)); \(valid(FundCostSettings.holdingYearsRange))).", valueName: "years"),
    transform: ArgumentValue.number)
  var holdingYears: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Calendar months of returns behind a product's volatility (default: \(defaults.risk.volatilityMonths); "
        + "\(valid(FundRiskSettings.volatilityMonthsRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var volMonths: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Calendar months of monthly returns behind the correlations (default: \(defaults.risk.correlationMonths); "
        + "\(valid(FundRiskSettings.correlationMonthsRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var correlationMonths: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Full correlation matrix of the candidates, or only the rows of the products chosen (default: "
        + "\(defaults.risk.correlationMode.rawValue)).",
      discussion: "automatic: full up to --matrix-free-threshold products in the pool, matrix-free above.",
      valueName: "mode"))
  var correlationMode: CorrelationMode?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Pool size above which automatic mode goes matrix-free (default: "
        + "\(NumberFormat.integer(defaults.risk.matrixFreeThreshold)); "
        + "\(valid(CorrelationSettings.matrixFreeThresholdRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var matrixFreeThreshold: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Exclude products costing more than this, SR units a year (default: "
        + "\(defaults.filters.cost.map { shown($0.maximumSRCost) } ?? "no limit"); "
        + "\(valid(CostFilter.maximumSRCostRange))).", valueName: "sr"),
    transform: ArgumentValue.number)
  var maxSRCost: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Select at most this many products (default: "
        + "\(defaults.selection.maxInstruments.map { "\($0)" } ?? "no limit"); "
        + "\(valid(SelectionRules.maxInstrumentsRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var maxInstruments: Int?

  @Option(
    name: .long, help: ArgumentHelp("FX file currency,rate (units of the base currency per unit).", valueName: "file"))
  var fx: String?

  @OptionGroup(title: "Search") var searchOptions: SearchOptions

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Currency of every amount (default: the products' currency when they share one, else USD).", valueName: "code"))
  var baseCurrency: String?

  /// The settings key each option sets (key paths in `FundSelectionSettings`' document).
  static let optionKeys: [(option: String, key: String)] = [
    ("--pre-cost-sr", "costs.preCostSR"), ("--max-units", "sizing.maxContracts"), ("--idm-cap", "sizing.idmCap"),
    ("--max-weight", "filters.capital.maximumWeight"), ("--target-vol", "sizing.targetVolatility"),
    ("--holding-years", "costs.holdingYears"), ("--vol-months", "risk.volatilityMonths"),
    ("--correlation-months", "risk.correlationMonths"), ("--max-sr-cost", "filters.cost.maximumSRCost"),
    ("--max-instruments", "selection.maxInstruments"), ("--correlation-mode", "risk.correlationMode"),
    ("--matrix-free-threshold", "risk.matrixFreeThreshold"),
  ]

  /// Every option given, checked against its setting's valid range (the library's), before any work.
  func validate() throws {
    var settings = FundSelectionSettings()
    apply(to: &settings)
    try OptionCheck.settings(settings.violations, names: Self.optionKeys)
  }

  /// `settings` with every option given applied.
  func apply(to settings: inout FundSelectionSettings) {
    input.apply(to: &settings.cleaning)
    if let preCostSR { settings.costs.preCostSR = preCostSR }
    if let maxUnits { settings.sizing.maxContracts = maxUnits }
    if let idmCap { settings.sizing.idmCap = idmCap }
    if let maxWeight { settings.filters.capital.maximumWeight = maxWeight }
    if let targetVol { settings.sizing.targetVolatility = targetVol }
    if let holdingYears { settings.costs.holdingYears = holdingYears }
    if let volMonths { settings.risk.volatilityMonths = volMonths }
    if let correlationMonths { settings.risk.correlationMonths = correlationMonths }
    if let maxSRCost { settings.filters.cost = CostFilter(maximumSRCost: maxSRCost) }
    if let maxInstruments { settings.selection.maxInstruments = maxInstruments }
    searchOptions.apply(to: &settings.selection)
    if let correlationMode { settings.risk.correlationMode = correlationMode }
    if let matrixFreeThreshold { settings.risk.matrixFreeThreshold = matrixFreeThreshold }
  }

  /// The run's settings: `--settings FILE` (or the library's defaults), then every option given.
  func selectionSettings() throws -> FundSelectionSettings {
    var settings = FundSelectionSettings()
    if let file = self.settings {
      do {
        settings = try FundSelectionSettings.load(FileBytes.read(file, displayName: file), file: file)
      } catch {
        throw InputFailure(error)
      }
    }
    apply(to: &settings)
    return settings
  }

  func run() throws {
    try reportingErrors {
      let settings = try selectionSettings()
      let universe = try input.loadUniverse()
      let currencies = Set(universe.products.compactMap(\.currency))
      let base = baseCurrency ?? (currencies.count == 1 ? currencies.first! : "USD")
      let rates =
        try fx.map { try FXRates.load(CSVTable(contentsOf: $0), baseCurrency: base) }
        ?? FXRates(baseCurrency: base, rates: [:])
      let analysis = try FundAnalysis(universe: universe, settings: settings, fx: rates)
      let selection = try analysis.select(capital: capital)
      switch input.format {
      case .table: emit(selection.table(style: .automatic))
      case .json: emit(selection.json.rendered())
      case .csv: emit(selection.csv)
      }
    }
  }
}
