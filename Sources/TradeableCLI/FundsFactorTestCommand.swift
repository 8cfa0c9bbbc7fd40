import ArgumentParser
import FundResearch
import Tradeable

/// `tradeable funds factor-test`: the rank IC of every metric over every window with the next month's return.
struct FundsFactorTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "factor-test",
    abstract: "Rank IC of each metric and window with the next month's return, and quintile spreads.",
    discussion: """
      At each calendar month end m the products that pass the screens as of m (frequency, minimum NAVs) and have a \
      NAV in month m + 1 are ranked by cumulative and annualised return, volatility, downside deviation, maximum \
      drawdown, Sharpe, Sortino and Calmar over 3m, 6m, 1y and 3y windows ending at m, from NAVs on or before m \
      only. IC = Spearman correlation (average ranks for ties) with the next month's return, when at least \
      --min-products products have the metric. Per metric and window: mean IC, its standard deviation, IC IR = \
      mean/sd × √12, t = mean/(sd/√n), the share of months with IC > 0, the months used, and the mean next-month \
      return of each quintile with the top-minus-bottom spread. --html FILE adds a heatmap of the mean IC.
      """)

  @OptionGroup(title: "Input") var input: FundsInputOptions

  static let defaults = FactorTestSettings()

  @Option(name: .long, parsing: .upToNextOption, help: "Windows to test (default: 3m 6m 1y 3y).")
  var window: [MetricWindow] = []

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Products a month needs for an IC, counted after leaving out undefined metrics (default: "
        + "\(defaults.minimumProducts); \(valid(FactorTestSettings.minimumProductsRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var minProducts: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Annual risk-free rate for the Sharpe ratio, a fraction or a percentage (default: "
        + "\(shown(defaults.riskFree)); \(valid(RankScoreSettings.riskFreeRange))).", valueName: "r"),
    transform: ArgumentValue.fraction)
  var riskFree: Double?

  @Option(
    name: .long,
    help: ArgumentHelp("Also write a self-contained HTML page with the heatmap ('-' for standard output).",
      valueName: "file"))
  var html: String?

  @Option(
    name: .long, help: ArgumentHelp("Also write every monthly IC, date,metric,window,ic,products.", valueName: "file"))
  var icCSV: String?

  /// The library's defaults with every option given applied.
  var settings: FactorTestSettings {
    var settings = Self.defaults
    if !window.isEmpty { settings.windows = settings.windows.filter { window.contains($0) } }
    if let minProducts { settings.minimumProducts = minProducts }
    if let riskFree { settings.riskFree = riskFree }
    return settings
  }

  func validate() throws {
    if window.contains(.sinceInception) {
      throw ValidationError("--window inception is not a trailing window: choose among 3m, 6m, 1y and 3y.")
    }
    if input.mergeManagers {
      throw ValidationError("--merge-managers: the factor test ranks products one by one; leave it out.")
    }
    try OptionCheck.settings(
      settings.violations, names: [("--min-products", "minimumProducts"), ("--risk-free", "riskFree")])
    if let html, html.isEmpty { throw ValidationError("--html needs a file name.") }
    if let icCSV, icCSV.isEmpty { throw ValidationError("--ic-csv needs a file name.") }
  }

  func run() throws {
    try reportingErrors {
      let universe = try input.loadUniverse()
      let test = FactorTest(universe: universe, cleaning: input.rules, settings: settings)
      if let icCSV, let problem = writeFile(icCSV, test.monthlyCSV + "\n") {
        printError(
          InputError(
            file: icCSV, message: "cannot write the monthly ICs (\(problem))", suggestion: "Check that the folder exists."
          ).description)
        throw ExitCode(1)
      }
      if let html {
        try writeHTML(html, test.html(source: universe.source, command: "tradeable funds factor-test"),
          what: "the factor test")
        if html == "-" { return }
      }
      switch input.format {
      case .table: emit(test.table(source: universe.source, style: .automatic))
      case .json: emit(test.json(source: universe.source).rendered())
      case .csv: emit(test.csv)
      }
    }
  }
}
