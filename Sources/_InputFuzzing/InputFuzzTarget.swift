@_spi(Fuzzing) import Tradeable

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One input reader (or a whole load-and-select run) driven by arbitrary bytes: what the libFuzzer targets under
/// `Fuzz/` run on each input, and what the regression tests run on every input the fuzzers ever found a fault with
/// (`Fuzz/Regressions/TARGET/`).
///
/// `check(_:)` returns `nil` when the reader ended cleanly — a result that keeps the reader's promises, or an
/// `InputError` that names its file, stays short and prints no raw control character — and a description of the broken
/// promise otherwise. A trap (a failed precondition, an out-of-range index, an overflow) ends the process, which is
/// how libFuzzer sees a crash.
public enum InputFuzzTarget: String, CaseIterable, Sendable {
  /// `instruments.csv` (`CSVTable` and `InstrumentSpecification.load`).
  case instruments
  /// `fx.csv` (`FXRates.load`), against the base currency USD.
  case fx
  /// `products.csv` (`FundProduct.load`).
  case products
  /// One instrument's price file, `date,price[,volume]` (folder layout).
  case priceFile = "price-file"
  /// A long price file, `date,code,price[,volume]`, against the codes `LONG`, `ES` and `CL`.
  case longPriceFile = "long-price-file"
  /// A NAV file in any of its three layouts (`NAVFileReader`).
  case nav
  /// A pysystemtrade price file, `DATETIME,price` (`PysystemtradePriceReader`).
  case pysystemtradePrices = "pysystemtrade-prices"
  /// A `--settings` document, read as the futures settings and as the funds settings.
  case settings
  /// A whole data folder in Tradeable's layout (an archive of files, see `FuzzArchive`), loaded, analysed and
  /// selected at two capitals, its JSON rendered.
  case dataFolder = "data-folder"
  /// A whole pysystemtrade folder (an archive of files), imported, analysed and selected.
  case pysystemtradeFolder = "pysystemtrade-folder"
  /// A NAV file and a products file (an archive of `navs.csv` and `products.csv`), cleaned, analysed and selected.
  case fundsFolder = "funds-folder"

  /// The name a file of this input gets in messages.
  var fileName: String {
    switch self {
    case .instruments: return "instruments.csv"
    case .fx: return "fx.csv"
    case .products: return "products.csv"
    case .priceFile: return "prices/ES.csv"
    case .longPriceFile: return "prices.csv"
    case .nav: return "navs.csv"
    case .pysystemtradePrices: return "adjusted_prices_csv/ES.csv"
    case .settings: return "settings.json"
    case .dataFolder, .pysystemtradeFolder, .fundsFolder: return "folder"
    }
  }

  /// Runs the reader on `bytes`; `nil` when it ended cleanly, else what went wrong.
  public func check(_ bytes: [UInt8]) -> String? {
    do {
      return try run(bytes)
    } catch let error as InputError {
      return Self.checkError(error, input: bytes)
    } catch {
      // Numerical errors of the linear algebra (a failed factorisation) are clean ends too: they carry a message.
      let text = String(describing: error)
      return Self.isPrintable(text) ? nil : "a non-input error prints raw control characters: \(text.debugDescription)"
    }
  }

