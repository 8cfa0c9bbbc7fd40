import Dispatch

extension Universe {
  /// Imports a data folder in pysystemtrade's layout (its `data/futures/`):
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
  /// `fx_prices_csv/CCYUSD.csv`; rates are re-based when `baseCurrency` is not USD (which then needs its own file).
  /// Without `spreadcosts.csv`, older layouts' `Slippage` column of `instrumentconfig.csv` is the spread cost.
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
    let (folderExists, isFolder) = FileBytes.exists(folder)
    guard folderExists, isFolder else {
      throw InputError(
        file: folder, message: folderExists ? "not a folder" : "no such folder",
        suggestion: "Point --pysystemtrade at pysystemtrade's data folder (the one holding csvconfig/, "
          + "adjusted_prices_csv/ and fx_prices_csv/).")
    }
    let configFolder = joinPath(folder, "csvconfig")
    let configPath = joinPath(configFolder, "instrumentconfig.csv")
    let spreadPath = joinPath(configFolder, "spreadcosts.csv")
    let rollPath = joinPath(configFolder, "rollconfig.csv")
    let pricesFolder = joinPath(folder, "adjusted_prices_csv")
    let fxFolder = joinPath(folder, "fx_prices_csv")

    // Configuration tables, each keyed by instrument code.
    let config = try PysystemtradeTable(
      path: configPath, required: ["Instrument", "Pointsize", "Currency"],
      known: [
        "Instrument", "Description", "Pointsize", "Currency", "AssetClass", "PerBlock", "Percentage", "PerTrade",
        "Exchange", "Slippage",
      ])
    let spreads: PysystemtradeTable?
    let spreadColumn: Int
    if FileBytes.exists(spreadPath).exists {
      let table = try PysystemtradeTable(
        path: spreadPath, required: ["Instrument", "SpreadCost"], known: ["Instrument", "SpreadCost"])
      spreads = table
      spreadColumn = table.column("SpreadCost")!
    } else if let slippage = config.column("Slippage") {
      spreads = nil
      spreadColumn = slippage
    } else {
      throw InputError(
        file: spreadPath, message: "no spreadcosts.csv (and instrumentconfig.csv has no Slippage column)",
        suggestion: "Add csvconfig/spreadcosts.csv with the header Instrument,SpreadCost (half the bid-ask spread, "
          + "price points).")
    }
    guard FileBytes.exists(rollPath).exists else {
      throw InputError(
        file: rollPath, message: "no rollconfig.csv: the rolls a year of every instrument are unknown",
        suggestion: "Add csvconfig/rollconfig.csv with the columns Instrument,HoldRollCycle (e.g. SP500,HMUZ).")
    }
    let rolls = try PysystemtradeTable(
      path: rollPath, required: ["Instrument", "HoldRollCycle"], known: ["Instrument", "HoldRollCycle"])
    let rollColumn = rolls.column("HoldRollCycle")!
    guard FileBytes.exists(pricesFolder).isDirectory else {
      throw InputError(
        file: pricesFolder, message: "no adjusted_prices_csv folder",
        suggestion: "Point --pysystemtrade at pysystemtrade's data folder, which holds adjusted_prices_csv/CODE.csv.")
    }
    let priceFiles = Set(
      try FileBytes.listDirectory(pricesFolder, displayName: pricesFolder).filter { $0.hasSuffix(".csv") }
        .map { String($0.dropLast(4)) })
    let fxFiles: Set<String> =
      FileBytes.exists(fxFolder).isDirectory
      ? Set(try FileBytes.listDirectory(fxFolder, displayName: fxFolder).filter { $0.hasSuffix(".csv") })
      : []

    // Which instruments can be imported.
    let allCodes = Set(config.rowsByCode.keys).union(priceFiles).sorted {
      Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
    }
    let currencyColumn = config.column("Currency")!
    var leftOut: [PysystemtradeImport.LeftOut] = []
    var candidates: [(code: String, row: CSVTable.Row)] = []
    for code in allCodes {
      guard let row = config.rowsByCode[code] else {
        leftOut.append(
          .init(code: code, reasons: [.noConfiguration], file: joinPath(pricesFolder, code + ".csv"), line: nil))
        continue
      }
      var reasons: [PysystemtradeImport.Reason] = []
      if !priceFiles.contains(code) { reasons.append(.noPriceFile) }
      let spreadRow = spreads.map { $0.rowsByCode[code] } ?? row
      if spreadRow.map({ $0[spreadColumn].isEmpty }) ?? true { reasons.append(.noSpreadCost) }
      if rolls.rowsByCode[code].map({ $0[rollColumn].isEmpty }) ?? true { reasons.append(.noRollCycle) }
      let currency = row[currencyColumn]
      if reasons.isEmpty {
        if currency.isEmpty {
          throw InputError(
            file: configPath, line: row.line, column: currencyColumn + 1, message: "the Currency of '\(InputError.escapedExcerpt(code))' is empty",
            suggestion: "Give the ISO code of the currency its prices are quoted in, e.g. USD.")
        }
        if currency != "USD" && !fxFiles.contains(currency + "USD.csv") { reasons.append(.noFXRate) }
      }
      if reasons.isEmpty {
        candidates.append((code, row))
      } else {
        leftOut.append(.init(code: code, reasons: reasons, file: configPath, line: row.line))
      }
    }

