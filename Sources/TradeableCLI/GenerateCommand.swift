import ArgumentParser
import Tradeable

/// `tradeable generate`: a synthetic universe in the bundled data format, for benchmarks and tests.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a synthetic futures universe (made-up data) in Tradeable's data format.",
    discussion: """
      Asset-class factor structure, realistic volatilities, contract sizes, ticks, costs and roll counts, ragged \
      start dates, holidays and missing days, some negative back-adjusted prices and a volume column. The same \
      options and seed always give the same files.
      """)

  @Option(name: .long, help: ArgumentHelp("Number of instruments.", valueName: "n"))
  var instruments: Int

  @Option(name: .long, help: ArgumentHelp("Years of business days.", valueName: "y"))
  var years: Double = 5

  @Option(name: .long, help: ArgumentHelp("Random seed.", valueName: "s"))
  var seed: UInt64 = 1

  @Option(name: .long, help: ArgumentHelp("Last business day, YYYY-MM-DD.", valueName: "date"))
  var end: String = "2024-12-31"

  @Option(name: .long, help: ArgumentHelp("Folder to write (created if missing).", valueName: "dir"))
  var out: String

  @Flag(name: .long, help: "A complete panel: no ragged starts, stale instruments, holidays or missing days.")
  var noGaps = false

  @Flag(name: .long, help: "Leave out the volume column.")
  var noVolume = false

  func validate() throws {
    guard instruments > 0 else { throw ValidationError("--instruments must be at least 1.") }
    guard years > 0, years <= 100 else { throw ValidationError("--years must be in (0, 100].") }
    guard CalendarDay(iso: end) != nil else { throw ValidationError("--end must be a date YYYY-MM-DD.") }
  }

  func run() throws {
    try reportingErrors {
      let generator = UniverseGenerator(
        instruments: instruments, years: years, seed: seed, endDate: CalendarDay(iso: end)!, gaps: !noGaps,
        volume: !noVolume)
      let summary = try generator.write(to: out)
      let classes = summary.perClass.filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
      print(
        "Wrote \(instruments) synthetic instruments to \(out): \(NumberFormat.money(Double(summary.rows))) price rows "
          + "over \(summary.days) business days; \(summary.negativePriceInstruments) with negative back-adjusted "
          + "prices.\n  \(classes)")
    }
  }
}
