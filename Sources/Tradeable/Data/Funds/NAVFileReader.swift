/// Where a series first appears in the input: for messages such as "unknown product".
public struct InputLocation: Sendable, Equatable {
  public var file: String
  public var line: Int?
  public var column: Int?

  public init(file: String, line: Int? = nil, column: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
  }
}

/// Reads NAV (or price) files in the three layouts the fund commands accept, at the byte level (the bundled S&P 500
/// stock file holds 166,000 values):
///
/// - long: `date,code,nav` — one row per product and date, products interleaved in any order, each product's dates
///   increasing;
/// - one series: `date,nav` — the code is the file name without `.csv` (the folder layout `navs/CODE.csv`);
/// - wide: `date,A,B,…` — one column per series, named by its header (the layout of the bundled `data/funds` files
///   and of a spreadsheet export), rows in increasing date order.
///
/// Header names are matched without regard to case; `price`, `close`, `adj_close` or `value` are accepted for `nav`;
/// a time of day after a date is ignored. A missing value — an empty cell or
/// `NaN`, `NA`, `N/A`, `null`, `none` in any case — is skipped (ragged starts, holidays of one market). Every other
/// problem is an `InputError` with the line and column: an unparsable or non-positive NAV, an unparsable date, a
/// repeated date, dates out of order, a row with the wrong number of fields. Fields are split by `CSVFieldReader`
/// (quoted fields, blank lines, the field-count check).
public enum NAVFileReader {
  /// The series of one file, in order of first appearance (wide: column order), with where each first appears.
  public struct Contents: Sendable {
    public var series: [NAVSeries]
    public var origins: [InputLocation]
  }

  /// Header names (lower case) accepted for the value column of a long or one-series file, in order of preference.
  static let valueNames = ["nav", "price", "close", "adj_close", "adj close", "value"]

  /// Layout of a header.
  enum Layout {
    case long(date: Int, code: Int, nav: Int)
    case single(date: Int, nav: Int)
    case wide(date: Int, names: [String])
  }

  /// Reads the file at `path`; `displayName` names it in messages. `singleCode` is the code of a one-series file
  /// (default: the file name without its extension).
  public static func read(path: String, displayName: String? = nil, singleCode: String? = nil) throws(InputError)
    -> Contents
  {
    let name = displayName ?? path
    let bytes = try FileBytes.read(path, displayName: name)
    var base = Substring(path.split(separator: "/").last ?? Substring(path))
    if base.lowercased().hasSuffix(".csv") { base = base.dropLast(4) }
    return try parse(bytes, file: name, singleCode: singleCode ?? String(base))
  }

  /// Parses the bytes of a NAV file (see the type's comment).
  public static func parse(_ bytes: [UInt8], file: String, singleCode: String) throws(InputError) -> Contents {
    try withCSVFieldReader(
      bytes, file: file,
      fieldCountSuggestion:
        "Give every row one value per header column (leave a cell empty when a value is missing)."
    ) { reader throws(InputError) in try parse(&reader, file: file, singleCode: singleCode) }
  }

  static func isMissing(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
    let length = e - s
    if length == 0 { return true }
    guard length <= 4 else { return false }
    var word = ""
    for k in s..<e { word.unicodeScalars.append(Unicode.Scalar(p[k] | 0x20)) }  // ASCII lower case
    return word == "nan" || word == "na" || word == "n/a" || word == "null" || word == "none"
  }

