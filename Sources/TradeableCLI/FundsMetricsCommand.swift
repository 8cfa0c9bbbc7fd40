import ArgumentParser
import FundResearch
import Tradeable

/// `tradeable funds metrics`: DESIGN.md §8's metrics over each window.
struct FundsMetricsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "metrics",
    abstract:
      "Return, volatility, downside deviation, drawdown, Sharpe, Sortino, Calmar over 3m, 6m, 1y, 3y, inception.",
    discussion: """
      Annualised at each series' reporting frequency (252 daily, 52 weekly, 26 biweekly, 12 monthly). A window \
      holds the NAVs after its start (the last date − the window, the last day of that month when the last date \
      is a month end) plus the last NAV on or before that start; it is empty (—, null) when the series starts \
      after the window's start. With --date every series is cut at that date first.
      """)

  @OptionGroup(title: "Input") var input: FundsInputOptions

  @Option(name: .long, parsing: .upToNextOption, help: "Windows to report (default: all).")
  var window: [MetricWindow] = []

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Annual risk-free rate for the Sharpe ratio, a fraction or a percentage (default: 0).", valueName: "r"),
    transform: ArgumentValue.fraction)
  var riskFree: Double = 0

  func validate() throws { try OptionCheck.value("--risk-free", riskFree, RankScoreSettings.riskFreeRange) }

  func run() throws {
    try reportingErrors {
      let (universe, entries) = try input.load()
      let windows = window.isEmpty ? MetricWindow.allCases : MetricWindow.allCases.filter { window.contains($0) }
      let report = FundMetricsReport(
        entries: entries, windows: windows, riskFree: riskFree, date: input.date, source: universe.source,
        productsFile: universe.productsFile)
      switch input.format {
      case .table: emit(report.table(style: .automatic))
      case .json: emit(report.json(universe: universe).rendered())
      case .csv: emit(report.csv)
      }
    }
  }
}
