import ArgumentParser
import Tradeable

/// `tradeable backtest --capital K`: the selection traded over the whole history (in-sample).
struct BacktestCommand: AnalysisCommand {
  /// The backtest trades the chosen set over its whole history: whole histories.
  static var needsHistories: Bool { true }

  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Trade today's selection over the whole history: whole contracts, costs, realised turnover (in-sample).",
    discussion: """
      Selects at --capital with all the data, then trades the chosen set with DESIGN.md §9's EWMAC trend rule from \
      the first forecast of any member to the members' last price: positions in whole contracts with a 10% buffer \
      (--unrounded for the exact targets), costs per trade and per roll, fixed capital. Prints the annualised mean, \
      volatility, Sharpe ratio, costs in SR units, maximum drawdown and each calendar year, at both roundings with \
      the tracking error between them, and per instrument the realised trades a year and SR cost beside the \
      predicted ones. The set was chosen with today's data, so the results look ahead: `tradeable walkforward` \
      chooses with the data known at each year end.
      """)

  @OptionGroup(title: "Required") var required: CapitalOption
  var capital: Double { required.capital }

  @Flag(name: .long, help: "Hold the unrounded targets with no buffer (the ideal unlimited capital would trade).")
  var unrounded = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Write the NAV series date,nav (100 at the start, compounded) for `blend` and `funds`.", valueName: "file"))
  var navOut: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Write every decision (date, code, price, forecast, target, position, trade, …) as CSV.",
      valueName: "file"))
  var positionsOut: String?

  @OptionGroup(title: "Trading (DESIGN.md §9)") var trading: TradingOptions
  @OptionGroup(title: "Data") var dataOptions: DataOptions
  @OptionGroup(title: "Method") var method: MethodOptions
  @OptionGroup(title: "Conventions (DESIGN.md §3–§6)") var conventions: ConventionOptions
  @OptionGroup(title: "Search") var searchOptions: SearchOptions
  @OptionGroup(title: "Run") var runOptions: RunOptions

  func validate() throws { try dataOptions.refusePysystemtradeFormat("backtest") }

  func run() throws {
    try reportingErrors {
      let tradingSettings = try trading.settings(file: method.settings)
      let (analysis, observer, _) = try analyse()
      let selection = try analysis.select(capital: capital, observer: observer)
      observer?.stageStarted(.trading, total: selection.portfolio.members.count)
      let backtest: Backtest
      do throws(Backtest.Failure) {
        backtest = try Backtest(
          selection: selection, universe: analysis.universe, settings: tradingSettings,
          rounding: unrounded ? .unrounded : .wholeContracts, recordsPositions: positionsOut != nil)
      } catch .nothingSelected {
        let smallest = selection.universe.smallestWorkable.map {
          " The smallest capital that admits an instrument is \(NumberFormat.money($0.capital.rounded(.up))) "
            + "\(selection.universe.baseCurrency) (\($0.code))."
        } ?? ""
        printError("error: nothing is selected with \(NumberFormat.money(capital)) \(selection.universe.baseCurrency), so "
          + "there is nothing to trade.\(smallest)\n  Give a larger --capital.")
        throw ExitCode(1)
      } catch .noForecast(let warmup) {
        printError("error: no selected instrument has \(warmup) prices, the forecast's warm-up.\n  Give a smaller "
          + "--warmup, or use data with longer histories.")
        throw ExitCode(1)
      }
      observer?.stageFinished(.trading)
      if let navOut {
        try writeOutput(navOut, backtest.account.navCSV(days: backtest.schedule.calendar.days), what: "NAV series")
      }
      if let positionsOut { try writeOutput(positionsOut, backtest.positionsCSV, what: "positions") }
      switch dataOptions.format {
      case .table: print(backtest.table(style: .automatic))
      case .json: print(backtest.json.rendered())
      case .csv: print(backtest.csv)
      case .pysystemtrade: break  // refused in validate()
      }
    }
  }
}