  private func run(_ bytes: [UInt8]) throws -> String? {
    switch self {
    case .instruments:
      return Self.checkInstruments(try InstrumentSpecification.load(CSVTable(bytes: bytes, file: fileName)))
    case .fx:
      let rates = try FXRates.load(CSVTable(bytes: bytes, file: fileName), baseCurrency: "USD")
      if let bad = rates.rates.first(where: { !($0.value > 0) || !$0.value.isFinite }) {
        return "fx rate \(bad) is not positive and finite"
      }
      return rates.rate("USD") == 1 ? nil : "the base currency's rate is not 1"
    case .products:
      let products = try FundProduct.load(CSVTable(bytes: bytes, file: fileName))
      return Set(products.map(\.code)).count == products.count ? nil : "product codes are not unique"
    case .priceFile:
      // The common-layout fast path reads what the general reader reads, or leaves the file to it; converting only
      // the last rows' volumes, it reads those the same.
      let general = Result { () throws(InputError) in try PriceFileReader.readInstrumentFile(bytes, file: fileName) }
      for lastVolumes in [nil, 3] {
        guard let fast = PriceFileReader.fastPathHistory(bytes, lastVolumes: lastVolumes) else { continue }
        guard case .success(let history) = general else {
          return "the fast path reads a file the general reader rejects"
        }
        if let problem = Self.compare(fast, history, lastVolumes: lastVolumes) { return problem }
      }
      return Self.checkHistory(try general.get())
    case .longPriceFile:
      let histories = try PriceFileReader.readLongFile(bytes, file: fileName, codes: ["LONG": 0, "ES": 1, "CL": 2])
      guard histories.count == 3 else { return "three codes but \(histories.count) histories" }
      for h in histories { if let problem = Self.checkHistory(h, allowEmpty: true) { return problem } }
      return nil
    case .nav:
      let contents = try NAVFileReader.parse(bytes, file: fileName, singleCode: "FUND")
      guard contents.series.count == contents.origins.count else { return "one origin per series" }
      for s in contents.series {
        guard s.dates.count == s.navs.count else { return "one NAV per date in \(s.code)" }
        if zip(s.dates, s.dates.dropFirst()).contains(where: { $0 >= $1 }) { return "dates of \(s.code) not increasing" }
        if s.navs.contains(where: { !($0 > 0) || !$0.isFinite }) { return "a NAV of \(s.code) is not positive" }
      }
      return nil
    case .pysystemtradePrices:
      let daily = try PysystemtradePriceReader.read(bytes, file: fileName)
      guard daily.rowsWithoutPrice <= daily.rows, daily.history.count <= daily.rows - daily.rowsWithoutPrice else {
        return "more prices than rows"
      }
      return Self.checkHistory(daily.history, allowEmpty: true)
    case .settings:
      // Either kind of document; an error of one is fine as long as it is clean.
      var futures: String? = nil
      do {
        let settings = try PipelineSettings.load(bytes, file: fileName)
        if let violation = settings.violations.first { futures = "loaded settings violate \(violation.key)" }
      } catch {
        futures = Self.checkError(error, input: bytes)
      }
      if let futures { return futures }
      let funds = try FundSelectionSettings.load(bytes, file: fileName)
      return funds.violations.first.map { "loaded fund settings violate \($0.key)" }
    case .dataFolder:
      return try FuzzArchive(bytes).withFolder(allowed: FuzzArchive.dataFolderPaths) { folder in
        let whole = try Universe.load(folder: folder)
        if let problem = try Self.checkPipeline(whole) { return problem }
        // Loading only what the pipeline reads must give the same selection, byte for byte.
        let settings = PipelineSettings()
        let summarised = try Universe.load(folder: folder, keeping: .summaries(settings.priceRetention))
        let a = try UniverseAnalysis(universe: whole, settings: settings).select(capital: 1e6).json.rendered()
        let b = try UniverseAnalysis(universe: summarised, settings: settings).select(capital: 1e6).json.rendered()
        return a == b ? nil : "summaries and whole histories select differently"
      }
    case .pysystemtradeFolder:
      return try FuzzArchive(bytes).withFolder(allowed: FuzzArchive.pysystemtradePaths) { folder in
        try Self.checkPipeline(Universe.importPysystemtrade(folder: folder).universe)
      }
    case .fundsFolder:
      return try FuzzArchive(bytes).withFolder(allowed: { ["navs.csv", "products.csv"].contains($0) }) { folder in
        let universe = try FundUniverse.load(navs: folder + "/navs.csv", products: folder + "/products.csv")
        let analysis = try FundAnalysis(
          universe: universe, fx: FXRates(baseCurrency: "USD", rates: ["EUR": 1.1, "CNY": 0.14]))
        for capital in [1e6, 1e9] {
          let selection = try analysis.select(capital: capital)
          if let problem = Self.checkJSON(selection.json) { return problem }
        }
        return nil
      }
    }
  }
}

extension InputFuzzTarget {
  /// The promises every `InputError` keeps: it names a file, its line and column count from 1, its text is short and
  /// prints no control character but the line break between message and suggestion.
  static func checkError(_ error: InputError, input: [UInt8]) -> String? {
    if error.file.isEmpty { return "an error names no file: \(error.message.debugDescription)" }
    if let line = error.line, line < 1 { return "line \(line) < 1" }
    if let column = error.column, column < 1 { return "column \(column) < 1" }
    if error.column != nil && error.line == nil { return "a column without a line" }
    let text = error.description
    if text.count > 1_500 { return "an error of \(text.count) characters: \(text.prefix(200).debugDescription)…" }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.count != 2 { return "an error is not two lines: \(text.debugDescription)" }
    if !isPrintable(text.replacingLineBreaks()) { return "an error prints raw control characters: \(text.debugDescription)" }
    return nil
  }

  /// `checkError` for tests: the promises of an error, whatever input it came from.
  public static func checkErrorForTesting(_ error: InputError) -> String? { checkError(error, input: []) }

