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
    name: .long,
    help: ArgumentHelp(
      "NAVs a series needs, history check (default: \(FundCleaningRules().history.minimumPrices)).", valueName: "n"))
  var minObservations: Int?

  @Option(
    name: .long,
    help: ArgumentHelp("Periods a year for every series instead of the detected frequency's.", valueName: "p"))
  var periodsPerYear: Double?

  @Option(name: .long, help: "Output format.")
  var format: OutputFormat = .table

  func validate() throws {
    if let minObservations, minObservations < 2 { throw ValidationError("--min-observations must be at least 2.") }
    if let periodsPerYear, !(periodsPerYear > 0 && periodsPerYear.isFinite) {
      throw ValidationError("--periods-per-year must be positive.")
    }
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

  /// Loads the input.
  func loadUniverse() throws -> FundUniverse { try FundUniverse.load(navs: navsPath, products: productsPath) }

  /// Loads and cleans the input (the library's cleaning rules with the options given).
  func load() throws -> (universe: FundUniverse, entries: [FundEntry]) {
    let universe = try loadUniverse()
    var rules = FundCleaningRules()
    apply(to: &rules)
    return (universe, try universe.cleaned(rules))
  }
}

/// The rank-score conventions (DESIGN.md §8), for `funds score` and `funds backtest`. Left out, a setting keeps the
/// library's default (`RankScoreSettings()`), which the help text shows.
struct RankScoreOptions: ParsableArguments {
  static let defaults = RankScoreSettings()

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Calendar months of the trailing window (default: \(defaults.windowMonths)).", valueName: "n"))
  var windowMonths: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Fraction of the ranked products kept, rounded up (default: \(shown(defaults.keepFraction))).", valueName: "f"))
  var keepFraction: Double?

  @Option(
    name: .long, help: ArgumentHelp("Keep at least this many (default: \(defaults.minimumKept)).", valueName: "n"))
  var minKept: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Annual risk-free rate for the Sharpe ratio, a fraction (default: \(shown(defaults.riskFree))).",
      valueName: "r"))
  var riskFree: Double?

  func validate() throws {
    if let windowMonths, windowMonths < 1 { throw ValidationError("--window-months must be at least 1.") }
    if let keepFraction, !(keepFraction > 0 && keepFraction <= 1) {
      throw ValidationError("--keep-fraction must be in (0, 1].")
    }
    if let minKept, minKept < 1 { throw ValidationError("--min-kept must be at least 1.") }
    if let riskFree, !riskFree.isFinite { throw ValidationError("--risk-free must be a number.") }
  }

  /// The library's defaults with every option given applied.
  var settings: RankScoreSettings {
    var settings = Self.defaults
    if let windowMonths { settings.windowMonths = windowMonths }
    if let keepFraction { settings.keepFraction = keepFraction }
    if let minKept { settings.minimumKept = minKept }
    if let riskFree { settings.riskFree = riskFree }
    return settings
  }
}

/// Prints `text`, the output of a command.
func emit(_ text: String) { print(text) }
