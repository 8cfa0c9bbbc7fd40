import ArgumentParser
import Tradeable

/// `tradeable select --capital K`: the selection at one capital (greedy path, then `--search`).
struct SelectCommand: AnalysisCommand {
  static let configuration = CommandConfiguration(
    commandName: "select",
    abstract: "Choose the instruments to trade with a given capital.",
    discussion: """
      Prints the greedy path step by step (instrument added, Sharpe ratio, diversification multiplier, capital the \
      set needs), then — with --search refined (default) or exact — each refinement move and why it stopped, which \
      start won and whether the exact search proved the optimum, the chosen set with its weights and positions, and \
      every exclusion with its reason. --format json follows DESIGN.md §7: every input instrument appears, in input \
      order. --format pysystemtrade writes the chosen set as a pysystemtrade config fragment (docs/pysystemtrade.md).
      """)

  @OptionGroup(title: "Required") var required: CapitalOption
  var capital: Double { required.capital }

  @Option(
    name: .long, defaultAsFlag: CorrelationMatrices.Scope.chosen,
    help: ArgumentHelp(
      "Add correlation matrices to the JSON: the chosen set's (alone or 'chosen') or the pool's ('pool').",
      discussion: "Each raw (pairwise over common weeks; null where undefined), after the floor, and after the "
        + "positive-definite repair (null when none is made). 'pool' is refused for pools over "
        + "--matrix-free-threshold.", valueName: "set"))
  var includeCorrelation: CorrelationMatrices.Scope? = nil

  @OptionGroup(title: "Data") var dataOptions: DataOptions
  @OptionGroup(title: "Method") var method: MethodOptions
  @OptionGroup(title: "Conventions (DESIGN.md §3–§6)") var conventions: ConventionOptions
  @OptionGroup(title: "Search") var searchOptions: SearchOptions
  @OptionGroup(title: "Run") var runOptions: RunOptions

  func validate() throws {
    if includeCorrelation != nil, dataOptions.format != .json {
      throw ValidationError("--include-correlation adds matrices to the JSON output: give --format json as well.")
    }
  }

  func run() throws {
    try reportingErrors {
      let (analysis, observer, _) = try analyse()
      let result = try analysis.select(capital: capital, observer: observer)
      switch dataOptions.format {
      case .table: print(result.table(style: .automatic))
      case .json:
        var json = result.json
        if let scope = includeCorrelation {
          let limit = analysis.settings.correlation.matrixFreeThreshold
          if scope == .pool, analysis.pool.count > limit {
            printError(
              "error: --include-correlation pool: the pool holds \(NumberFormat.count(analysis.pool.count, "instrument")), "
                + "over the matrix-free threshold of \(NumberFormat.integer(limit)); three \(analysis.pool.count)×"
                + "\(analysis.pool.count) matrices would not fit in memory or in a JSON file one can read.\n"
                + "  Give --include-correlation for the chosen set, or raise --matrix-free-threshold to include the pool's.")
            throw ExitCode(1)
          }
          json = json.adding("correlationMatrices", try analysis.correlationMatrices(scope, of: result).json)
        }
        print(json.rendered())
      case .csv: print(result.csv)
      case .pysystemtrade:
        guard !result.portfolio.isEmpty else {
          let smallest =
            analysis.smallestWorkable.map {
              " The smallest capital that admits an instrument is \(NumberFormat.capitalNeeded($0.capital)) "
                + "\(analysis.universe.fx.baseCurrency) (\($0.code))."
            } ?? ""
          printError(
            "error: nothing can be selected with \(NumberFormat.money(capital)) \(analysis.universe.fx.baseCurrency), "
              + "so there is no pysystemtrade config to write.\(smallest)")
          throw ExitCode(1)
        }
        print(result.pysystemtradeConfig(writtenOn: RunDate.today(), command: RunDate.commandLine()), terminator: "")
      }
    }
  }
}