  /// Whether `text` holds no control character (C0, DEL, C1) and no other invisible one.
  static func isPrintable(_ text: String) -> Bool {
    !text.unicodeScalars.contains { s in
      s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0)
        || [.format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned].contains(s.properties.generalCategory)
    }
  }

  /// Where the fast path's history `fast` differs from the general reader's `general`: dates, prices (bit for bit) and
  /// volumes (bit for bit, `NaN` for `NaN`; with `lastVolumes`, only the last that many rows').
  static func compare(_ fast: PriceHistory, _ general: PriceHistory, lastVolumes: Int?) -> String? {
    guard fast.dates == general.dates else { return "the fast path reads other dates" }
    guard fast.prices.map(\.bitPattern) == general.prices.map(\.bitPattern) else {
      return "the fast path reads other prices"
    }
    guard (fast.volumes == nil) == (general.volumes == nil) else { return "the fast path reads another layout" }
    if let a = fast.volumes, let b = general.volumes {
      let kept = min(a.count, lastVolumes ?? a.count)
      func bits(_ v: ArraySlice<Double>) -> [UInt64] { v.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern } }
      guard bits(a.suffix(kept)) == bits(b.suffix(kept)) else { return "the fast path reads other volumes" }
    }
    return nil
  }

  static func checkHistory(_ h: PriceHistory, allowEmpty: Bool = false) -> String? {
    if h.count == 0 && !allowEmpty { return "an empty history" }
    guard h.dates.count == h.prices.count else { return "one price per date" }
    if zip(h.dates, h.dates.dropFirst()).contains(where: { $0 >= $1 }) { return "dates not strictly increasing" }
    if let first = h.dates.first, let last = h.dates.last,
      !CalendarDay.supportedYears.contains(first.components.year)
        || !CalendarDay.supportedYears.contains(last.components.year)
    {
      return "a date outside the supported years: \(first) … \(last)"
    }
    if h.prices.contains(where: { !$0.isFinite }) { return "a price is not finite" }
    if let v = h.volumes {
      guard v.count == h.count else { return "one volume per date" }
      if v.contains(where: { !$0.isNaN && (!$0.isFinite || $0 < 0) }) { return "a negative or infinite volume" }
    }
    return nil
  }

  static func checkInstruments(_ specs: [InstrumentSpecification]) -> String? {
    if specs.isEmpty { return "no instruments but no error" }
    if Set(specs.map(\.code)).count != specs.count { return "instrument codes are not unique" }
    for s in specs {
      if s.code.isEmpty || s.currency.isEmpty { return "an empty code or currency" }
      if !(s.multiplier > 0) || !s.multiplier.isFinite { return "multiplier \(s.multiplier) of \(s.code)" }
      if !(s.halfSpreadPoints >= 0) || !s.halfSpreadPoints.isFinite { return "half spread of \(s.code)" }
    }
    return nil
  }

  /// Analyses `universe` under the default settings and under short windows, selects at two capitals, and checks the
  /// selection's promises: every input instrument reported once, weights summing to 1, finite numbers in the JSON.
  static func checkPipeline(_ universe: Universe) throws -> String? {
    var short = PipelineSettings()
    short.filters.history.minimumPrices = 3
    short.risk.volatilityWindow = 2
    short.correlation.weeks = 2
    short.filters.liquidity.days = 1
    short.costs.rebalanceSpan = 1
    for settings in [PipelineSettings(), short] {
      let analysis = UniverseAnalysis(universe: universe, settings: settings)
      for capital in [1e4, 1e9] {
        let selection = try analysis.select(capital: capital)
        guard selection.instruments.count == universe.count else { return "an instrument is missing from the output" }
        let weights = selection.portfolio.weights
        if !weights.isEmpty {
          let sum = weights.reduce(0, +)
          if !(abs(sum - 1) < 1e-9) { return "weights sum to \(sum)" }
          if weights.contains(where: { !($0 >= 0) }) { return "a negative weight" }
        }
        if let problem = checkJSON(selection.json) { return problem }
        _ = selection.table()
      }
    }
    return nil
  }

  /// The JSON output parses back (the renderer writes valid JSON whatever the numbers and codes were).
  static func checkJSON(_ json: JSONValue) -> String? {
    let text = json.rendered()
    do {
      _ = try JSONDocument(bytes: Array(text.utf8), file: "output.json")
      return nil
    } catch {
      return "the JSON output does not parse back: \(error.description)"
    }
  }
}

extension String {
  /// The text with its line breaks as spaces (for the printable check of a two-line message).
  func replacingLineBreaks() -> String { String(map { $0 == "\n" ? " " : $0 }) }
}
