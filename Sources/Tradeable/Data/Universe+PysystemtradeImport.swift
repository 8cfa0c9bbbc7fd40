import Dispatch

extension Universe {
  /// Imports a data folder in any of pysystemtrade's layouts (`PysystemtradeLayout`: today's `data/futures/`, its
  /// older arrangements, the legacy csv folder, or a checkout's root). Today's layout:
  ///
  ///     DIR/csvconfig/instrumentconfig.csv   Instrument,Description,Pointsize,Currency,AssetClass,PerBlock,Percentage,PerTrade,…
  ///     DIR/csvconfig/spreadcosts.csv        Instrument,SpreadCost
  ///     DIR/csvconfig/rollconfig.csv         Instrument,HoldRollCycle,…
  ///     DIR/adjusted_prices_csv/CODE.csv     DATETIME,price
  ///     DIR/fx_prices_csv/CCYUSD.csv         DATETIME,PRICE (USD per one CCY)
  ///
  /// Mapping to Tradeable's instrument fields: `Pointsize` → multiplier, `Currency` → currency, `Description` → name,
  /// `AssetClass` → asset class, `PerBlock` → commission per contract, `Percentage` → commission rate (a fraction of
  /// notional), `PerTrade` → commission per trade (empty commission fields are 0), `SpreadCost` → half the bid-ask
  /// spread in price points, rolls a year = the number of month letters of `HoldRollCycle` (`HMUZ` → 4). Other
  /// `instrumentconfig.csv` columns (`Region`, …) are kept as extra columns; an `Exchange` column, where present, is
  /// the exchange. Prices: each day's last row with a price (`PysystemtradePriceReader`). FX: the last rate of
  /// `CCYUSD.csv` (or `CCYUSDfx.csv`, column `PRICE`, `FX` or `FXRATE`); rates are re-based when `baseCurrency` is not
  /// USD (which then needs its own file).
  ///
  /// Older layouts: without `spreadcosts.csv`, the `Slippage` column of `instrumentconfig.csv` is the spread cost,
  /// else `costs_analysis.csv` (`Slippage`, with the commissions `PerBlock`, `Percentage`, `PerTrade`). An instrument
  /// without a `HoldRollCycle` takes its roll cycle from the contracts it held in the last year of its multiple prices
  /// or carry data file (`PysystemtradeContractReader`).
  ///
  /// Real pysystemtrade folders name more instruments than they hold data for, so an instrument that lacks a piece
  /// (price file, configuration row, spread cost, roll cycle, FX prices, any price at all) is left out of the universe
  /// and listed in `leftOut` with every reason, never dropped silently. Malformed content in what is imported (an
  /// unparsable number, a negative cost, a bad roll cycle, unsorted timestamps, a duplicate row) is an `InputError` with
  /// file, line and column; rows of instruments that are left out are not checked beyond their code (a repeated row
  /// is an error only for an instrument that is imported).
  /// Instruments are ordered by code in byte order (pysystemtrade's row order is whatever the spreadsheet was last
  /// sorted by), so the import equals the same data in Tradeable's own format with `instruments.csv` sorted by code.
  public static func importPysystemtrade(folder: String, baseCurrency: String = "USD") throws(InputError)
    -> PysystemtradeImport
  {
    let layout = try PysystemtradeLayout.detect(folder: folder)
    let configPath = layout.instrumentConfig

    // Configuration tables, each keyed by instrument code.
    let config = try PysystemtradeTable(
      path: configPath, required: ["Instrument", "Pointsize", "Currency"],
      known: [
        "Instrument", "Description", "Pointsize", "Currency", "AssetClass", "PerBlock", "Percentage", "PerTrade",
        "Exchange", "Slippage",
      ])
    let spreads: PysystemtradeTable?
    let spreadColumn: Int
    var commissions = config
    switch layout.spreads {
    case .spreadCosts(let path):
      let table = try PysystemtradeTable(
        path: path, required: ["Instrument", "SpreadCost"], known: ["Instrument", "SpreadCost"])
      spreads = table
      spreadColumn = table.column("SpreadCost")!
    case .slippageColumn:
      spreads = nil
      spreadColumn = config.column("Slippage")!
    case .costsAnalysis(let path):
      guard FileBytes.exists(path).exists else {
        let here = layout.generation == .dataFutures ? "csvconfig/" : ""
        throw InputError(
          file: layout.folder,
          message: "no spread costs: no \(here)spreadcosts.csv, no Slippage column in \(here)instrumentconfig.csv "
            + "and no \(here)costs_analysis.csv",
          suggestion: "Add \(here)spreadcosts.csv with the header Instrument,SpreadCost (half the bid-ask spread, "
            + "price points), as pysystemtrade writes it today.")
      }
      let table = try PysystemtradeTable(
        path: path, required: ["Instrument", "Slippage"],
        known: ["Instrument", "Slippage", "PerBlock", "Percentage", "PerTrade"])
      spreads = table
      spreadColumn = table.column("Slippage")!
      commissions = table
    }
    let rolls = try layout.rollConfig.map { path throws(InputError) in
      try PysystemtradeTable(
        path: path, required: ["Instrument", "HoldRollCycle"], known: ["Instrument", "HoldRollCycle"])
    }
    let rollColumn = rolls?.column("HoldRollCycle")
    let contractCodes: Set<String> =
      if let contracts = layout.contracts, FileBytes.exists(contracts.folder).isDirectory {
        Set(contracts.codes(in: try FileBytes.listDirectory(contracts.folder, displayName: contracts.folder)))
      } else { [] }
    if rolls == nil && contractCodes.isEmpty {
      let rollPath = layout.generation == .dataFutures
        ? joinPath(joinPath(layout.folder, "csvconfig"), "rollconfig.csv") : joinPath(layout.folder, "rollconfig.csv")
      throw InputError(
        file: rollPath,
        message: "no rollconfig.csv (here, or in the checkout's sysinit/futures/config/) and no "
          + (layout.generation == .legacyCSV ? "CODE_carrydata.csv" : "multiple_prices_csv/")
          + ": the rolls a year of every instrument are unknown",
        suggestion: "Add \(layout.generation == .dataFutures ? "csvconfig/" : "")rollconfig.csv with the columns "
          + "Instrument,HoldRollCycle (e.g. SP500,HMUZ), or copy it from a pysystemtrade checkout "
          + "(data/futures/csvconfig/rollconfig.csv).")
    }
    let pricesFolder = layout.prices.folder
    guard FileBytes.exists(pricesFolder).isDirectory else {
      throw InputError(
        file: pricesFolder, message: "no adjusted_prices_csv folder",
        suggestion: "Point --pysystemtrade at pysystemtrade's data folder, which holds adjusted_prices_csv/CODE.csv.")
    }
    let priceFiles = Set(
      layout.prices.codes(in: try FileBytes.listDirectory(pricesFolder, displayName: pricesFolder)))
    let fxFolder = layout.fxFolder
    let fxFiles: Set<String> =
      FileBytes.exists(fxFolder).isDirectory
      ? Set(try FileBytes.listDirectory(fxFolder, displayName: fxFolder).filter { $0.hasSuffix(".csv") })
      : []
    func fxFile(_ currency: String) -> String? {
      PysystemtradeLayout.fxFileNames(currency).first { fxFiles.contains($0) }
    }

    // Which instruments can be imported.
    let allCodes = Set(config.rowsByCode.keys).union(priceFiles).sorted {
      Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
    }
    let currencyColumn = config.column("Currency")!
    var leftOut: [PysystemtradeImport.LeftOut] = []
    var candidates: [(code: String, row: CSVTable.Row)] = []
    for code in allCodes {
      guard let row = config.rowsByCode[code] else {
        leftOut.append(.init(code: code, reasons: [.noConfiguration], file: layout.prices.path(code), line: nil))
        continue
      }
      var reasons: [PysystemtradeImport.Reason] = []
      if !priceFiles.contains(code) { reasons.append(.noPriceFile) }
      let spreadRow = spreads.map { $0.rowsByCode[code] } ?? row
      if spreadRow.map({ $0[spreadColumn].isEmpty }) ?? true { reasons.append(.noSpreadCost) }
      let cycle = rolls?.rowsByCode[code].map { $0[rollColumn] } ?? ""
      if cycle.isEmpty && !contractCodes.contains(code) { reasons.append(.noRollCycle) }
      let currency = row[currencyColumn]
      if reasons.isEmpty {
        if currency.isEmpty {
          throw InputError(
            file: configPath, line: row.line, column: currencyColumn + 1, message: "the Currency of '\(InputError.escapedExcerpt(code))' is empty",
            suggestion: "Give the ISO code of the currency its prices are quoted in, e.g. USD.")
        }
        if currency != "USD" && fxFile(currency) == nil { reasons.append(.noFXRate) }
      }
      if reasons.isEmpty {
        candidates.append((code, row))
      } else {
        leftOut.append(.init(code: code, reasons: reasons, file: configPath, line: row.line))
      }
    }

    // Specifications of the candidates; malformed fields and ambiguous (repeated) rows are errors. Rolls a year are
    // `nil` until read from the contracts held.
    var specs: [InstrumentSpecification] = []
    var rollsFromContracts: [Bool] = []
    specs.reserveCapacity(candidates.count)
    for (code, row) in candidates {
      for table in [config] + (spreads.map { [$0] } ?? []) { try table.requireUnique(code) }
      let spreadTable = spreads ?? config
      let spreadRow = spreads.map { $0.rowsByCode[code]! } ?? row
      let commissionRow = commissions.rowsByCode[code]!
      var rollsPerYear: Double? = nil
      if let rolls, let rollColumn, let rollRow = rolls.rowsByCode[code], !rollRow[rollColumn].isEmpty {
        try rolls.requireUnique(code)
        rollsPerYear = Double(
          try rollMonths(rollRow[rollColumn], file: rolls.table.file, line: rollRow.line, column: rollColumn + 1))
      }
      rollsFromContracts.append(rollsPerYear == nil)
      specs.append(
        InstrumentSpecification(
          code: code, name: config.text(row, "Description"), assetClass: config.text(row, "AssetClass"),
          exchange: config.text(row, "Exchange"), currency: row[currencyColumn],
          multiplier: try config.table.number(
            row, config.column("Pointsize"), requirement: "a positive number (currency per price point)"
          ) { $0 > 0 },
          tickSize: nil, spreadTicks: 1,
          halfSpread: try spreadTable.table.number(
            spreadRow, spreadColumn, requirement: "a number ≥ 0 (half the bid-ask spread, price points)"
          ) { $0 >= 0 },
          commissionPerContract: try commissions.nonNegative(commissionRow, "PerBlock"),
          commissionRate: try commissions.nonNegative(commissionRow, "Percentage"),
          commissionPerTrade: try commissions.nonNegative(commissionRow, "PerTrade"),
          rollsPerYear: rollsPerYear ?? 0,
          extraColumns: config.extraColumns(row),
          sourceLine: row.line))
    }

    // FX: the last USD rate of every currency used, and of the base currency.
    let needed = Set(specs.map(\.currency)).union([baseCurrency]).subtracting(["USD"]).sorted()
    var usdRates: [String: Double] = ["USD": 1]
    var fxSources: [PysystemtradeImport.FXSource] = []
    for currency in needed {
      guard let name = fxFile(currency) else {
        let wanted = PysystemtradeLayout.fxFileNames(currency)[layout.generation == .legacyCSV ? 1 : 0]
        throw InputError(
          file: joinPath(fxFolder, wanted), message: "no FX prices for the base currency \(currency)",
          suggestion: "Add \(wanted) (DATETIME,PRICE: USD per \(currency)) beside the other FX files, or choose "
            + "--base-currency USD.")
      }
      let file = joinPath(fxFolder, name)
      let daily = try PysystemtradePriceReader.read(
        readPysystemtradeFile(file), file: file, valueColumns: PysystemtradePriceReader.fxColumns)
      guard let rate = daily.history.prices.last, let date = daily.history.lastDate else {
        throw InputError(
          file: file, message: "the file has no rate",
          suggestion: "Add rows 'YYYY-MM-DD HH:MM:SS,rate' (USD per \(currency)).")
      }
      guard rate > 0 else {
        throw InputError(
          file: file, message: "the last rate, \(rate), is not positive",
          suggestion: "Correct the last row: USD per one \(currency), a positive number.")
      }
      usdRates[currency] = rate
      fxSources.append(
        .init(currency: currency, file: file, date: date, usdRate: rate, valueColumn: daily.valueColumn))
    }
    let baseRate = usdRates[baseCurrency]!
    var rates: [String: Double] = [:]
    for (currency, rate) in usdRates { rates[currency] = currency == baseCurrency ? 1 : rate / baseRate }
    let fx = FXRates(baseCurrency: baseCurrency, rates: rates)

    // Prices (and, where the roll cycle comes from them, the contracts held), two files at a time.
    typealias Read = (prices: PysystemtradePriceReader.DailyPrices, held: PysystemtradeContractReader.HeldContracts?)
    let codes = specs.map(\.code)
    let readsContracts = rollsFromContracts
    let results = ConcurrentResults<Result<Read, InputError>>(count: codes.count)
    DispatchQueue.concurrentPerform(iterations: codes.count) { k in
      let code = codes[k]
      results[k] = Result { () throws(InputError) -> Read in
        let file = layout.prices.path(code)
        let prices = try PysystemtradePriceReader.read(readPysystemtradeFile(file), file: file)
        guard readsContracts[k], let contracts = layout.contracts else { return (prices, nil) }
        let held = contracts.path(code)
        return (prices, try PysystemtradeContractReader.read(readPysystemtradeFile(held), file: held))
      }
    }
    var instruments: [InstrumentSpecification] = []
    var histories: [PriceHistory] = []
    var derived: [PysystemtradeImport.DerivedRollCycle] = []
    var priceRows = 0
    var rowsWithoutPrice = 0
    var dailyPrices = 0
    for k in specs.indices {
      let read = try results[k]!.get()
      var spec = specs[k]
      var reasons: [PysystemtradeImport.Reason] = []
      if let held = read.held {
        if held.spansAYear && !held.months.isEmpty {
          spec.rollsPerYear = Double(held.months.count)
          derived.append(.init(code: spec.code, cycle: held.cycle, file: layout.contracts!.path(spec.code)))
        } else {
          reasons.append(.shortContractHistory)
        }
      }
      if read.prices.history.count == 0 { reasons.append(.noPrices) }
      guard reasons.isEmpty else {
        leftOut.append(.init(code: spec.code, reasons: reasons, file: configPath, line: spec.sourceLine))
        continue
      }
      instruments.append(spec)
      histories.append(read.prices.history)
      priceRows += read.prices.rows
      rowsWithoutPrice += read.prices.rowsWithoutPrice
      dailyPrices += read.prices.history.count
    }
    leftOut.sort { Array($0.code.utf8).lexicographicallyPrecedes(Array($1.code.utf8)) }
    return PysystemtradeImport(
      universe: Universe(instruments: instruments, histories: histories, fx: fx, source: layout.folder),
      leftOut: leftOut, priceRows: priceRows, rowsWithoutPrice: rowsWithoutPrice, dailyPrices: dailyPrices,
      fxSources: fxSources, layout: layout, derivedRollCycles: derived,
      commissionColumns: ["PerBlock", "Percentage", "PerTrade"].filter { commissions.column($0) != nil })
  }

