import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Universe {
  /// Loads a data folder in Tradeable's own format (DESIGN.md §2):
  ///
  ///     DIR/instruments.csv
  ///     DIR/prices/CODE.csv    (date,price[,volume])  — or —  DIR/prices.csv (date,code,price[,volume])
  ///     DIR/fx.csv             (currency,rate); may be left out when every instrument is in the base currency
  ///
  /// Every instrument must have prices and a known currency; every price file must belong to an instrument.
  /// The first problem found (in a fixed order, so runs are reproducible) is thrown as an `InputError`: price files are
  /// read in parallel, but the error reported is that of the first instrument in `instruments.csv` order with one,
  /// whatever the scheduling.
  ///
  /// `keeping` says what is kept of each history: whole histories (the default), or the summaries the pipeline reads
  /// (`PriceLoading.summaries`), made while reading so that the whole universe is never held.
  public static func load(
    folder: String, baseCurrency: String = "USD", keeping loading: PriceLoading = .wholeHistories,
    observer: PipelineObserver? = nil
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
          + "(see docs/data-formats.md).")
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
    let prices: LoadedPrices
    let hasFolder = FileBytes.exists(folderPath).isDirectory
    if hasFolder, FileBytes.exists(longPath).exists {
      throw InputError(
        file: folder, message: "the data folder holds both prices.csv and a prices/ folder: which to read is a guess",
        suggestion: "Keep one: move prices.csv (date,code,price) or the prices/ folder (CODE.csv files) out of "
          + "\(folder).")
    }
    if hasFolder {
      prices = try loadPriceFolder(folderPath, instruments: instruments, keeping: loading, observer: observer)
    } else if FileBytes.exists(longPath).exists {
      let histories = try loadLongPriceFile(longPath, instruments: instruments)
      switch loading {
      case .wholeHistories: prices = .histories(histories)
      case .summaries(let retention): prices = .summaries(histories.map { PriceSummary($0, keeping: retention) })
      }
    } else {
      throw InputError(
        file: folder, message: "no prices: neither a prices/ folder nor a prices.csv file",
        suggestion: "Add prices/CODE.csv files (date,price) or one prices.csv (date,code,price).")
    }
    switch prices {
    case .histories(let histories): return Universe(instruments: instruments, histories: histories, fx: fx, source: folder)
    case .summaries(let summaries): return Universe(instruments: instruments, summaries: summaries, fx: fx, source: folder)
    }
  }

  /// What a load read: whole histories or summaries, one per instrument in input order.
  enum LoadedPrices {
    case histories([PriceHistory])
    case summaries([PriceSummary])
  }

  /// Reads `prices/CODE.csv` for every instrument, on every core, each worker reusing its buffers from one file to
  /// the next (`PriceFileScratch`) and keeping what `loading` asks for.
  static func loadPriceFolder(
    _ path: String, instruments: [InstrumentSpecification], keeping loading: PriceLoading,
    observer: PipelineObserver? = nil
  ) throws(InputError) -> LoadedPrices {
    // The listing is used as a set: every result below is independent of its order.
    let names = try FileBytes.listDirectory(path, displayName: path, sorted: false)
    let codes = Set(instruments.map { $0.code + ".csv" })
    // The first stray file in byte order, so the message does not depend on the file system's listing order.
    var priceFiles = 0
    let strays = names.filter { name in
      guard name.hasSuffix(".csv") else { return false }
      priceFiles += 1
      return !codes.contains(name)
    }
    if let name = strays.min(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
      throw InputError(
        file: joinPath(path, name),
        message: "price file for '\(InputError.escapedExcerpt(String(name.dropLast(4))))', which is not in instruments.csv",
        suggestion: "Add '\(InputError.escapedExcerpt(String(name.dropLast(4))))' to instruments.csv, or move the file "
          + "out of the prices folder.")
    }
    // Without strays, every price file is an instrument's, and the codes are distinct: as many files as instruments
    // means none is missing. Otherwise, the first instrument without one, in input order.
    if priceFiles != instruments.count {
      let present = Set(names)
      for spec in instruments where !present.contains(spec.code + ".csv") {
        throw InputError(
          file: joinPath(path, spec.code + ".csv"), message: "instrument '\(InputError.escapedExcerpt(spec.code))' has no price file",
          suggestion: "Add \(InputError.escapedExcerpt(spec.code)).csv (date,price) to the prices folder, or remove line \(spec.sourceLine) of "
            + "instruments.csv.")
      }
    }
    let count = instruments.count
    let histories = ConcurrentResults<PriceHistory>(count: loading == .wholeHistories ? count : 0)
    let summaries = ConcurrentResults<PriceSummary>(count: loading == .wholeHistories ? 0 : count)
    let errors = ConcurrentResults<InputError>(count: count)
    let failed = Atomic<Int>(Int.max)  // the smallest index with an error so far
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
    // Workers take the next 16 files until none is left: every core busy to the end, whatever the files' sizes.
    let chunk = 16
    let workers = max(1, min(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), (count + chunk - 1) / chunk))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      let scratch = PriceFileScratch()
      while true {
        let first = next.add(chunk, ordering: .relaxed).oldValue
        // Files after an error already found cannot change the error reported: stop early.
        if first >= count || first > failed.load(ordering: .relaxed) { break }
        var chunkSummaries: [(Int, PriceSummary)] = []
        for i in first..<min(count, first + chunk) {
          let file = joinPath(path, instruments[i].code + ".csv")
          do throws(InputError) {
            let n = try scratch.read(file, displayName: file)
            // A summary reads the volumes of its last rows only: the others are checked, not converted.
            let volumesFrom: Int
            switch loading {
            case .wholeHistories: volumesFrom = 0
            case .summaries(let retention):
              volumesFrom = PriceFileReader.startOfLastLines(scratch.bytes, count: n, lines: retention.volumeRows)
            }
            if let (rows, hasVolume) = PriceFileReader.parseCommonLayout(
              scratch.bytes, count: n, into: scratch, volumesFrom: volumesFrom)
            {
              switch loading {
              case .wholeHistories:
                histories[i] = scratch.history(rows: rows, hasVolume: hasVolume)
              case .summaries(let retention):
                let volumes = hasVolume ? UnsafePointer(scratch.volumes) : nil
                chunkSummaries.append(
                  (
                    i,
                    PriceSummary(
                      count: rows, dates: scratch.dates, prices: scratch.prices, volumes: volumes, keeping: retention)
                  ))
              }
            } else {
              // Not the common layout, or something to report: the general reader, with every check.
              let history = try PriceFileReader.readInstrumentFile(
                UnsafeBufferPointer(start: scratch.bytes, count: n), file: file)
              switch loading {
              case .wholeHistories: histories[i] = history
              case .summaries(let retention): chunkSummaries.append((i, PriceSummary(history, keeping: retention)))
              }
            }
          } catch {
            errors[i] = error
            var seen = failed.load(ordering: .relaxed)
            while i < seen {
              let (exchanged, original) = failed.compareExchange(expected: seen, desired: i, ordering: .relaxed)
              if exchanged { break }
              seen = original
            }
          }
        }
        // The chunk's recent prices in one block: released together after measuring, they free whole pages.
        var block: [Double] = []
        block.reserveCapacity(chunkSummaries.reduce(0) { $0 + $1.1.recentPrices.count })
        for (_, summary) in chunkSummaries { block.append(contentsOf: summary.recentPrices) }
        var offset = 0
        for (i, var summary) in chunkSummaries {
          let kept = summary.recentPrices.count
          summary.recentPrices = block[offset..<(offset + kept)]
          offset += kept
          summaries[i] = summary
        }
        let total = done.add(min(chunk, count - first), ordering: .relaxed).newValue
        observer?.stageAdvanced(.load, done: total)
      }
    }
    // The first error in input order: every file before it was read, so it is the one a sequential read would meet.
    let firstError = failed.load(ordering: .relaxed)
    if firstError < count, let error = errors[firstError] { throw error }
    switch loading {
    case .wholeHistories: return .histories((0..<count).map { histories[$0]! })
    case .summaries: return .summaries((0..<count).map { summaries[$0]! })
    }
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
