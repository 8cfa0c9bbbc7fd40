import ArgumentParser
import FundResearch
import Tradeable

/// `tradeable funds backtest`: the rank-score portfolio rebalanced every six months against the equal-weight average.
struct FundsBacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Hold the top-scored products, rebalanced every six months, against the equal-weight average of all.",
    discussion: """
      Each rebalance is decided with the data of its date only: the NAVs are cut there, cleaned and scored as \
      `funds score --date` would; the top products are held in equal amounts until the next rebalance. The benchmark holds every product still reporting in equal \
      amounts, rebalanced on the same dates. With --open-dates (code,date rows) a product trades only on its open \
      dates: orders wait for the next one, sales go to cash, purchases are paid from cash.
      """)

  @OptionGroup(title: "Input") var input: FundsInputOptions
  @OptionGroup(title: "Scoring") var scoring: RankScoreOptions

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Calendar months between rebalances (default: \(RankBacktestSettings().rebalanceMonths); \(valid(RankBacktestSettings.rebalanceMonthsRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var rebalanceMonths: Int?

  @Option(
    name: .long,
    help: ArgumentHelp("First rebalance (default: when two products first have a full window).", valueName: "date"))
  var start: CalendarDay?

  @Option(
    name: .long, help: ArgumentHelp("File of code,date rows: the dates each listed product is open.", valueName: "file")
  )
  var openDates: String?

  /// The library's defaults with every option given applied.
  var settings: RankBacktestSettings {
    var settings = RankBacktestSettings(start: start, scoring: scoring.settings)
    if let rebalanceMonths { settings.rebalanceMonths = rebalanceMonths }
    return settings
  }

  func validate() throws {
    try OptionCheck.settings(settings.violations, names: [("--rebalance-months", "rebalanceMonths")])
  }

  func run() throws {
    try reportingErrors {
      let (universe, entries) = try input.load()
      var open: [String: Set<CalendarDay>] = [:]
      if let openDates {
        open = try OpenDates.load(CSVTable(contentsOf: openDates), codes: Set(entries.map(\.code)))
      }
      let settings = self.settings
      guard
        let backtest = try RankBacktest(universe: universe, cleaning: input.rules, openDates: open, settings: settings)
      else {
        printError(
          InputError(
            file: universe.source,
            message: "nothing to backtest: no date on which two products are ranked (a full "
              + "\(settings.scoring.windowMonths)-month window, the screens passed as of that date), or no NAV after "
              + "--start",
            suggestion: "Give longer NAV series, a shorter --window-months, or an earlier --start."
          ).description)
        throw ExitCode(1)
      }
      switch input.format {
      case .table:
        emit(
          backtest.table(settings: settings, entries: entries, riskFree: settings.scoring.riskFree, style: .automatic))
      case .json: emit(backtest.json(settings: settings, riskFree: settings.scoring.riskFree).rendered())
      case .csv: emit(backtest.csv)
      }
    }
  }
}
