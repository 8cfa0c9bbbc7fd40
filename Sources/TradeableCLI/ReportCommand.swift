import ArgumentParser
import Tradeable

/// `tradeable report --capital K --html FILE`: one self-contained HTML page with charts and tables.
struct ReportCommand: AnalysisCommand {
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

  @Option(name: .long, help: ArgumentHelp("Capital to deploy, in the base currency.", valueName: "amount"))
  var capital: Double

  @Option(name: .long, help: ArgumentHelp("The HTML file to write ('-' for standard output).", valueName: "file"))
  var html: String

  @Flag(
    inversion: .prefixedNo,
    help: "Include the capital sweep (selections over --from…--to, default 10,000 to 50,000,000 in 25 steps).")
  var sweep = true

  @OptionGroup(title: "Capital sweep") var range: SweepRangeOptions
  @OptionGroup(title: "Reserve") var reserveOptions: ReserveOptions
  @OptionGroup(title: "Data") var dataOptions: DataOptions
  @OptionGroup(title: "Method") var method: MethodOptions
  @OptionGroup(title: "Conventions (DESIGN.md §3–§6)") var conventions: ConventionOptions
  @OptionGroup(title: "Search") var searchOptions: SearchOptions
  @OptionGroup(title: "Run") var runOptions: RunOptions

  func validate() throws {
    guard capital > 0, capital.isFinite else { throw ValidationError("--capital must be a positive amount.") }
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
      let page = HTMLReport(selection: selection, sweep: sweepResult, reserve: reserve, imported: imported).rendered()
      if html == "-" {
        print(page, terminator: "")
        return
      }
      if let problem = writeFile(html, page) {
        printError(
          "\(html): error: cannot write the report (\(problem))\n  Check that the folder exists and is writable.")
        throw ExitCode(1)
      }
      printError(
        "Wrote \(html) (\(NumberFormat.integer((page.utf8.count + 1023) / 1024)) KB): \(selection.portfolio.members.count) "
          + "instruments selected with \(NumberFormat.money(capital)) \(analysis.universe.fx.baseCurrency).")
    }
  }
}
