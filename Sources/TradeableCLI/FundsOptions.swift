import ArgumentParser
import FundResearch
import Tradeable

extension CalendarDay: ExpressibleByArgument {
  public init?(argument: String) { self.init(iso: argument) }
}

extension MetricWindow: ExpressibleByArgument {}

/// Where the bundled fund data lives (`data/funds`).
enum BundledFunds {
  static var folder: String { BundledData.locate("data/funds") }
  static var navs: String { folder + "/factor_etfs.csv" }
  static var products: String { folder + "/products.csv" }
  static var index: String { folder + "/sp500_index.csv" }
}

/// NAV input, products and cleaning: shared by every `funds` subcommand.
struct FundsInputOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "NAV file (long date,code,nav or wide date,A,B,…) or folder of CODE.csv files (date,nav).",
      discussion: "Default: the bundled factor ETFs, data/funds/factor_etfs.csv, with data/funds/products.csv.",
      valueName: "navs"))
  var navs: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Products file: code,name,manager,strategy,currency,min_subscription,management_fee,performance_fee,hurdle,"
        + "subscription_fee,redemption_fee,custody_fee.", valueName: "file"))
  var products: String?

  @Flag(name: .long, help: "Merge each manager's kept products into one equal-weight manager series.")
  var mergeManagers = false

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "NAVs a series needs, history check (default: \(FundCleaningRules().history.minimumPrices); "
        + "\(valid(FundCleaningRules.minimumObservationsRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var minObservations: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Periods a year for every series instead of the detected frequency's.", valueName: "p"),
    transform: ArgumentValue.number)
  var periodsPerYear: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Use only NAVs on or before this date: every screen, window, count and date as of it (YYYY-MM-DD).",
      valueName: "date"))
  var date: CalendarDay?

  @Option(name: .long, help: "Output format.")
  var format: OutputFormat = .table

  /// The cleaning rules: the library's defaults with every option given applied.
  var rules: FundCleaningRules {
    var rules = FundCleaningRules()
    apply(to: &rules)
    return rules
  }

  func validate() throws {
    try OptionCheck.settings(
      rules.violations,
      names: [("--min-observations", "history.minimumPrices"), ("--periods-per-year", "periodsPerYear")])
  }

  /// The NAV input: the argument, else the bundled factor ETFs.
  var navsPath: String { navs ?? BundledFunds.navs }
  /// The products file: `--products`, else the bundled one when the NAVs are the bundled ones.
  var productsPath: String? { products ?? (navs == nil ? BundledFunds.products : nil) }

  /// `rules` with every cleaning option given applied.
  func apply(to rules: inout FundCleaningRules) {
    if let minObservations { rules.history.minimumPrices = minObservations }
    if mergeManagers { rules.mergeManagers = true }
    if let periodsPerYear { rules.periodsPerYear = periodsPerYear }
  }

  /// Loads the input, cut at `--date` when given (DESIGN.md §8: every series as of that date).
  func loadUniverse() throws -> FundUniverse {
    let universe = try FundUniverse.load(navs: navsPath, products: productsPath)
    return date.map { universe.asOf($0) } ?? universe
  }

  /// Loads and cleans the input (the library's cleaning rules with the options given).
  func load() throws -> (universe: FundUniverse, entries: [FundEntry]) {
    let universe = try loadUniverse()
    return (universe, try universe.cleaned(rules))
  }
}

/// The rank-score conventions (DESIGN.md §8), for `funds score` and `funds backtest`. Left out, a setting keeps the
/// library's default (`RankScoreSettings()`), which the help text shows.
struct RankScoreOptions: ParsableArguments {
  static let defaults = RankScoreSettings()

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Calendar months of the trailing window (default: \(defaults.windowMonths); \(valid(RankScoreSettings.windowMonthsRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var windowMonths: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Fraction of the ranked products kept, rounded up (default: \(shown(defaults.keepFraction)); \(valid(RankScoreSettings.keepFractionRange))).", valueName: "f"),
    transform: ArgumentValue.fraction)
  var keepFraction: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Keep at least this many (default: \(defaults.minimumKept); \(valid(RankScoreSettings.minimumKeptRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var minKept: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Annual risk-free rate for the Sharpe ratio, a fraction or a percentage (default: "
        + "\(shown(defaults.riskFree)); \(valid(RankScoreSettings.riskFreeRange))).", valueName: "r"),
    transform: ArgumentValue.fraction)
  var riskFree: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Not ranked when the latest NAV is older than this many of its frequency's longest gaps (4, 10, 17, 35 days) "
        + "(default: \(shown(defaults.staleGaps)); \(valid(RankScoreSettings.staleGapsRange))).", valueName: "n"),
    transform: ArgumentValue.number)
  var staleGaps: Double?

  /// The settings key each option sets.
  static let optionKeys: [(option: String, key: String)] = [
    ("--window-months", "windowMonths"), ("--keep-fraction", "keepFraction"), ("--min-kept", "minimumKept"),
    ("--risk-free", "riskFree"), ("--stale-gaps", "staleGaps"),
  ]

  func validate() throws { try OptionCheck.settings(settings.violations, names: Self.optionKeys) }

  /// The library's defaults with every option given applied.
  var settings: RankScoreSettings {
    var settings = Self.defaults
    if let windowMonths { settings.windowMonths = windowMonths }
    if let keepFraction { settings.keepFraction = keepFraction }
    if let minKept { settings.minimumKept = minKept }
    if let riskFree { settings.riskFree = riskFree }
    if let staleGaps { settings.staleGaps = staleGaps }
    return settings
  }
}

/// Prints `text`, the output of a command.
func emit(_ text: String) { print(text) }

/// Writes an HTML page to `path` (`-`: standard output), saying on standard error what was written; an error names
/// the file and exits 1.
func writeHTML(_ path: String, _ page: String, what: String) throws {
  if path == "-" {
    print(page, terminator: "")
    return
  }
  if let problem = writeFile(path, page) {
    printError(
      InputError(
        file: path, message: "cannot write \(what) (\(problem))", suggestion: "Check that the folder exists and is writable."
      ).description)
    throw ExitCode(1)
  }
  printError("Wrote \(InputError.printable(path)) (\(NumberFormat.integer((page.utf8.count + 1023) / 1024)) KB): \(what).")
}
