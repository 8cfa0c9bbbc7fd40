import ArgumentParser
import Tradeable

/// `--html FILE`, required by `report`.
struct HTMLFileOption: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The HTML file to write ('-' for standard output).", valueName: "file"))
  var html: String
}

/// `tradeable report --capital K --html FILE`: one self-contained HTML page with charts and tables.
struct ReportCommand: AnalysisCommand {
  /// The reserve replays the chosen set's daily differences: whole histories.
  static var needsHistories: Bool { true }

  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract:
      "Write a self-contained HTML report with charts: greedy path, capital sweep, costs, correlation, reserve.",
    discussion: """
      One file, inline CSS and SVG, no scripts and nothing fetched from the network. It holds the greedy path (Sharpe \
      ratio and IDM per step), the Sharpe ratio and number of instruments against capital (log axis; --no-sweep \
      leaves this out), every instrument's SR cost against its standalone capital by asset class with the cost \
      threshold and the capital drawn, the correlation heatmap of the chosen set, the capital reserve with the loss \
      distribution, and the tables.
      """)

  @OptionGroup(title: "Required") var required: CapitalOption
  var capital: Double { required.capital }

  @OptionGroup(title: "Required") var output: HTMLFileOption
  var html: String { output.html }

  @Flag(
    inversion: .prefixedNo,
    help: "Include the capital sweep (selections over --from…--to, default 10,000 to 50,000,000 in 25 steps).")
  var sweep = true

  @Flag(help: "Add the walk-forward section: the selection re-run at each year end and traded, beside its baselines.")
  var walkforward = false

  @OptionGroup(title: "Walk-forward (with --walkforward)") var walkForwardOptions: ReportWalkForwardOptions
  @OptionGroup(title: "Capital sweep") var range: SweepRangeOptions
  @OptionGroup(title: "Reserve") var reserveOptions: ReserveOptions
  @OptionGroup(title: "Data") var dataOptions: DataOptions
  @OptionGroup(title: "Method") var method: MethodOptions
  @OptionGroup(title: "Conventions (DESIGN.md §3–§6)") var conventions: ConventionOptions
  @OptionGroup(title: "Search") var searchOptions: SearchOptions
  @OptionGroup(title: "Run") var runOptions: RunOptions

  func validate() throws {
    if !sweep, range.isGiven {
      throw ValidationError("--no-sweep leaves the capital sweep out, so --from, --to and --steps do not apply.")
    }
    guard dataOptions.format == .table else {
      throw ValidationError("report writes HTML; --format does not apply (use select, sweep or reserve for JSON/CSV).")
    }
    guard !html.isEmpty else { throw ValidationError("--html needs a file name.") }
  }

  func run() throws {
    try reportingErrors {
      let (analysis, observer, imported) = try analyse()
      let selection = try analysis.select(capital: capital, observer: observer)
      var capitals = range.capitals()
      if !capitals.contains(capital) { capitals.append(capital) }
      let sweepResult = sweep ? try CapitalSweep(analysis: analysis, capitals: capitals) : nil
      let reserve = CapitalReserve(
        selection: selection, universe: analysis.universe, quantile: reserveOptions.quantile, window: reserveOptions.reserveWindow)
      let walkForward = walkforward ? try walkForwardOptions.run(analysis, capital: capital, method: method, observer: observer) : nil
      let page = HTMLReport(
        selection: selection, sweep: sweepResult, reserve: reserve, imported: imported, walkForward: walkForward
      ).rendered()
      if html == "-" {
        print(page, terminator: "")
        return
      }
      if let problem = writeFile(html, page) {
        printError(
          InputError(
            file: html, message: "cannot write the report (\(problem))",
            suggestion: "Check that the folder exists and is writable."
          ).description)
        throw ExitCode(1)
      }
      printError(
        "Wrote \(InputError.printable(html)) (\(NumberFormat.integer((page.utf8.count + 1023) / 1024)) KB): "
          + "\(NumberFormat.count(selection.portfolio.members.count, "instrument")) selected with \(NumberFormat.money(capital)) \(analysis.universe.fx.baseCurrency).")
    }
  }
}
