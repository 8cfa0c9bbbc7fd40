/// Byte-level reader for pysystemtrade's timestamped price files: `adjusted_prices_csv/CODE.csv` (`DATETIME,price`),
/// `fx_prices_csv/CCYUSD.csv` (`DATETIME,PRICE`; `DATETIME,FX` before 2020) and the legacy layout's `CODE_price.csv`
/// (`DATETIME,PRICE`) and `CCYUSDfx.csv` (`DATETIME,FX`).
///
/// What these files hold, and what the reader does with it:
/// - `DATETIME` is `YYYY-MM-DD`, optionally followed by a space or `T` and a time `HH:MM[:SS[.fraction]]`, optionally
///   followed by a UTC offset (`Z`, `+01:00`, `-0500`). The day is the date *as written*: no time-zone conversion (a
///   row stamped `2018-01-01 23:00:00` belongs to 2018-01-01).
/// - Recent years hold several intraday rows per day: a day's price is its **last** row that has a price.
/// - A row without a price (an empty field, or `nan`, which is how pandas writes a missing value) is skipped and
///   counted; a day whose rows are all without a price has no price.
/// - Rows must be in time order; two rows with the same timestamp are allowed and the later one wins.
/// - Prices are read as written, correctly rounded to the nearest `Double` (float noise such as
///   `516.3999999999994` is kept: it is within a few units in the last place of the intended decimal).
/// The column names are matched without regard to case; the value column is the first of `valueColumns` the header
/// has (`priceColumns` for prices, `fxColumns` for FX); other columns are ignored. Fields are split by
/// `CSVFieldReader` (quoted fields, blank lines, the field-count check).
public enum PysystemtradePriceReader {
  /// Value columns of a price file: `price` (any case).
  public static let priceColumns = ["price"]
  /// Value columns of an FX file, in the order tried: `PRICE` (2020 on), `FX` (before: the legacy layout and the
  /// first `fx_prices_csv/`), `FXRATE` (the name pysystemtrade's legacy documentation gives).
  public static let fxColumns = ["price", "fx", "fxrate"]

  /// One file's daily prices and what was skipped to get them.
  public struct DailyPrices: Sendable, Equatable {
    /// One price per day: the day's last row with a price. No volume (pysystemtrade keeps none here).
    public var history: PriceHistory
    /// Data rows in the file (blank lines not counted).
    public var rows: Int
    /// Rows without a price (empty or `nan`), skipped.
    public var rowsWithoutPrice: Int
    /// The value column read, as the header spells it (`price`, `PRICE`, `FX`).
    public var valueColumn: String = "price"
  }

  /// Reads `bytes`, the contents of `file`, taking the first of `valueColumns` (lower case) the header has.
  public static func read(_ bytes: [UInt8], file: String, valueColumns: [String] = priceColumns) throws(InputError)
    -> DailyPrices
  {
    try withCSVFieldReader(bytes, file: file, fieldCountSuggestion: "Give every row one value per header column.") {
      reader throws(InputError) in try read(&reader, file: file, valueColumns: valueColumns)
    }
  }

