import ArgumentParser
import Tradeable

/// `tradeable funds select --capital K`: FOF selection with the greedy engine of `select`.
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
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Pre-cost Sharpe ratio assumed for every product (default: \(shown(defaults.preCostSR)); \(valid(CostSettings.preCostSRRange))).", valueName: "sr"),
    transform: ArgumentValue.number)
  var preCostSR: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Minimum subscriptions held at the target position (default: \(shown(defaults.maxUnits)); \(valid(PositionSizing.maxContractsRange))).", valueName: "n"),
    transform: ArgumentValue.number)
  var maxUnits: Double?

  @Option(
    name: .customLong("idm-cap"), parsing: .unconditional,
    help: ArgumentHelp("Cap on the diversification multiplier (default: \(shown(defaults.idmCap)); \(valid(PositionSizing.idmCapRange))).", valueName: "x"),
    transform: ArgumentValue.number)
  var idmCap: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Largest weight in the standalone capital test, a fraction or a percentage (default: "
        + "\(shown(defaults.maxWeight)); \(valid(CapitalFilter.maximumWeightRange))).", valueName: "w"),
    transform: ArgumentValue.fraction)
  var maxWeight: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Portfolio volatility target a year, a fraction or a percentage (default: "
        + "\(shown(defaults.targetVolatility)) = \(shown(defaults.targetVolatility * 100))%; \(valid(PositionSizing.targetVolatilityRange))).", valueName: "v"),
    transform: ArgumentValue.fraction)
  var targetVol: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Expected holding period, years; spreads subscription and redemption fees (default: "
        + "\(shown(defaults.holdingYears)); \(valid(FundSelectionSettings.holdingYearsRange))).", valueName: "years"),
    transform: ArgumentValue.number)
  var holdingYears: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Calendar months of returns behind a product's volatility (default: \(defaults.volatilityMonths); \(valid(FundSelectionSettings.volatilityMonthsRange))).",
      valueName: "n"),
    transform: ArgumentValue.count)
  var volMonths: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Calendar months of monthly returns behind the correlations (default: \(defaults.correlationMonths); \(valid(FundSelectionSettings.correlationMonthsRange))).",
      valueName: "n"),
    transform: ArgumentValue.count)
  var correlationMonths: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Exclude products costing more than this, SR units a year (default: no limit; \(valid(CostFilter.maximumSRCostRange))).", valueName: "sr"),
    transform: ArgumentValue.number)
  var maxSRCost: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Select at most this many products (default: no limit; \(valid(SelectionRules.maxInstrumentsRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var maxInstruments: Int?

  @Option(
    name: .long, help: ArgumentHelp("FX file currency,rate (units of the base currency per unit).", valueName: "file"))
  var fx: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Currency of every amount (default: the products' currency when they share one, else USD).", valueName: "code"))
  var baseCurrency: String?

  /// The settings key each option sets (`FundSelectionSettings`' property names).
  static let optionKeys: [(option: String, key: String)] = [
    ("--capital", "capital"), ("--pre-cost-sr", "preCostSR"), ("--max-units", "maxUnits"), ("--idm-cap", "idmCap"),
    ("--max-weight", "maxWeight"), ("--target-vol", "targetVolatility"), ("--holding-years", "holdingYears"),
    ("--vol-months", "volatilityMonths"), ("--correlation-months", "correlationMonths"),
    ("--max-sr-cost", "maxSRCost"), ("--max-instruments", "maxInstruments"),
  ]

  /// The library's defaults with every option given applied.
  var settings: FundSelectionSettings {
    var settings = FundSelectionSettings(capital: capital)
    if let preCostSR { settings.preCostSR = preCostSR }
    if let maxUnits { settings.maxUnits = maxUnits }
    if let idmCap { settings.idmCap = idmCap }
    if let maxWeight { settings.maxWeight = maxWeight }
    if let targetVol { settings.targetVolatility = targetVol }
    if let holdingYears { settings.holdingYears = holdingYears }
    if let volMonths { settings.volatilityMonths = volMonths }
    if let correlationMonths { settings.correlationMonths = correlationMonths }
    if let maxSRCost { settings.maxSRCost = maxSRCost }
    if let maxInstruments { settings.maxInstruments = maxInstruments }
    return settings
  }

  func validate() throws { try OptionCheck.settings(settings.violations, names: Self.optionKeys) }

  func run() throws {
    try reportingErrors {
      let (universe, entries) = try input.load()
      let settings = self.settings
      let currencies = Set(universe.products.compactMap(\.currency))
      let base = baseCurrency ?? (currencies.count == 1 ? currencies.first! : "USD")
      let rates =
        try fx.map { try FXRates.load(CSVTable(contentsOf: $0), baseCurrency: base) }
        ?? FXRates(baseCurrency: base, rates: [:])
      let analysis = try FundAnalysis(universe: universe, entries: entries, settings: settings, fx: rates)
      let selection = try analysis.select(capital: capital)
      switch input.format {
      case .table: emit(selection.table(style: .automatic))
      case .json: emit(selection.json.rendered())
      case .csv: emit(selection.csv)
      }
    }
  }
}
