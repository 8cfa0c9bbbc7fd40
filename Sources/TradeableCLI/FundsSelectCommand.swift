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

  static let defaults = FundSelectionSettings()

  @Option(name: .long, help: ArgumentHelp("Capital to deploy, in the base currency.", valueName: "amount"))
  var capital: Double

  @OptionGroup(title: "Input") var input: FundsInputOptions

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Run from a saved settings document: a run's JSON output or its settings block.",
      discussion: "Options given as well override the file's values.", valueName: "file"))
  var settings: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Pre-cost Sharpe ratio assumed for every product (default: \(shown(defaults.costs.preCostSR))).",
      valueName: "sr"))
  var preCostSR: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Minimum subscriptions held at the target position (default: \(shown(defaults.sizing.maxContracts))).",
      valueName: "n"))
  var maxUnits: Double?

  @Option(
    name: .customLong("idm-cap"),
    help: ArgumentHelp(
      "Cap on the diversification multiplier (default: \(shown(defaults.sizing.idmCap))).", valueName: "x"))
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
      "Expected holding period, years; spreads subscription and redemption fees (default: "
        + "\(shown(defaults.costs.holdingYears))).", valueName: "years"))
  var holdingYears: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Calendar months of returns behind a product's volatility (default: \(defaults.risk.volatilityMonths)).",
      valueName: "n"))
  var volMonths: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Calendar months of monthly returns behind the correlations (default: \(defaults.risk.correlationMonths)).",
      valueName: "n"))
  var correlationMonths: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Exclude products costing more than this, SR units a year (default: "
        + "\(defaults.filters.cost.map { shown($0.maximumSRCost) } ?? "no limit")).", valueName: "sr"))
  var maxSRCost: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Select at most this many products (default: "
        + "\(defaults.selection.maxInstruments.map { "\($0)" } ?? "no limit")).",
      valueName: "n"))
  var maxInstruments: Int?

  @Option(
    name: .long, help: ArgumentHelp("FX file currency,rate (units of the base currency per unit).", valueName: "file"))
  var fx: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Currency of every amount (default: the products' currency when they share one, else USD).", valueName: "code"))
  var baseCurrency: String?

  func validate() throws {
    guard capital > 0, capital.isFinite else { throw ValidationError("--capital must be a positive amount.") }
    if let preCostSR, !preCostSR.isFinite { throw ValidationError("--pre-cost-sr must be a number.") }
    if let maxUnits, !(maxUnits > 0 && maxUnits.isFinite) { throw ValidationError("--max-units must be positive.") }
    if let idmCap, !(idmCap >= 1 && idmCap.isFinite) { throw ValidationError("--idm-cap must be at least 1.") }
    if let maxWeight, !(maxWeight > 0 && maxWeight <= 1) { throw ValidationError("--max-weight must be in (0, 1].") }
    if let targetVol, !(targetVol > 0 && targetVol.isFinite) { throw ValidationError("--target-vol must be positive.") }
    if let holdingYears, !(holdingYears > 0 && holdingYears.isFinite) {
      throw ValidationError("--holding-years must be positive.")
    }
    if volMonths.map({ $0 < 1 }) ?? false || correlationMonths.map({ $0 < 2 }) ?? false {
      throw ValidationError("--vol-months must be at least 1 and --correlation-months at least 2.")
    }
    if let maxSRCost, !maxSRCost.isFinite { throw ValidationError("--max-sr-cost must be a number.") }
    if let maxInstruments, maxInstruments < 1 { throw ValidationError("--max-instruments must be at least 1.") }
  }

  /// The run's settings: `--settings FILE` (or the library's defaults), then every option given.
  func selectionSettings() throws -> FundSelectionSettings {
    var settings = FundSelectionSettings()
    if let file = self.settings {
      settings = try FundSelectionSettings.load(FileBytes.read(file, displayName: file), file: file)
    }
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
