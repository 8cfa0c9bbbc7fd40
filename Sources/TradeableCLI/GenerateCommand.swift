import ArgumentParser
import Tradeable

/// What `generate` must be told: how many instruments, and where.
struct GenerateRequiredOptions: ParsableArguments {
  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Number of instruments (1 to 1,000,000).", valueName: "n"), transform: ArgumentValue.count)
  var instruments: Int

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Folder to write: new, empty, or holding an earlier generated universe (with --force).", valueName: "dir"))
  var out: String
}

/// `tradeable generate`: a synthetic universe in the bundled data format, for benchmarks and tests.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a synthetic futures universe — or, with --funds, a fund universe — of made-up data.",
    discussion: """
      Asset-class factor structure, realistic volatilities, contract sizes, ticks, costs and roll counts, ragged \
      start dates, holidays and missing days, some negative back-adjusted prices and a volume column. The same \
      options and seed always give the same files. --out must be a new or empty folder, or one holding an earlier \
      generated universe, which --force replaces (removing only the files that run wrote, as its manifest \
      .tradeable-generate lists them): a smaller universe never mixes with a larger one's price files. With --funds \
      the folder gets navs.csv (date,code,nav) and products.csv instead: --instruments products over --years of \
      weeks, reporting weekly, biweekly, monthly (or quarterly, which cleaning drops), with late starts, closures, \
      stop-loss liquidations, fees, minimum subscriptions and warning and stop-loss lines.
      """)

  @OptionGroup(title: "Required") var required: GenerateRequiredOptions

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Years of business days, above 0 and at most 100 (default: 5).", valueName: "y"),
    transform: ArgumentValue.number)
  var years: Double = 5

  @Option(name: .long, help: ArgumentHelp("Random seed, 0 to 18,446,744,073,709,551,615.", valueName: "s"))
  var seed: UInt64 = 1

  @Option(name: .long, help: ArgumentHelp("Last business day, YYYY-MM-DD, 1900 to 2199.", valueName: "date"))
  var end: String = "2024-12-31"

  @Flag(name: .long, help: "A complete panel: no ragged starts, stale instruments, holidays or missing days.")
  var noGaps = false

  @Flag(name: .long, help: "Leave out the volume column.")
  var noVolume = false

  @Flag(name: .long, help: "Replace an earlier generated universe in --out (only the files it wrote are removed).")
  var force = false

  @Flag(name: .long, help: "Write a synthetic fund universe (navs.csv, products.csv) of --instruments products.")
  var funds = false

  var instruments: Int { required.instruments }
  var out: String { required.out }

  func validate() throws {
    try OptionCheck.value("--instruments", instruments, UniverseGenerator.instrumentsRange)
    try OptionCheck.value("--years", years, UniverseGenerator.yearsRange)
    guard let day = CalendarDay(iso: end) else {
      throw ValidationError("--end '\(end)' is not a date: write it as YYYY-MM-DD, e.g. 2024-12-31.")
    }
    guard UniverseGenerator.endDateRange.contains(day) else {
      throw ValidationError("--end \(end) is out of range: give a date from 1900-01-01 to 2199-12-31.")
    }
    guard !out.isEmpty else { throw ValidationError("--out needs a folder name.") }
    if funds && noVolume { throw ValidationError("--no-volume: fund NAVs have no volume column; leave it out.") }
  }

  func run() throws {
    try reportingErrors {
      if funds {
        let generator = FundUniverseGenerator(
          products: instruments, years: years, seed: seed, endDate: CalendarDay(iso: end)!, gaps: !noGaps)
        let summary = try generator.write(to: out, replacing: force)
        let frequencies = summary.perFrequency.map { "\($0.0.rawValue) \(NumberFormat.integer($0.1))" }
        print(
          "Wrote \(NumberFormat.count(instruments, "synthetic fund product")) to \(out): "
            + "\(NumberFormat.count(summary.rows, "NAV row")) over \(NumberFormat.count(summary.weeks, "week")); "
            + "\(NumberFormat.integer(summary.stopped)) stopped reporting before the end.\n  "
            + frequencies.joined(separator: ", "))
        return
      }
      let generator = UniverseGenerator(
        instruments: instruments, years: years, seed: seed, endDate: CalendarDay(iso: end)!, gaps: !noGaps,
        volume: !noVolume)
      let summary = try generator.write(to: out, replacing: force)
      let classes = summary.perClass.filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
      print(
        "Wrote \(NumberFormat.count(instruments, "synthetic instrument")) to \(out): "
          + "\(NumberFormat.count(summary.rows, "price row")) over \(NumberFormat.count(summary.days, "business day")); "
          + "\(NumberFormat.integer(summary.negativePriceInstruments)) with negative back-adjusted prices.\n  \(classes)")
    }
  }
}
