/// Byte-level reader for price files: `date,price[,volume]` (one instrument) or `date,code,price[,volume]` (long).
///
/// Price files are the bulk of every run (the bundled futures hold 740,000 rows), so this works on raw bytes: no
/// `String` per field, a hand-written ISO date parser and `NumberParser`'s correctly rounded fast path. Columns are
/// found by header name, in any order; other columns are ignored. Empty lines are skipped. Every malformed row is an
/// `InputError` with its line and column: a missing or unparsable date or price, a negative volume, a repeated date,
/// dates out of order, an unknown code.
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
    var histories = [Builder()]
    try read(bytes, file: file, long: false, resolve: { _, _, _ in 0 }, into: &histories)
    guard histories[0].dates.count > 0 else {
      throw InputError(
        file: file, line: 2, message: "the file has a header but no prices",
        suggestion: "Add rows 'YYYY-MM-DD,price', or remove the instrument from instruments.csv.")
    }
    return histories[0].history
  }

  /// Histories of `codes.count` instruments from one long file; `codes` maps a code to its index.
  /// An instrument without rows gets an empty history (the caller reports it).
  public static func readLongFile(_ bytes: [UInt8], file: String, codes: [String: Int]) throws(InputError)
    -> [PriceHistory]
  {
    var histories = [Builder](repeating: Builder(), count: codes.count)
    try read(
      bytes, file: file, long: true,
      resolve: { (p: UnsafePointer<UInt8>, start: Int, end: Int) -> Int? in
        let code = String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
        return codes[code.trimmingSpaces()]
      }, into: &histories)
    return histories.map(\.history)
  }

  struct Builder {
    var dates: [CalendarDay] = []
    var prices: [Double] = []
    var volumes: [Double] = []
    var hasVolumeColumn = false
    var lastLine = 0
    var history: PriceHistory {
      PriceHistory(dates: dates, prices: prices, volumes: hasVolumeColumn ? volumes : nil)
    }
  }

  static func parseHeader(_ p: UnsafePointer<UInt8>, _ end: Int, file: String, long: Bool) throws(InputError)
    -> (Layout, Int)
  {
    var i = 0
    if end >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
    var names: [String] = []
    var start = i
    while i <= end {
      if i == end || p[i] == UInt8(ascii: ",") || p[i] == UInt8(ascii: "\n") {
        var e = i
        if e > start, p[e - 1] == UInt8(ascii: "\r") { e -= 1 }
        names.append(
          String(decoding: UnsafeBufferPointer(start: p + start, count: e - start), as: UTF8.self).trimmingSpaces()
            .lowercased())
        if i == end || p[i] == UInt8(ascii: "\n") { break }
        start = i + 1
      }
      i += 1
    }
    let expected = long ? "date,code,price[,volume]" : "date,price[,volume]"
    func column(_ name: String) throws(InputError) -> Int {
      guard let c = names.firstIndex(of: name) else {
        throw InputError(
          file: file, line: 1, message: "missing column '\(name)' in the header '\(names.joined(separator: ","))'",
          suggestion: "Start the file with the header '\(expected)'.")
      }
      return c
    }
    let layout = Layout(
      date: try column("date"), price: try column("price"), code: long ? try column("code") : nil,
      volume: names.firstIndex(of: "volume"), fieldCount: names.count)
    return (layout, min(i + 1, end))
  }

  static func read(
    _ bytes: [UInt8], file: String, long: Bool,
    resolve: (UnsafePointer<UInt8>, Int, Int) -> Int?, into histories: inout [Builder]
  ) throws(InputError) {
    if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
      throw InputError(
        file: file, message: "the file is empty",
        suggestion: "Write the header '\(long ? "date,code,price" : "date,price")' and one row per day.")
    }
    let result: Result<Void, InputError> = bytes.withUnsafeBufferPointer { buffer in
      let p = buffer.baseAddress!
      let end = buffer.count
      do throws(InputError) {
        let (layout, bodyStart) = try parseHeader(p, end, file: file, long: long)
        if layout.volume != nil { for k in histories.indices { histories[k].hasVolumeColumn = true } }
        var i = bodyStart
        var line = 2
        var fieldStarts = [Int](repeating: 0, count: layout.fieldCount + 1)
        var lastCodeStart = -1, lastCodeEnd = -1, lastIndex = 0
        while i < end {
          // Find the fields of this line.
          var lineEnd = i
          var fields = 0
          fieldStarts[0] = i
          while lineEnd < end, p[lineEnd] != UInt8(ascii: "\n") {
            if p[lineEnd] == UInt8(ascii: ",") {
              fields += 1
              if fields < layout.fieldCount { fieldStarts[fields] = lineEnd + 1 }
            }
            lineEnd += 1
          }
          var contentEnd = lineEnd
          if contentEnd > i, p[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
          defer {
            i = lineEnd + 1
            line += 1
          }
          if contentEnd == i { continue }  // blank line
          if fields + 1 != layout.fieldCount {
            throw InputError(
              file: file, line: line, column: min(fields + 1, layout.fieldCount) + 1,
              message: "the row has \(fields + 1) fields but the header has \(layout.fieldCount)",
              suggestion: "Give every row one value per header column.")
          }
          fieldStarts[layout.fieldCount] = contentEnd + 1
          @inline(__always) func bounds(_ f: Int) -> (Int, Int) {
            var s = fieldStarts[f], e = fieldStarts[f + 1] - 1
            while s < e, p[s] == UInt8(ascii: " ") { s += 1 }
            while e > s, p[e - 1] == UInt8(ascii: " ") { e -= 1 }
            return (s, e)
          }
          func text(_ s: Int, _ e: Int) -> String {
            String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self)
          }
          // Which instrument.
          var index = 0
          if let codeColumn = layout.code {
            let (s, e) = bounds(codeColumn)
            if e - s == lastCodeEnd - lastCodeStart, lastCodeStart >= 0,
              memcmp(p + s, p + lastCodeStart, e - s) == 0
            {
              index = lastIndex
            } else if let found = resolve(p, s, e) {
              index = found
              lastCodeStart = s
              lastCodeEnd = e
              lastIndex = found
            } else {
              throw InputError(
                file: file, line: line, column: codeColumn + 1,
                message: s == e ? "the instrument code is empty" : "unknown instrument code '\(text(s, e))'",
                suggestion: "Add the instrument to instruments.csv, or remove its rows from this file.")
            }
          }
          // Date.
          let (ds, de) = bounds(layout.date)
          guard let date = CalendarDay.parse(p + ds, count: de - ds) else {
            throw InputError(
              file: file, line: line, column: layout.date + 1,
              message: de == ds ? "the date is empty" : "cannot read '\(text(ds, de))' as a date",
              suggestion: "Write dates as YYYY-MM-DD, e.g. 2023-08-31.")
          }
          // Price.
          let (ps, pe) = bounds(layout.price)
          guard let price = NumberParser.parse(p, ps, pe), price.isFinite else {
            throw InputError(
              file: file, line: line, column: layout.price + 1,
              message: pe == ps ? "the price is empty" : "cannot read '\(text(ps, pe))' as a price",
              suggestion: "Write the price as a plain decimal number (it may be negative); remove days without one.")
          }
          // Volume.
          var volume = Double.nan
          if let volumeColumn = layout.volume {
            let (vs, ve) = bounds(volumeColumn)
            if ve > vs {
              guard let v = NumberParser.parse(p, vs, ve), v.isFinite, v >= 0 else {
                throw InputError(
                  file: file, line: line, column: volumeColumn + 1,
                  message: "cannot read '\(text(vs, ve))' as a volume (contracts traded, 0 or more)",
                  suggestion: "Write the number of contracts traded, or leave the field empty if unknown.")
              }
              volume = v
            }
          }
          // Order.
          if let previous = histories[index].dates.last, date <= previous {
            let earlierLine = histories[index].lastLine
            throw InputError(
              file: file, line: line, column: layout.date + 1,
              message: date == previous
                ? "duplicate date \(date) (also on line \(earlierLine))"
                : "date \(date) comes after \(previous) on line \(earlierLine): dates are not sorted",
              suggestion: date == previous
                ? "Keep one row per date\(long ? " and instrument" : "")."
                : "Sort the rows by date, oldest first.")
          }
          histories[index].dates.append(date)
          histories[index].prices.append(price)
          if layout.volume != nil { histories[index].volumes.append(volume) }
          histories[index].lastLine = line
        }
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    try result.get()
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
