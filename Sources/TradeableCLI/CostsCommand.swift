import ArgumentParser
import Tradeable

extension CostReport.SortKey: ExpressibleByArgument {}

/// `tradeable costs`: what every instrument costs to trade and what capital it needs alone.
struct CostsCommand: AnalysisCommand {
  static let configuration = CommandConfiguration(
    commandName: "costs",
    abstract: "Show each instrument's trading costs, trades per year and standalone minimum capital.",
    discussion: """
      One row per instrument: notional, annual volatility, cost per trade (base currency and SR units), trades per \
      year from rolls and from volatility-targeting rebalances, annual SR cost, the capital it needs on its own, \
      and its status with reasons. Give --capital to apply the capital filter and mark the selected instruments.
      """)

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Capital, base currency; applies the capital filter.", valueName: "amount"),
    transform: ArgumentValue.money)
  var capital: Double?

  @Option(name: .long, help: "Row order.")
  var sort: CostReport.SortKey = .input

  @Flag(name: .long, help: "Sort in descending order.")
  var descending = false

  @OptionGroup(title: "Data") var dataOptions: DataOptions
  @OptionGroup(title: "Method") var method: MethodOptions
  @OptionGroup(title: "Conventions (DESIGN.md §3–§6)") var conventions: ConventionOptions
  @OptionGroup(title: "Search") var searchOptions: SearchOptions
  @OptionGroup(title: "Run") var runOptions: RunOptions

  func validate() throws {
    try dataOptions.refusePysystemtradeFormat("costs")
    try OptionCheck.value("--capital", capital, .positiveMoney)
  }

  func run() throws {
    try reportingErrors {
      let (analysis, observer, _) = try analyse()
      let selection = try capital.map { try analysis.select(capital: $0, observer: observer) }
      let report = CostReport(analysis: analysis, selection: selection, sort: sort, descending: descending)
      switch dataOptions.format {
      case .table: print(report.table(style: .automatic))
      case .json: print(report.json.rendered())
      case .csv: print(report.csv)
      case .pysystemtrade: break  // refused in validate()
      }
    }
  }
}