  /// Rolls a year from a `HoldRollCycle`: the number of its month letters (F G H J K M N Q U V X Z), each at most once.
  static func rollMonths(_ cycle: String, file: String, line: Int, column: Int) throws(InputError) -> Int {
    let months = Set("FGHJKMNQUVXZ")
    var seen = Set<Character>()
    for letter in cycle {
      guard months.contains(letter) else {
        throw InputError(
          file: file, line: line, column: column,
          message: "'\(letter)' in HoldRollCycle '\(cycle)' is not a month letter",
          suggestion: "Use the futures month letters F G H J K M N Q U V X Z (January to December), e.g. HMUZ.")
      }
      guard seen.insert(letter).inserted else {
        throw InputError(
          file: file, line: line, column: column,
          message: "month '\(letter)' appears twice in HoldRollCycle '\(cycle)'",
          suggestion: "Name each month held once, e.g. HMUZ.")
      }
    }
    return seen.count
  }
}

/// The bytes of a pysystemtrade file, refusing a Git LFS pointer: pysystemtrade has kept some of its data in Git LFS,
/// and a checkout cloned without `git lfs` holds three-line pointers (`version https://git-lfs.github.com/spec/v1`,
/// `oid sha256:…`, `size …`) where the CSV files should be.
func readPysystemtradeFile(_ path: String) throws(InputError) -> [UInt8] {
  let bytes = try FileBytes.read(path, displayName: path)
  if bytes.starts(with: Array("version https://git-lfs.github.com/spec/".utf8)) {
    throw InputError(
      file: path, line: 1,
      message: "this is a Git LFS pointer, not the data: the checkout was cloned without Git LFS",
      suggestion: "Run `git lfs install` then `git lfs pull` in the pysystemtrade checkout, and import again.")
  }
  return bytes
}

