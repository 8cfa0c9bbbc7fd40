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

  @Option(name: .long, help: ArgumentHelp("Capital to deploy, in the base currency.", valueName: "amount"))
  var capital: Double

  @OptionGroup(title: "Input") var input: FundsInputOptions

  @Option(name: .long, help: ArgumentHelp("Pre-cost Sharpe ratio assumed for every product.", valueName: "sr"))
  var preCostSR: Double = 0.4

  @Option(name: .long, help: ArgumentHelp("Minimum subscriptions held at the target position.", valueName: "n"))
  var maxUnits: Double = 4

  @Option(name: .customLong("idm-cap"), help: ArgumentHelp("Cap on the diversification multiplier.", valueName: "x"))
  var idmCap: Double = 2.5

  @Option(name: .long, help: ArgumentHelp("Largest weight in the standalone capital test, a fraction.", valueName: "w"))
  var maxWeight: Double = 0.40

  @Option(
    name: .long, help: ArgumentHelp("Portfolio volatility target, a fraction (0.10 = 10% a year).", valueName: "v"))
  var targetVol: Double = 0.10

  @Option(
    name: .long,
    help: ArgumentHelp("Expected holding period, years (spreads subscription and redemption fees).", valueName: "years")
  )
  var holdingYears: Double = 3

  @Option(name: .long, help: ArgumentHelp("Calendar months of returns behind a product's volatility.", valueName: "n"))
  var volMonths: Int = 36

  @Option(
    name: .long, help: ArgumentHelp("Calendar months of monthly returns behind the correlations.", valueName: "n"))
  var correlationMonths: Int = 60

  @Option(
    name: .long,
    help: ArgumentHelp("Exclude products costing more than this, SR units a year (default: no limit).", valueName: "sr")
  )
  var maxSRCost: Double?

  @Option(name: .long, help: ArgumentHelp("Select at most this many products (default: no limit).", valueName: "n"))
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

  func validate() throws {
    guard capital > 0, capital.isFinite else { throw ValidationError("--capital must be a positive amount.") }
    guard preCostSR.isFinite else { throw ValidationError("--pre-cost-sr must be a number.") }
    guard maxUnits > 0, maxUnits.isFinite else { throw ValidationError("--max-units must be positive.") }
    guard idmCap >= 1, idmCap.isFinite else { throw ValidationError("--idm-cap must be at least 1.") }
    guard maxWeight > 0, maxWeight <= 1 else { throw ValidationError("--max-weight must be in (0, 1].") }
    guard targetVol > 0, targetVol.isFinite else { throw ValidationError("--target-vol must be positive.") }
    guard holdingYears > 0, holdingYears.isFinite else { throw ValidationError("--holding-years must be positive.") }
    guard volMonths >= 1, correlationMonths >= 2 else {
      throw ValidationError("--vol-months must be at least 1 and --correlation-months at least 2.")
    }
    if let maxInstruments, maxInstruments < 1 { throw ValidationError("--max-instruments must be at least 1.") }
  }

  func run() throws {
    try reportingErrors {
      let (universe, entries) = try input.load()
      var settings = FundSelectionSettings(capital: capital)
      settings.preCostSR = preCostSR
      settings.maxUnits = maxUnits
      settings.idmCap = idmCap
      settings.maxWeight = maxWeight
      settings.targetVolatility = targetVol
      settings.holdingYears = holdingYears
      settings.volatilityMonths = volMonths
      settings.correlationMonths = correlationMonths
      settings.maxSRCost = maxSRCost
      settings.maxInstruments = maxInstruments
      var rules = SelectionRules(search: settings.search)
      searchOptions.apply(to: &rules)
      settings.search = rules.search
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
