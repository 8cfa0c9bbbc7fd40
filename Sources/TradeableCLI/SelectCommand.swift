import ArgumentParser
import Tradeable

/// `tradeable select --capital K`: the greedy selection at one capital.
struct SelectCommand: AnalysisCommand {
  static let configuration = CommandConfiguration(
    commandName: "select",
    abstract: "Choose the instruments to trade with a given capital.",
    discussion: """
      Prints the selection step by step (instrument added, Sharpe ratio, diversification multiplier, capital the set \
      needs), the chosen set with its weights, and every exclusion with its reason. --format json follows DESIGN.md \
      §7: every input instrument appears, in input order.
      """)

  @OptionGroup(title: "Required") var required: CapitalOption
  var capital: Double { required.capital }

  @OptionGroup(title: "Data") var dataOptions: DataOptions
  @OptionGroup(title: "Method") var method: MethodOptions
  @OptionGroup(title: "Conventions (DESIGN.md §3–§6)") var conventions: ConventionOptions
  @OptionGroup(title: "Run") var runOptions: RunOptions

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
