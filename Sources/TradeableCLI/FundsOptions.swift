import ArgumentParser
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

  @Option(name: .long, help: ArgumentHelp("NAVs a series needs (history check).", valueName: "n"))
  var minObservations: Int = 40

  @Option(
    name: .long,
    help: ArgumentHelp("Periods a year for every series instead of the detected frequency's.", valueName: "p"))
  var periodsPerYear: Double?

  @Option(name: .long, help: "Output format.")
  var format: OutputFormat = .table

  func validate() throws {
    guard minObservations >= 2 else { throw ValidationError("--min-observations must be at least 2.") }
    if let periodsPerYear, !(periodsPerYear > 0 && periodsPerYear.isFinite) {
      throw ValidationError("--periods-per-year must be positive.")
    }
  }

  /// The NAV input: the argument, else the bundled factor ETFs.
  var navsPath: String { navs ?? BundledFunds.navs }
  /// The products file: `--products`, else the bundled one when the NAVs are the bundled ones.
  var productsPath: String? { products ?? (navs == nil ? BundledFunds.products : nil) }

  /// Loads and cleans the input.
  func load() throws -> (universe: FundUniverse, entries: [FundEntry]) {
    let universe = try FundUniverse.load(navs: navsPath, products: productsPath)
    let entries = try universe.cleaned(
      FundCleaningRules(
        minimumObservations: minObservations, mergeManagers: mergeManagers, periodsPerYear: periodsPerYear))
    return (universe, entries)
  }
}

/// The rank-score conventions (DESIGN.md §8), for `funds score` and `funds backtest`.
struct RankScoreOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Calendar months of the trailing window.", valueName: "n"))
  var windowMonths: Int = 36

  @Option(name: .long, help: ArgumentHelp("Fraction of the ranked products kept (rounded up).", valueName: "f"))
  var keepFraction: Double = 0.2

  @Option(name: .long, help: ArgumentHelp("Keep at least this many.", valueName: "n"))
  var minKept: Int = 2

  @Option(name: .long, help: ArgumentHelp("Annual risk-free rate for the Sharpe ratio, a fraction.", valueName: "r"))
  var riskFree: Double = 0

  func validate() throws {
    guard windowMonths >= 1 else { throw ValidationError("--window-months must be at least 1.") }
    guard keepFraction > 0, keepFraction <= 1 else { throw ValidationError("--keep-fraction must be in (0, 1].") }
    guard minKept >= 1 else { throw ValidationError("--min-kept must be at least 1.") }
    guard riskFree.isFinite else { throw ValidationError("--risk-free must be a number.") }
  }

  var settings: RankScoreSettings {
    RankScoreSettings(windowMonths: windowMonths, keepFraction: keepFraction, minimumKept: minKept, riskFree: riskFree)
  }
}

/// Prints `text`, the output of a command.
func emit(_ text: String) { print(text) }
