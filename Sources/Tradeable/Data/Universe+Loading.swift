import Dispatch

extension Universe {
  /// Loads a data folder in Tradeable's own format (DESIGN.md §2):
  ///
  ///     DIR/instruments.csv
  ///     DIR/prices/CODE.csv    (date,price[,volume])  — or —  DIR/prices.csv (date,code,price[,volume])
  ///     DIR/fx.csv             (currency,rate); may be left out when every instrument is in the base currency
  ///
  /// Every instrument must have prices and a known currency; every price file must belong to an instrument.
  /// The first problem found (in a fixed order, so runs are reproducible) is thrown as an `InputError`.
  public static func load(
    folder: String, baseCurrency: String = "USD", observer: PipelineObserver? = nil
  ) throws(InputError) -> Universe {
    let (folderExists, isFolder) = FileBytes.exists(folder)
    guard folderExists, isFolder else {
      throw InputError(
        file: folder, message: folderExists ? "not a folder" : "no such folder",
        suggestion: "Point --data at a folder holding instruments.csv, prices/ (or prices.csv) and fx.csv.")
    }
    let instrumentsPath = joinPath(folder, "instruments.csv")
    guard FileBytes.exists(instrumentsPath).exists else {
      throw InputError(
        file: instrumentsPath, message: "no instruments.csv in the data folder",
        suggestion: "Create it with the header code,name,asset_class,exchange,currency,multiplier,tick_size,... "
          + "(see the README's data formats).")
    }
    let instrumentsTable = try CSVTable(contentsOf: instrumentsPath)
    let instruments = try InstrumentSpecification.load(instrumentsTable)

    // FX.
    let fxPath = joinPath(folder, "fx.csv")
    let fx: FXRates
    if FileBytes.exists(fxPath).exists {
      fx = try FXRates.load(CSVTable(contentsOf: fxPath), baseCurrency: baseCurrency)
    } else {
      fx = FXRates(baseCurrency: baseCurrency, rates: [:])
    }
    for spec in instruments where fx.rate(spec.currency) == nil {
      throw InputError(
        file: instrumentsPath, line: spec.sourceLine, column: instrumentsTable.columnIndex("currency").map { $0 + 1 },
        message: "unknown currency '\(InputError.escapedExcerpt(spec.currency))' for "
          + "'\(InputError.escapedExcerpt(spec.code))': fx.csv has no rate for it",
        suggestion: FileBytes.exists(fxPath).exists
          ? "Add a row '\(InputError.escapedExcerpt(spec.currency)),RATE' to \(fxPath) (units of \(baseCurrency) per \(InputError.escapedExcerpt(spec.currency)))."
          : "Create \(fxPath) with the header currency,rate and a rate for each currency.")
    }

    // Prices.
    let longPath = joinPath(folder, "prices.csv")
    let folderPath = joinPath(folder, "prices")
    let histories: [PriceHistory]
    let hasFolder = FileBytes.exists(folderPath).isDirectory
    if hasFolder, FileBytes.exists(longPath).exists {
      throw InputError(
        file: folder, message: "the data folder holds both prices.csv and a prices/ folder: which to read is a guess",
        suggestion: "Keep one: move prices.csv (date,code,price) or the prices/ folder (CODE.csv files) out of "
          + "\(folder).")
    }
    if hasFolder {
      histories = try loadPriceFolder(folderPath, instruments: instruments, observer: observer)
    } else if FileBytes.exists(longPath).exists {
      histories = try loadLongPriceFile(longPath, instruments: instruments)
    } else {
      throw InputError(
        file: folder, message: "no prices: neither a prices/ folder nor a prices.csv file",
        suggestion: "Add prices/CODE.csv files (date,price) or one prices.csv (date,code,price).")
    }
    return Universe(instruments: instruments, histories: histories, fx: fx, source: folder)
  }

  /// Reads `prices/CODE.csv` for every instrument, two files at a time on two cores.
  static func loadPriceFolder(
    _ path: String, instruments: [InstrumentSpecification], observer: PipelineObserver? = nil
  ) throws(InputError) -> [PriceHistory] {
    let names = try FileBytes.listDirectory(path, displayName: path)
    let codes = Set(instruments.map { $0.code + ".csv" })
    // The first stray file in byte order, so the message does not depend on the file system's listing order.
    let strays = names.filter { $0.hasSuffix(".csv") && !codes.contains($0) }
    if let name = strays.min(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
      throw InputError(
        file: joinPath(path, name),
        message: "price file for '\(InputError.escapedExcerpt(String(name.dropLast(4))))', which is not in instruments.csv",
        suggestion: "Add '\(InputError.escapedExcerpt(String(name.dropLast(4))))' to instruments.csv, or move the file "
          + "out of the prices folder.")
    }
    let present = Set(names)
    for spec in instruments where !present.contains(spec.code + ".csv") {
      throw InputError(
        file: joinPath(path, spec.code + ".csv"), message: "instrument '\(InputError.escapedExcerpt(spec.code))' has no price file",
        suggestion: "Add \(InputError.escapedExcerpt(spec.code)).csv (date,price) to the prices folder, or remove line \(spec.sourceLine) of "
          + "instruments.csv.")
    }
    let results = ConcurrentResults<Result<PriceHistory, InputError>>(count: instruments.count)
    let count = instruments.count
    let chunk = 64
    let chunks = (count + chunk - 1) / chunk
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      for i in (c * chunk)..<min(count, (c + 1) * chunk) {
        let file = joinPath(path, instruments[i].code + ".csv")
        results[i] = Result { () throws(InputError) -> PriceHistory in
          try PriceFileReader.readInstrumentFile(FileBytes.read(file, displayName: file), file: file)
        }
      }
      observer?.stageAdvanced(.load, done: min(count, (c + 1) * chunk))
    }
    var histories: [PriceHistory] = []
    histories.reserveCapacity(instruments.count)
    for i in 0..<instruments.count { histories.append(try results[i]!.get()) }
    return histories
  }

  /// Reads one long `prices.csv`; every instrument must have at least one row.
  static func loadLongPriceFile(_ path: String, instruments: [InstrumentSpecification]) throws(InputError)
    -> [PriceHistory]
  {
    var codes: [String: Int] = [:]
    for (i, spec) in instruments.enumerated() { codes[spec.code] = i }
    let histories = try PriceFileReader.readLongFile(FileBytes.read(path, displayName: path), file: path, codes: codes)
    for (i, h) in histories.enumerated() where h.count == 0 {
      throw InputError(
        file: path, message: "instrument '\(InputError.escapedExcerpt(instruments[i].code))' has no rows",
        suggestion: "Add its prices (date,\(instruments[i].code),price), or remove line \(instruments[i].sourceLine) "
          + "of instruments.csv.")
    }
    return histories
  }
}