/// A pysystemtrade configuration CSV: rows keyed by the `Instrument` column, columns found without regard to case.
struct PysystemtradeTable {
  let table: CSVTable
  /// The first row of each instrument.
  let rowsByCode: [String: CSVTable.Row]
  /// Lines of later rows repeating an instrument; an error only if the instrument is imported.
  let repeatedLines: [String: Int]

  /// Columns mapped to instrument fields (the rest are kept as extra columns).
  static let mappedColumns: Set<String> = [
    "instrument", "description", "pointsize", "currency", "assetclass", "perblock", "percentage", "pertrade",
    "exchange",
  ]

  /// Columns of pysystemtrade's configuration files that Tradeable does not read: kept as extra columns (or ignored),
  /// never mistaken for a misspelling of a column it reads.
  static let otherColumns = [
    "Region", "RollOffsetDays", "CarryOffset", "PricedRollCycle", "ExpiryOffset", "Slippage", "Description",
  ]

  /// Reads the table at `path`, which must hold the columns `required`; `known` are the columns read from it (a column
  /// whose name is close to one of them is a likely misspelling, an error).
  init(path: String, required: [String], known: [String]) throws(InputError) {
    guard FileBytes.exists(path).exists else {
      throw InputError(
        file: path, message: "no such file",
        suggestion:
          "Point --pysystemtrade at pysystemtrade's data folder, whose csvconfig/ holds instrumentconfig.csv, "
          + "spreadcosts.csv and rollconfig.csv (docs/pysystemtrade.md lists the older layouts read too).")
    }
    // Decoded leniently: a stray non-UTF-8 byte in a description (these files are edited in spreadsheets) becomes
    // U+FFFD rather than stopping the import; codes, numbers and headers are ASCII.
    let table = try CSVTable(text: String(decoding: readPysystemtradeFile(path), as: UTF8.self), file: path)
    self.table = table
    try CSVFieldReader.checkDuplicateNames(table.header, ignoringCase: true, file: path, line: table.headerLine)
    try table.checkColumnNames(known, accepted: Self.otherColumns, ignoringCase: true)
    for name in required where Self.find(name, in: table) == nil {
      throw InputError(
        file: path, line: table.headerLine, message: "missing column '\(name)'",
        suggestion: "Add a '\(name)' column to the header; the header has: \(table.headerExcerpt).")
    }
    let code = Self.find("Instrument", in: table)!
    var rows: [String: CSVTable.Row] = [:]
    var repeated: [String: Int] = [:]
    for row in table.rows {
      let c = row[code]
      if c.isEmpty {
        throw InputError(
          file: path, line: row.line, column: code + 1, message: "the Instrument is empty",
          suggestion: "Give every row an instrument code, or delete the row.")
      }
      if rows[c] != nil {
        if repeated[c] == nil { repeated[c] = row.line }
      } else {
        rows[c] = row
      }
    }
    rowsByCode = rows
    repeatedLines = repeated
  }

