import ArgumentParser
import Tradeable

extension WalkForward.Strategy: ExpressibleByArgument {}

/// The range of years of a walk-forward, shared by `walkforward` and `report --walkforward`.
struct WalkForwardRange {
  var from: Int?
  var to: Int?
  /// The options' names, for messages.
  var names = ("--from", "--to")

  func validate() throws {
    try OptionCheck.value(names.0, from, WalkForward.yearRange)
    try OptionCheck.value(names.1, to, WalkForward.yearRange)
    if let from, let to, from > to {
      throw ValidationError("\(names.0) (\(from)) must not be after \(names.1) (\(to)).")
    }
  }
}

/// `tradeable walkforward --capital K[,K2,…] --from 2010 --to 2022`: point-in-time selections traded against baselines.
struct WalkForwardCommand: AnalysisCommand {
  static let configuration = CommandConfiguration(
    commandName: "walkforward",
    abstract: "Re-select at each year end with the data known then, trade the next year, and compare with baselines.",
    discussion: """
      At the last weekday of each year from --from to --to on which any instrument has a price, runs the whole \
      selection with only the data dated on or before that day, and trades the chosen set until the next such day \
      (the last set to the end of the data) with DESIGN.md §9's rule: whole contracts with a 10% buffer, costs per \
      trade and per roll, fixed capital. Beside it, on the same days: greedy and refined selections, lowest-cost, \
      random feasible sets of the same size (median and band over --random-paths paths), ideal (every instrument \
      that passes the filters but capital, unrounded) and in-sample (today's selection, which looks ahead). \
      --capital takes a list, so one run shows how the realised Sharpe ratio grows with capital. Defaults: from the \
      first year some instrument has the history filter's prices, to the year before the data end.
      """)

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Capitals, comma-separated, base currency (1000000, 250k,1M,10M; at most \(Self.maximumCapitals)).",
      valueName: "list"),
    transform: CapitalList.parse)
  var capital: [Double]

  /// Capitals of one run at most (50): each holds its random paths' daily series while it is traded.
  static let maximumCapitals = 50

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "First year whose end is a rebalance date (default: the first with the history filter's prices; "
        + "\(valid(WalkForward.yearRange))).", valueName: "year"),
    transform: ArgumentValue.count)
  var from: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Last year whose end is a rebalance date (default: the year before the data end; "
        + "\(valid(WalkForward.yearRange))).", valueName: "year"),
    transform: ArgumentValue.count)
  var to: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Write the NAV series of --nav-strategy (date,nav; one column per capital when there are several) for `blend` "
        + "and `funds`.", valueName: "file"))
  var navOut: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Strategy whose NAV --nav-out writes: greedy, refined, lowest-cost, ideal or in-sample (default: the main "
        + "strategy).", valueName: "strategy"))
  var navStrategy: WalkForward.Strategy?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Write every decision of the main strategy (capital, date, code, price, forecast, target, position, trade, …) "
        + "as CSV.", valueName: "file"))
  var positionsOut: String?

  @OptionGroup(title: "Trading (DESIGN.md §9)") var trading: TradingOptions
  @OptionGroup(title: "Data") var dataOptions: DataOptions
  @OptionGroup(title: "Method") var method: MethodOptions
  @OptionGroup(title: "Conventions (DESIGN.md §3–§6)") var conventions: ConventionOptions
  @OptionGroup(title: "Search") var searchOptions: SearchOptions
  @OptionGroup(title: "Run") var runOptions: RunOptions

  func validate() throws {
    try dataOptions.refusePysystemtradeFormat("walkforward")
    // Refused before any file is read; a settings file asking for it is refused by the walk-forward itself.
    if searchOptions.search == .exact { throw ValidationError(WalkForward.exactSearchRefusal) }
    let values = capital
    for value in values { try OptionCheck.value("--capital", value, .positiveMoney) }
    guard Set(values).count == values.count else { throw ValidationError("--capital lists a capital twice.") }
    guard values.count <= Self.maximumCapitals else {
      throw ValidationError("--capital takes at most \(Self.maximumCapitals) capitals; run the rest separately.")
    }
    try WalkForwardRange(from: from, to: to).validate()
    if navStrategy == .random {
      throw ValidationError("--nav-strategy random has no single NAV: choose greedy, refined, lowest-cost, ideal or in-sample.")
    }
  }

  func run() throws {
    try reportingErrors {
      let tradingSettings = try trading.settings(file: method.settings)
      let settings = try pipelineSettings()
      let observer = runOptions.observer()
      let (universe, imported) = try dataOptions.loadData(observer: observer)
      if let imported { printImportNotes(imported) }
      let walkForward = try runWalkForward(
        universe: universe, settings: settings, trading: tradingSettings, capitals: capital,
        range: WalkForwardRange(from: from, to: to), recordsPositions: positionsOut != nil, observer: observer)
      if let positionsOut { try writeOutput(positionsOut, walkForward.positionsCSV, what: "positions") }
      if let navOut {
        try writeOutput(
          navOut, walkForward.navCSV(strategy: navStrategy ?? walkForward.mainStrategy), what: "NAV series")
      }
      switch dataOptions.format {
      case .table: print(walkForward.table(style: .automatic))
      case .json: print(walkForward.json.rendered())
      case .csv: print(walkForward.csv)
      case .pysystemtrade: break  // refused in validate()
      }
    }
  }
}

