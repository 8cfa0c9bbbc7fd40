import ArgumentParser
import Tradeable

/// A comma-separated list of capitals, e.g. `25000,50000,1e6` or `25k,50k,1M`: each an amount as `ArgumentValue.money`
/// reads it, except that commas separate the capitals (so they cannot group digits here; underscores can).
enum CapitalList {
  static func parse(_ text: String) throws -> [Double] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    if parts.count > 1, parts.dropFirst().contains(where: { $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }) {
      throw ArgumentValueError(
        "commas separate the capitals of a list, so '\(text)' cannot group digits with them: write 1000000, "
          + "1_000_000 or 1M.")
    }
    return try parts.map { part in
      guard !part.trimmingSpaces().isEmpty else {
        throw ArgumentValueError("'\(text)' has an empty entry: write capitals separated by commas, e.g. 25k,50k,1M.")
      }
      return try ArgumentValue.money(part)
    }
  }
}

/// The log-spaced capital range shared by `sweep` and `report`.
struct SweepRangeOptions: ParsableArguments {
  @Option(
    name: .customLong("from"), parsing: .unconditional,
    help: ArgumentHelp("Smallest capital of a log-spaced range.", valueName: "amount"), transform: ArgumentValue.money)
  var from: Double?

  @Option(
    name: .customLong("to"), parsing: .unconditional,
    help: ArgumentHelp("Largest capital of a log-spaced range.", valueName: "amount"), transform: ArgumentValue.money)
  var to: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Capitals in the log-spaced range, both ends included (default: \(Self.defaultSteps); \(valid(CapitalSweep.stepsRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var steps: Int?

  /// Capitals of a range by default (25).
  static let defaultSteps = 25

  /// Whether any of the range options was given.
  var isGiven: Bool { from != nil || to != nil || steps != nil }

  func validate() throws {
    try OptionCheck.value("--steps", steps, CapitalSweep.stepsRange)
    try OptionCheck.value("--from", from, .positiveMoney)
    try OptionCheck.value("--to", to, .positiveMoney)
    if from != nil || to != nil {
      guard let from, let to else { throw ValidationError("Give both --from and --to.") }
      guard to > from else {
        throw ValidationError(
          "--to \(NumberFormat.decimal(to)) is not above --from \(NumberFormat.decimal(from)): the range needs "
            + "--from < --to.")
      }
    }
  }

  /// The capitals of the range, or of `defaultFrom…defaultTo` when no range was given.
  func capitals(defaultFrom: Double = 10_000, defaultTo: Double = 50_000_000) -> [Double] {
    CapitalSweep.logSpaced(from: from ?? defaultFrom, to: to ?? defaultTo, steps: steps ?? Self.defaultSteps)
  }
}

/// `tradeable sweep`: the selection at many capitals.
struct SweepCommand: AnalysisCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Show the selection at many capitals: instruments, Sharpe ratio, IDM, capital needed and the set.",
    discussion: """
      Give a list (--capital 25000,50000,100000) or a log-spaced range (--from 10000 --to 50000000 --steps 25; the \
      points between the ends are rounded to three significant digits). Each row is what `tradeable select \
      --capital K` chooses; with --search refined (default) or exact it also refines the set of the previous, \
      smaller capital and keeps the better, so the Sharpe ratio never falls as capital grows (a row whose carried \
      set won says so). The risk and cost stages are computed once for all capitals.
      """)

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Capitals, comma-separated, base currency (25000,50000,1e6 or 25k,50k,1M).", valueName: "list"),
    transform: CapitalList.parse)
  var capital: [Double]?

  @OptionGroup(title: "Log-spaced range") var range: SweepRangeOptions
  @OptionGroup(title: "Data") var dataOptions: DataOptions
  @OptionGroup(title: "Method") var method: MethodOptions
  @OptionGroup(title: "Conventions (DESIGN.md §3–§6)") var conventions: ConventionOptions
  @OptionGroup(title: "Search") var searchOptions: SearchOptions
  @OptionGroup(title: "Run") var runOptions: RunOptions

  func validate() throws {
    try dataOptions.refusePysystemtradeFormat("sweep")
    guard (capital != nil) != range.isGiven else {
      throw ValidationError(
        range.isGiven
          ? "--capital LIST and a range (--from, --to, --steps) exclude each other: give one of them."
          : "Give either --capital LIST or --from and --to (with --steps).")
    }
    if capital == nil, range.from == nil || range.to == nil { throw ValidationError("Give both --from and --to.") }
    for value in capital ?? [] { try OptionCheck.value("--capital", value, .positiveMoney) }
    if let values = capital, let twice = values.first(where: { v in values.filter { $0 == v }.count > 1 }) {
      throw ValidationError("--capital lists \(NumberFormat.decimal(twice)) twice: give each capital once.")
    }
  }

  func run() throws {
    try reportingErrors {
      let (analysis, _, _) = try analyse()
      let sweep = try CapitalSweep(analysis: analysis, capitals: capital ?? range.capitals())
      switch dataOptions.format {
      case .table: print(sweep.table(style: .automatic))
      case .json: print(sweep.json.rendered())
      case .csv: print(sweep.csv)
      case .pysystemtrade: break  // refused in validate()
      }
    }
  }
}
