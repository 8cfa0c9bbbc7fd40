#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level reader for price files: `date,price[,volume]` (one instrument) or `date,code,price[,volume]` (long).
///
/// Price files are the bulk of every run (the bundled futures hold 740,000 rows; a generated 100,000-instrument
/// universe 113 million), so this works on raw bytes with raw pointers: fields split by `CSVFieldReader` with no
/// `String` per field, a table-driven ISO date parser, `NumberParser`'s correctly rounded fast path, arrays reserved at
/// their final size (a newline count) so nothing is copied while growing. Columns are found by header name, in any
/// order; other columns are ignored. Empty lines are skipped. Every malformed row is an `InputError` with its line and column: a missing or unparsable date or
/// price, a negative volume, a repeated date, dates out of order, an unknown code.
public enum PriceFileReader {
  struct Layout {
    var date: Int
    var price: Int
    var code: Int?
    var volume: Int?
    var fieldCount: Int
  }

  /// The instrument's history from a one-instrument file (folder layout `prices/CODE.csv`).
  public static func readInstrumentFile(_ bytes: [UInt8], file: String) throws(InputError) -> PriceHistory {
    let result: Result<PriceHistory, InputError> = bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(InputError) -> PriceHistory in try readInstrumentFile(buffer, file: file) }
    }
    return try result.get()
  }

  /// The instrument's history from the bytes of a one-instrument file.
  static func readInstrumentFile(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(InputError)
    -> PriceHistory
  {
    let rows = try parse(bytes, file: file, long: false, codes: [:], instruments: 1)
    guard rows.dates.count > 0 else {
      throw InputError(
        file: file, line: 2, message: "the file has a header but no prices",
        suggestion: "Add rows 'YYYY-MM-DD,price', or remove the instrument from instruments.csv.")
    }
    return PriceHistory(dates: rows.dates, prices: rows.prices, volumes: rows.volumes)
  }

  /// Histories of `codes.count` instruments from one long file; `codes` maps a code to its index.
  /// An instrument without rows gets an empty history (the caller reports it).
  public static func readLongFile(_ bytes: [UInt8], file: String, codes: [String: Int]) throws(InputError)
    -> [PriceHistory]
  {
    let rows = try parse(bytes, file: file, long: true, codes: codes, instruments: codes.count)
    // Distribute the rows to their instruments (a counting sort by instrument keeps each one's row order).
    var counts = [Int](repeating: 0, count: codes.count)
    for i in rows.instrument { counts[Int(i)] += 1 }
    var dates = counts.map { c -> [CalendarDay] in
      var a: [CalendarDay] = []
      a.reserveCapacity(c)
      return a
    }
    var prices = counts.map { c -> [Double] in
      var a: [Double] = []
      a.reserveCapacity(c)
      return a
    }
    var volumes: [[Double]] = rows.volumes == nil ? [] : counts.map { c in
      var a: [Double] = []
      a.reserveCapacity(c)
      return a
    }
    for r in 0..<rows.instrument.count {
      let i = Int(rows.instrument[r])
      dates[i].append(rows.dates[r])
      prices[i].append(rows.prices[r])
      if let v = rows.volumes { volumes[i].append(v[r]) }
    }
    return (0..<codes.count).map {
      PriceHistory(dates: dates[$0], prices: prices[$0], volumes: rows.volumes == nil ? nil : volumes[$0])
    }
  }

  /// Rows in file order, with the instrument index of each (long files).
  struct Rows {
    var instrument: [Int32] = []
    var dates: [CalendarDay] = []
    var prices: [Double] = []
    var volumes: [Double]? = nil
  }

  /// The layout of the header record `reader` has just read: columns found by their trimmed, lower-case names.
  static func parseHeader(_ reader: borrowing CSVFieldReader, file: String, long: Bool) throws(InputError) -> Layout {
    let names = reader.texts().map { $0.lowercased() }
    let expected = long ? "date,code,price[,volume]" : "date,price[,volume]"
    try CSVFieldReader.checkDuplicateNames(names, ignoringCase: true, file: file, line: reader.line)
    try CSVFieldReader.checkColumnNames(
      names, known: long ? ["date", "code", "price", "volume"] : ["date", "price", "volume"],
      accepted: long ? [] : ["code"], ignoringCase: true, file: file, line: reader.line)
    func column(_ name: String) throws(InputError) -> Int {
      guard let c = names.firstIndex(of: name) else {
        throw InputError(
          file: file, line: reader.line,
          message: "missing column '\(name)' in the header '\(reader.headerExcerpt())'",
          suggestion: "Start the file with the header '\(expected)'.")
      }
      return c
    }
    return Layout(
      date: try column("date"), price: try column("price"), code: long ? try column("code") : nil,
      volume: names.firstIndex(of: "volume"), fieldCount: names.count)
  }

  static func text(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self)
  }

  static func parse(_ bytes: [UInt8], file: String, long: Bool, codes: [String: Int], instruments: Int)
    throws(InputError) -> Rows
  {
    let result: Result<Rows, InputError> = bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(InputError) -> Rows in
        try parse(buffer, file: file, long: long, codes: codes, instruments: instruments)
      }
    }
    return try result.get()
  }

  static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, file: String, long: Bool, codes: [String: Int], instruments: Int
  ) throws(InputError) -> Rows {
    let suggestion = "Give every row one value per header column."
    return try withCSVFieldReader(bytes, file: file, fieldCountSuggestion: suggestion) {
      reader throws(InputError) -> Rows in
      let p = reader.base
      let end = reader.end
      guard try reader.next() else {
        throw InputError(
          file: file, message: "the file is empty",
          suggestion: "Write the header '\(long ? "date,code,price" : "date,price")' and one row per day.")
      }
      let layout = try parseHeader(reader, file: file, long: long)
      // Exact capacity: at most one row per remaining newline (plus an unterminated last line).
      var capacity = 1
      var scan = reader.position
      while scan < end {
        guard let hit = memchr(p + scan, Int32(UInt8(ascii: "\n")), end - scan) else { break }
        capacity += 1
        scan = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - p + 1
      }
      var rows = Rows()
      rows.dates.reserveCapacity(capacity)
      rows.prices.reserveCapacity(capacity)
      if long { rows.instrument.reserveCapacity(capacity) }
      var volumes: [Double] = []
      if layout.volume != nil { volumes.reserveCapacity(capacity) }
      var lastDate = [Int32](repeating: Int32.min, count: max(instruments, 1))
      var lastLine = [Int](repeating: 0, count: max(instruments, 1))
      var lastCodeStart = -1, lastCodeEnd = -1, lastIndex = 0
      while try reader.next() {
        try reader.requireFieldCount(layout.fieldCount)
        let line = reader.line
        // Which instrument.
        var index = 0
        if let codeColumn = layout.code {
          let (s, e) = reader.bounds(codeColumn)
          if lastCodeStart >= 0, e - s == lastCodeEnd - lastCodeStart, memcmp(p + s, p + lastCodeStart, e - s) == 0 {
            index = lastIndex
          } else if let found = codes[reader.text(codeColumn)] {
            index = found
            lastCodeStart = s
            lastCodeEnd = e
            lastIndex = found
          } else {
            throw InputError(
              file: file, line: line, column: codeColumn + 1,
              message: s == e ? "the instrument code is empty" : "unknown instrument code '\(reader.excerpt(codeColumn))'",
              suggestion: "Add the instrument to instruments.csv, or remove its rows from this file.")
          }
        }
        // Date.
        let (ds, de) = reader.bounds(layout.date)
        guard let date = CalendarDay.parse(p + ds, count: de - ds) else {
          let (message, suggestion) = CalendarDay.problem(p + ds, count: de - ds)
          throw InputError(
            file: file, line: line, column: layout.date + 1, message: message, suggestion: suggestion)
        }
        // Price.
        let (ps, pe) = reader.bounds(layout.price)
        guard let price = NumberParser.parse(p, ps, pe), price.isFinite else {
          throw InputError(
            file: file, line: line, column: layout.price + 1,
            message: pe == ps ? "the price is empty" : "cannot read '\(reader.excerpt(layout.price))' as a price",
            suggestion: "Write the price as a plain decimal number (it may be negative); remove days without one.")
        }
        // Volume.
        if let volumeColumn = layout.volume {
          let (vs, ve) = reader.bounds(volumeColumn)
          var volume = Double.nan
          if ve > vs {
            guard let v = NumberParser.parse(p, vs, ve), v.isFinite, v >= 0 else {
              throw InputError(
                file: file, line: line, column: volumeColumn + 1,
                message: "cannot read '\(reader.excerpt(volumeColumn))' as a volume (contracts traded, 0 or more)",
                suggestion: "Write the number of contracts traded, or leave the field empty if unknown.")
            }
            volume = v
          }
          volumes.append(volume)
        }
        // Order, per instrument.
        let previous = lastDate[index]
        if date.daysSinceEpoch <= previous {
          let earlier = CalendarDay(daysSinceEpoch: previous)
          throw InputError(
            file: file, line: line, column: layout.date + 1,
            message: date.daysSinceEpoch == previous
              ? "duplicate date \(date) (also on line \(lastLine[index]))"
              : "date \(date) comes after \(earlier) on line \(lastLine[index]): dates are not sorted",
            suggestion: date.daysSinceEpoch == previous
              ? "Keep one row per date\(long ? " and instrument" : "")."
              : "Sort the rows by date, oldest first.")
        }
        lastDate[index] = date.daysSinceEpoch
        lastLine[index] = line
        rows.dates.append(date)
        rows.prices.append(price)
        if long { rows.instrument.append(Int32(index)) }
      }
      if layout.volume != nil { rows.volumes = volumes }
      return rows
    }
  }
}
