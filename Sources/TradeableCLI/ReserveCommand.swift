import ArgumentParser
import Tradeable

/// Options of the capital reserve, shared by `reserve` and `report`.
struct ReserveOptions: ParsableArguments {
  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Quantile of the one-day loss to hold back, a fraction or a percentage (default: "
        + "\(shown(CapitalReserve.defaultQuantile)); \(valid(CapitalReserve.quantileRange))).", valueName: "q"),
    transform: ArgumentValue.fraction)
  var quantile: Double = CapitalReserve.defaultQuantile

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Daily differences in the reserve's window, on dates every chosen instrument has (default: "
        + "\(CapitalReserve.defaultWindow); \(valid(CapitalReserve.windowRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var reserveWindow: Int = CapitalReserve.defaultWindow

  func validate() throws {
    try OptionCheck.value("--quantile", quantile, CapitalReserve.quantileRange)
    try OptionCheck.value("--reserve-window", reserveWindow, CapitalReserve.windowRange)
  }
}

/// `tradeable reserve --capital K --quantile 0.98`: cash to hold back for the next day's loss.
struct ReserveCommand: AnalysisCommand {
  /// The reserve replays the chosen set's daily differences: whole histories.
  static var needsHistories: Bool { true }

  static let configuration = CommandConfiguration(
    commandName: "reserve",
    abstract: "Estimate the cash to hold back: the selected portfolio's historical one-day loss at a quantile.",
    discussion: """
      Takes the instruments selected at --capital, at their target positions (capital × IDM × weight × target \
      volatility / contract volatility, unrounded and rounded), applies the last --reserve-window daily price \
      differences on dates every one of them has a price (× multiplier × today's FX), and reports the one-day loss \
      at --quantile of the long and of the short book; the reserve is the larger. --format csv prints the daily P&L \
      series.
      """)

  @OptionGroup(title: "Required") var required: CapitalOption
  var capital: Double { required.capital }

  @OptionGroup(title: "Reserve") var reserveOptions: ReserveOptions
  @OptionGroup(title: "Data") var dataOptions: DataOptions
  @OptionGroup(title: "Method") var method: MethodOptions
  @OptionGroup(title: "Conventions (DESIGN.md §3–§6)") var conventions: ConventionOptions
  @OptionGroup(title: "Search") var searchOptions: SearchOptions
  @OptionGroup(title: "Run") var runOptions: RunOptions

  func validate() throws { try dataOptions.refusePysystemtradeFormat("reserve") }

  func run() throws {
    try reportingErrors {
      let (analysis, observer, _) = try analyse()
      let selection = try analysis.select(capital: capital, observer: observer)
      guard
        let reserve = CapitalReserve(
          selection: selection, universe: analysis.universe, quantile: reserveOptions.quantile, window: reserveOptions.reserveWindow)
      else {
        let smallest =
          analysis.smallestWorkable.map {
            " The smallest capital that admits an instrument is \(NumberFormat.money($0.capital.rounded(.up))) "
              + "\(analysis.universe.fx.baseCurrency) (\($0.code))."
          } ?? ""
        printError(
          "error: nothing can be selected with \(NumberFormat.money(capital)) \(analysis.universe.fx.baseCurrency), "
            + "so there is no portfolio to reserve for.\(smallest)")
        throw ExitCode(1)
      }
      let base = analysis.universe.fx.baseCurrency
      switch dataOptions.format {
      case .table: print(reserve.table(style: .automatic, baseCurrency: base, source: analysis.universe.source))
      case .json: print(reserve.json(baseCurrency: base).rendered())
      case .csv: print(reserve.csv)
      case .pysystemtrade: break  // refused in validate()
      }
    }
  }
}
