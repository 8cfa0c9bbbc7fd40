import ArgumentParser
import Tradeable

/// A comma-separated list of capitals, e.g. `25000,50000,1e6`.
struct CapitalList: ExpressibleByArgument {
  var values: [Double]

  init?(argument: String) {
    // Spaces and underscores may group digits (25_000); commas separate the capitals.
    let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map {
      String($0.filter { $0 != " " && $0 != "_" })
    }
    var values: [Double] = []
    for part in parts {
      guard let value = Double(part), value > 0, value.isFinite else { return nil }
      values.append(value)
    }
    guard !values.isEmpty else { return nil }
    self.values = values
  }

  static var defaultCompletionKind: CompletionKind { .default }
}

/// The log-spaced capital range shared by `sweep` and `report`.
struct SweepRangeOptions: ParsableArguments {
  @Option(name: .customLong("from"), help: ArgumentHelp("Smallest capital of a log-spaced range.", valueName: "amount"))
  var from: Double?

  @Option(name: .customLong("to"), help: ArgumentHelp("Largest capital of a log-spaced range.", valueName: "amount"))
  var to: Double?

  @Option(name: .long, help: ArgumentHelp("Capitals in the log-spaced range, both ends included.", valueName: "n"))
  var steps: Int = 25

  /// Whether any of the range options was given.
  var isGiven: Bool { from != nil || to != nil }

  func validate() throws {
    guard steps >= 2 else { throw ValidationError("--steps must be at least 2.") }
    guard steps <= 10_000 else { throw ValidationError("--steps must be at most 10,000.") }
    if isGiven {
      guard let from, let to else { throw ValidationError("Give both --from and --to.") }
      guard from > 0, from.isFinite, to.isFinite, to > from else {
        throw ValidationError("The range needs 0 < --from < --to.")
      }
    }
  }

  /// The capitals of the range, or of `defaultFrom…defaultTo` when no range was given.
  func capitals(defaultFrom: Double = 10_000, defaultTo: Double = 50_000_000) -> [Double] {
    CapitalSweep.logSpaced(from: from ?? defaultFrom, to: to ?? defaultTo, steps: steps)
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

  @Option(name: .long, help: ArgumentHelp("Capitals, comma-separated, base currency.", valueName: "list"))
  var capital: CapitalList?

  @OptionGroup(title: "Log-spaced range") var range: SweepRangeOptions
  @OptionGroup(title: "Data") var dataOptions: DataOptions
  @OptionGroup(title: "Method") var method: MethodOptions
  @OptionGroup(title: "Conventions (DESIGN.md §3–§6)") var conventions: ConventionOptions
  @OptionGroup(title: "Search") var searchOptions: SearchOptions
  @OptionGroup(title: "Run") var runOptions: RunOptions

  func validate() throws {
    guard (capital != nil) != range.isGiven else {
      throw ValidationError("Give either --capital LIST or --from and --to (with --steps).")
    }
    if let values = capital?.values, Set(values).count != values.count {
      throw ValidationError("--capital lists a capital twice.")
    }
  }

  func run() throws {
    try reportingErrors {
      let (analysis, _, _) = try analyse()
      let sweep = try CapitalSweep(analysis: analysis, capitals: capital?.values ?? range.capitals())
      switch dataOptions.format {
      case .table: print(sweep.table(style: .automatic, width: terminalColumns()))
      case .json: print(sweep.json.rendered())
      case .csv: print(sweep.csv)
      }
    }
  }
}