/// Runs a walk-forward, turning its failures into messages that say what to do.
func runWalkForward(
  universe: Universe, settings: PipelineSettings, trading: TradingSettings, capitals: [Double], range: WalkForwardRange,
  recordsPositions: Bool = false, observer: PipelineObserver?
) throws -> WalkForward {
  do {
    return try WalkForward(
      universe: universe, settings: settings, trading: trading, capitals: capitals, from: range.from, to: range.to,
      recordsPositions: recordsPositions, observer: observer)
  } catch let failure as WalkForward.Failure {
    let data = InputError.printable(universe.source)
    let span = [universe.histories.compactMap(\.dates.first).min(), universe.lastDate].compactMap { $0 }
      .map(\.description).joined(separator: " to ")
    switch failure {
    case .emptyRange(let from, let to):
      printError("error: the walk-forward's years are empty (from \(from) to \(to)).\n  Give \(range.names.0) before \(range.names.1); "
        + "the data \(data) cover \(span).")
    case .noRebalanceDate(let from, let to):
      printError("error: no year from \(from) to \(to) has a weekday with a price in \(data) (prices \(span)).\n  "
        + "Choose \(range.names.0) and \(range.names.1) within the data.")
    case .nothingAfter(let date):
      printError("error: the data \(data) end on or before the first rebalance date \(date): nothing to trade.\n  "
        + "Choose an earlier \(range.names.0) (the data cover \(span)).")
    case .noData:
      printError("error: \(data) holds no prices.\n  Check the data folder.")
    case .exactSearch:
      printError("error: " + WalkForward.exactSearchRefusal)
    }
    throw ExitCode(1)
  }
}

/// The walk-forward options of `report --walkforward`: its range of years (named apart from the sweep's --from/--to)
/// and the trading settings.
struct ReportWalkForwardOptions: ParsableArguments {
  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "First year whose end is a rebalance date (default: the first with the history filter's prices).",
      valueName: "year"),
    transform: ArgumentValue.count)
  var walkforwardFrom: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Last year whose end is a rebalance date (default: the year before the data end).", valueName: "year"),
    transform: ArgumentValue.count)
  var walkforwardTo: Int?

  @OptionGroup(title: "Trading (DESIGN.md §9)") var trading: TradingOptions

  var range: WalkForwardRange {
    WalkForwardRange(from: walkforwardFrom, to: walkforwardTo, names: ("--walkforward-from", "--walkforward-to"))
  }

  func validate() throws { try range.validate() }

  /// The walk-forward at `capital` on the analysis's universe and settings.
  func run(_ analysis: UniverseAnalysis, capital: Double, method: MethodOptions, observer: PipelineObserver?) throws
    -> WalkForward
  {
    try runWalkForward(
      universe: analysis.universe, settings: analysis.settings, trading: try trading.settings(file: method.settings),
      capitals: [capital], range: range, observer: observer)
  }
}