  static func parse(_ reader: inout CSVFieldReader, file: String, singleCode: String) throws(InputError) -> Contents {
    guard try reader.next() else {
      throw InputError(
        file: file, message: "the file is empty",
        suggestion: "Write a header (date,code,nav — or date then one column per product) and one row per date.")
    }
    let p = reader.base
    func text(_ f: Int) -> String { reader.text(f) }

    let headerLine = reader.line
    try reader.requireUTF8()
    let names = reader.texts()
    let lower = names.map { $0.lowercased() }
    try CSVFieldReader.checkHeaderNames(
      names, file: file, line: headerLine,
      emptySuggestion: "Name every column: date, then the product codes (or date,code,nav).",
      duplicateSuggestion: "Give each series one column.")
    guard let dateColumn = lower.firstIndex(of: "date") else {
      throw InputError(
        file: file, line: headerLine,
        message: "no 'date' column in the header '\(reader.headerExcerpt())'",
        suggestion: "Start the file with 'date,code,nav' (long), 'date,nav' (one product) or 'date,A,B,…' (one "
          + "column per product).")
    }
    let navColumn = NAVFileReader.valueNames.lazy.compactMap { lower.firstIndex(of: $0) }.first
    let layout: Layout
    if let codeColumn = lower.firstIndex(of: "code") {
      guard let navColumn else {
        throw InputError(
          file: file, line: headerLine, message: "a 'code' column but no 'nav' column",
          suggestion: "A long file has the header 'date,code,nav'.")
      }
      layout = .long(date: dateColumn, code: codeColumn, nav: navColumn)
    } else if let navColumn, names.count == 2 {
      layout = .single(date: dateColumn, nav: navColumn)
    } else {
      guard names.count >= 2 else {
        throw InputError(
          file: file, line: headerLine, message: "the header has only a date column",
          suggestion: "Add one column per product after 'date', or use 'date,code,nav'.")
      }
      layout = .wide(date: dateColumn, names: names)
    }

    var series: [NAVSeries] = []
    var origins: [InputLocation] = []
    var lastLines: [Int] = []
    var index: [String: Int] = [:]
    switch layout {
    case .single:
      series = [NAVSeries(code: singleCode, dates: [], navs: [])]
      origins = [InputLocation(file: file)]
      lastLines = [0]
    case .wide(let date, let names):
      for (k, n) in names.enumerated() where k != date {
        series.append(NAVSeries(code: n, dates: [], navs: []))
        origins.append(InputLocation(file: file, line: headerLine, column: k + 1))
        lastLines.append(0)
      }
    case .long: break
    }
    let fieldCount = names.count
    var lastRowDate: CalendarDay? = nil
    var lastRowLine = 0

    func date(at f: Int) throws(InputError) -> CalendarDay {
      let (start, end) = reader.bounds(f)
      var length = end - start
      // A time of day after the date (`2023-01-03 00:00:00`, `2023-01-03T16:00`) is ignored.
      if length > 10, p[start + 10] == UInt8(ascii: " ") || p[start + 10] == UInt8(ascii: "T") { length = 10 }
      guard let d = CalendarDay.parse(p + start, count: length) else {
        let (message, suggestion) = CalendarDay.problem(
          p + start, count: end - start, format: "Write dates as YYYY-MM-DD, e.g. 2022-12-28.")
        throw InputError(file: file, line: reader.line, column: f + 1, message: message, suggestion: suggestion)
      }
      return d
    }
    /// The NAV in field `f`, `nil` when missing.
    func nav(at f: Int, code: String) throws(InputError) -> Double? {
      let (start, end) = reader.bounds(f)
      if isMissing(p, start, end) { return nil }
      guard let value = NumberParser.parse(p, start, end), value.isFinite else {
        throw InputError(
          file: file, line: reader.line, column: f + 1, message: "cannot read '\(reader.excerpt(f))' as the NAV of '\(InputError.escapedExcerpt(code))'",
          suggestion: "Write a plain positive decimal number, or leave the cell empty when there is no NAV that day.")
      }
      guard value > 0 else {
        throw InputError(
          file: file, line: reader.line, column: f + 1,
          message: "the NAV \(reader.excerpt(f)) of '\(InputError.escapedExcerpt(code))' is not positive",
          suggestion: "A NAV per unit is always above zero: correct the value, or leave the cell empty if unknown.")
      }
      return value
    }
    func append(_ k: Int, _ d: CalendarDay, _ value: Double, dateColumn: Int, perSeries: Bool) throws(InputError) {
      if perSeries, let previous = series[k].dates.last, d <= previous {
        throw InputError(
          file: file, line: reader.line, column: dateColumn + 1,
          message: d == previous
            ? "duplicate date \(d) for '\(series[k].code)' (also on line \(lastLines[k]))"
            : "date \(d) of '\(series[k].code)' comes after \(previous) on line \(lastLines[k]): dates are not sorted",
          suggestion: d == previous
            ? "Keep one NAV per product and date." : "Sort each product's rows by date, oldest first.")
      }
      series[k].dates.append(d)
      series[k].navs.append(value)
      lastLines[k] = reader.line
    }

    /// Rows of a one-series or wide file must have strictly increasing dates.
    func checkRowOrder(_ d: CalendarDay) throws(InputError) {
      let dateColumn: Int
      switch layout {
      case .single(let c, _), .wide(let c, _): dateColumn = c
      case .long(let c, _, _): dateColumn = c
      }
      if let previous = lastRowDate, d <= previous {
        throw InputError(
          file: file, line: reader.line, column: dateColumn + 1,
          message: d == previous
            ? "duplicate date \(d) (also on line \(lastRowLine))"
            : "date \(d) comes after \(previous) on line \(lastRowLine): dates are not sorted",
          suggestion: d == previous ? "Keep one row per date." : "Sort the rows by date, oldest first.")
      }
      lastRowDate = d
      lastRowLine = reader.line
    }

    while try reader.next() {
      try reader.requireFieldCount(fieldCount)
      switch layout {
      case .long(let dateColumn, let codeColumn, let navColumn):
        let code = text(codeColumn)
        if code.isEmpty {
          throw InputError(
            file: file, line: reader.line, column: codeColumn + 1, message: "the product code is empty",
            suggestion: "Give the product's code on every row.")
        }
        let k: Int
        if let found = index[code] {
          k = found
        } else {
          k = series.count
          index[code] = k
          series.append(NAVSeries(code: code, dates: [], navs: []))
          origins.append(InputLocation(file: file, line: reader.line, column: codeColumn + 1))
          lastLines.append(0)
        }
        let d = try date(at: dateColumn)
        if let value = try nav(at: navColumn, code: code) {
          try append(k, d, value, dateColumn: dateColumn, perSeries: true)
        }
      case .single(let dateColumn, let navColumn):
        let d = try date(at: dateColumn)
        try checkRowOrder(d)
        if let value = try nav(at: navColumn, code: singleCode) {
          try append(0, d, value, dateColumn: dateColumn, perSeries: false)
        }
      case .wide(let dateColumn, _):
        let d = try date(at: dateColumn)
        try checkRowOrder(d)
        var k = 0
        for f in 0..<fieldCount where f != dateColumn {
          if let value = try nav(at: f, code: series[k].code) {
            try append(k, d, value, dateColumn: dateColumn, perSeries: false)
          }
          k += 1
        }
      }
    }

    if series.isEmpty {
      throw InputError(
        file: file, line: headerLine + 1, message: "the file has a header but no NAVs",
        suggestion: "Add rows 'date,code,nav'.")
    }
    return Contents(series: series, origins: origins)
  }
}