  static func read(_ reader: inout CSVFieldReader, file: String, valueColumns: [String]) throws(InputError)
    -> DailyPrices
  {
    guard try reader.next() else {
      throw InputError(
        file: file, message: "the file is empty",
        suggestion: "Write the header 'DATETIME,price' and one row per price.")
    }
    let p = reader.base
    // Header, matched without regard to case.
    let header = reader.texts()
    let names = header.map { $0.lowercased() }
    try CSVFieldReader.checkDuplicateNames(names, ignoringCase: true, file: file, line: reader.line)
    try CSVFieldReader.checkColumnNames(
      names, known: ["datetime"] + valueColumns, accepted: ["date", "index"], ignoringCase: true, file: file,
      line: reader.line)
    let valueName = valueColumns.first { names.contains($0) }
    // The timestamp column is DATETIME (pandas writes the index name); `date` and `index` are accepted too, and in a
    // two-column file the column that is not the value.
    let twoColumnFallback = names.count == 2 && valueName != nil ? names.firstIndex { $0 != valueName } : nil
    guard
      let dateColumn = names.firstIndex(of: "datetime") ?? names.firstIndex(of: "date")
        ?? names.firstIndex(of: "index") ?? twoColumnFallback
    else {
      throw InputError(
        file: file, line: reader.line,
        message: "missing column 'DATETIME' in the header '\(reader.headerExcerpt())'",
        suggestion: "Start the file with pysystemtrade's header 'DATETIME,price'.")
    }
    guard let valueName, let priceColumn = names.firstIndex(of: valueName) else {
      let wanted = valueColumns.map { "'\($0)'" }
      let either = wanted.count == 1 ? wanted[0] : wanted.dropLast().joined(separator: ", ") + " or " + wanted.last!
      throw InputError(
        file: file, line: reader.line,
        message: "missing column \(either) in the header '\(reader.headerExcerpt())'",
        suggestion: valueColumns == priceColumns
          ? "Start the file with pysystemtrade's header 'DATETIME,price'."
          : "Start the file with pysystemtrade's header 'DATETIME,PRICE' (files before 2020 read 'DATETIME,FX'; "
            + "both are accepted).")
    }
    let fieldCount = names.count

    var dates: [CalendarDay] = []
    var prices: [Double] = []
    var rows = 0
    var rowsWithoutPrice = 0
    var previous: (day: CalendarDay, seconds: Double, line: Int, start: Int, end: Int)? = nil
    while try reader.next() {
      rows += 1
      try reader.requireFieldCount(fieldCount)
      let line = reader.line

      // Timestamp.
      let (ds, de) = reader.bounds(dateColumn)
      guard let (day, seconds) = parseTimestamp(p, ds, de) else {
        let (message, suggestion) = CalendarDay.problem(
          p + ds, count: de - ds, what: "DATETIME",
          format: "Write timestamps as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, e.g. 2023-08-31 20:00:00.")
        throw InputError(file: file, line: line, column: dateColumn + 1, message: message, suggestion: suggestion)
      }
      if let previous, day < previous.day || (day == previous.day && seconds < previous.seconds) {
        throw InputError(
          file: file, line: line, column: dateColumn + 1,
          message:
            "'\(InputError.escapedExcerpt(UnsafeBufferPointer(start: p + ds, count: de - ds)))' comes before "
              + "'\(InputError.escapedExcerpt(UnsafeBufferPointer(start: p + previous.start, count: previous.end - previous.start)))' "
              + "on line \(previous.line): rows are not sorted",
          suggestion: "Sort the rows by DATETIME, oldest first.")
      }
      previous = (day, seconds, line, ds, de)

      // Price: a missing one is skipped (pandas writes NaN as an empty field).
      let (ps, pe) = reader.bounds(priceColumn)
      if ps == pe || isNotANumber(p, ps, pe) {
        rowsWithoutPrice += 1
        continue
      }
      guard let price = NumberParser.parse(p, ps, pe), price.isFinite else {
        throw InputError(
          file: file, line: line, column: priceColumn + 1, message: "cannot read '\(reader.excerpt(priceColumn))' as a price",
          suggestion: "Write the price as a plain decimal number (it may be negative), or leave it empty.")
      }
      if let last = dates.last, last == day {
        prices[prices.count - 1] = price  // the day's last row wins
      } else {
        dates.append(day)
        prices.append(price)
      }
    }
    return DailyPrices(
      history: PriceHistory(dates: dates, prices: prices), rows: rows, rowsWithoutPrice: rowsWithoutPrice,
      valueColumn: header[priceColumn])
  }

  /// Whether `p[s..<e]` spells `nan` in any case.
  static func isNotANumber(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
    guard e - s == 3 else { return false }
    return p[s] | 0x20 == UInt8(ascii: "n") && p[s + 1] | 0x20 == UInt8(ascii: "a")
      && p[s + 2] | 0x20 == UInt8(ascii: "n")
  }

  /// The day and the seconds into it of a pysystemtrade timestamp (see the type's comment); `nil` if malformed.
  static func parseTimestamp(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> (CalendarDay, Double)? {
    guard e - s >= 10, let day = CalendarDay.parse(p + s, count: 10) else { return nil }
    var i = s + 10
    if i == e { return (day, 0) }
    guard p[i] == UInt8(ascii: " ") || p[i] == UInt8(ascii: "T") else { return nil }
    i += 1
    func twoDigits(_ at: Int) -> Int? {
      guard at + 2 <= e else { return nil }
      let a = Int(p[at]) &- 48
      let b = Int(p[at + 1]) &- 48
      guard (0...9).contains(a), (0...9).contains(b) else { return nil }
      return a * 10 + b
    }
    guard let hour = twoDigits(i), hour <= 23, i + 2 < e, p[i + 2] == UInt8(ascii: ":"),
      let minute = twoDigits(i + 3), minute <= 59
    else { return nil }
    var seconds = Double(hour * 3600 + minute * 60)
    i += 5
    if i < e, p[i] == UInt8(ascii: ":") {
      guard let second = twoDigits(i + 1), second <= 60 else { return nil }
      seconds += Double(second)
      i += 3
      if i < e, p[i] == UInt8(ascii: ".") {
        i += 1
        var scale = 0.1
        let first = i
        while i < e, p[i] &- 48 < 10 {
          seconds += Double(p[i] &- 48) * scale
          scale /= 10
          i += 1
        }
        guard i > first else { return nil }
      }
    }
    // Optional UTC offset, ignored: the day is the date as written.
    if i < e {
      if p[i] == UInt8(ascii: "Z"), i + 1 == e { return (day, seconds) }
      guard p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-"), twoDigits(i + 1) != nil else { return nil }
      var j = i + 3
      if j < e, p[j] == UInt8(ascii: ":") { j += 1 }
      guard twoDigits(j) != nil, j + 2 == e else { return nil }
    }
    return (day, seconds)
  }
}