    // Specifications of the candidates; malformed fields and ambiguous (repeated) rows are errors.
    var specs: [InstrumentSpecification] = []
    specs.reserveCapacity(candidates.count)
    for (code, row) in candidates {
      for table in [config, rolls] + (spreads.map { [$0] } ?? []) { try table.requireUnique(code) }
      let spreadTable = spreads ?? config
      let spreadRow = spreads.map { $0.rowsByCode[code]! } ?? row
      let rollRow = rolls.rowsByCode[code]!
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
          commissionPerContract: try config.nonNegative(row, "PerBlock"),
          commissionRate: try config.nonNegative(row, "Percentage"),
          commissionPerTrade: try config.nonNegative(row, "PerTrade"),
          rollsPerYear: Double(
            try rollMonths(rollRow[rollColumn], file: rolls.table.file, line: rollRow.line, column: rollColumn + 1)),
          extraColumns: config.extraColumns(row),
          sourceLine: row.line))
    }

    // FX: the last USD rate of every currency used, and of the base currency.
    let needed = Set(specs.map(\.currency)).union([baseCurrency]).subtracting(["USD"]).sorted()
    var usdRates: [String: Double] = ["USD": 1]
    var fxSources: [PysystemtradeImport.FXSource] = []
    for currency in needed {
      let file = joinPath(fxFolder, currency + "USD.csv")
      guard fxFiles.contains(currency + "USD.csv") else {
        throw InputError(
          file: file, message: "no FX prices for the base currency \(currency)",
          suggestion: "Add fx_prices_csv/\(currency)USD.csv (DATETIME,PRICE: USD per \(currency)), or choose "
            + "--base-currency USD.")
      }
      let daily = try PysystemtradePriceReader.read(FileBytes.read(file, displayName: file), file: file)
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
      fxSources.append(.init(currency: currency, file: file, date: date, usdRate: rate))
    }
    let baseRate = usdRates[baseCurrency]!
    var rates: [String: Double] = [:]
    for (currency, rate) in usdRates { rates[currency] = currency == baseCurrency ? 1 : rate / baseRate }
    let fx = FXRates(baseCurrency: baseCurrency, rates: rates)

    // Prices, two files at a time.
    let files = specs.map { joinPath(pricesFolder, $0.code + ".csv") }
    let results = ConcurrentResults<Result<PysystemtradePriceReader.DailyPrices, InputError>>(count: specs.count)
    DispatchQueue.concurrentPerform(iterations: files.count) { k in
      let file = files[k]
      results[k] = Result { () throws(InputError) -> PysystemtradePriceReader.DailyPrices in
        try PysystemtradePriceReader.read(FileBytes.read(file, displayName: file), file: file)
      }
    }
    var instruments: [InstrumentSpecification] = []
    var histories: [PriceHistory] = []
    var priceRows = 0
    var rowsWithoutPrice = 0
    var dailyPrices = 0
    for k in specs.indices {
      let daily = try results[k]!.get()
      if daily.history.count == 0 {
        leftOut.append(.init(code: specs[k].code, reasons: [.noPrices], file: configPath, line: specs[k].sourceLine))
        continue
      }
      instruments.append(specs[k])
      histories.append(daily.history)
      priceRows += daily.rows
      rowsWithoutPrice += daily.rowsWithoutPrice
      dailyPrices += daily.history.count
    }
    leftOut.sort { Array($0.code.utf8).lexicographicallyPrecedes(Array($1.code.utf8)) }
    return PysystemtradeImport(
      universe: Universe(instruments: instruments, histories: histories, fx: fx, source: folder), leftOut: leftOut,
      priceRows: priceRows, rowsWithoutPrice: rowsWithoutPrice, dailyPrices: dailyPrices, fxSources: fxSources)
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
          + "spreadcosts.csv and rollconfig.csv.")
    }
    // Decoded leniently: a stray non-UTF-8 byte in a description (these files are edited in spreadsheets) becomes
    // U+FFFD rather than stopping the import; codes, numbers and headers are ASCII.
    let table = try CSVTable(text: String(decoding: FileBytes.read(path, displayName: path), as: UTF8.self), file: path)
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