  /// Throws when `code` has more than one row: which one holds its numbers would be a guess.
  func requireUnique(_ code: String) throws(InputError) {
    guard let line = repeatedLines[code], let first = rowsByCode[code] else { return }
    let column = Self.find("Instrument", in: table)! + 1
    throw InputError(
      file: table.file, line: line, column: column,
      message: "instrument '\(InputError.escapedExcerpt(code))' appears twice (first on line \(first.line))",
      suggestion: "Keep one row per instrument.")
  }

  static func find(_ name: String, in table: CSVTable) -> Int? {
    let lower = name.lowercased()
    return table.header.firstIndex { $0.lowercased() == lower }
  }

  func column(_ name: String) -> Int? { Self.find(name, in: table) }

  /// The text of column `name` in `row`, `""` when the column is absent.
  func text(_ row: CSVTable.Row, _ name: String) -> String { row[column(name)] }

  /// A commission field: empty or absent is 0; otherwise a finite number ≥ 0.
  func nonNegative(_ row: CSVTable.Row, _ name: String) throws(InputError) -> Double {
    try table.number(row, column(name), default: 0, requirement: "a number ≥ 0 (an empty field is 0)") { $0 >= 0 }
  }

  /// Columns not mapped to an instrument field, as `(header, value)` in file order.
  func extraColumns(_ row: CSVTable.Row) -> [(String, String)] {
    table.header.enumerated().filter { !Self.mappedColumns.contains($0.element.lowercased()) }.map {
      ($0.element, row.fields[$0.offset])
    }
  }
}
