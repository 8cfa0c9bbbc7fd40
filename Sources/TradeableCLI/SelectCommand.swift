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
      start won and whether the exact search proved the optimum, the chosen set with its weights, and every \
      exclusion with its reason. --format json follows DESIGN.md §7: every input instrument appears, in input order.
      """)

  @Option(name: .long, help: ArgumentHelp("Capital to deploy, in the base currency.", valueName: "amount"))
  var capital: Double

  @OptionGroup(title: "Data") var dataOptions: DataOptions
  @OptionGroup(title: "Method") var method: MethodOptions
  @OptionGroup(title: "Conventions (DESIGN.md §3–§6)") var conventions: ConventionOptions
  @OptionGroup(title: "Search") var searchOptions: SearchOptions
  @OptionGroup(title: "Run") var runOptions: RunOptions

  func validate() throws {
    guard capital > 0, capital.isFinite else { throw ValidationError("--capital must be a positive amount.") }
  }

  func run() throws {
    try reportingErrors {
      let (analysis, observer, _) = try analyse()
      let result = try analysis.select(capital: capital, observer: observer)
      switch dataOptions.format {
      case .table: print(result.table(style: .automatic))
      case .json: print(result.json.rendered())
      case .csv: print(result.csv)
      }
    }
  }
}
