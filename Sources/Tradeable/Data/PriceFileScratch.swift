#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One loading worker's reusable buffers: the bytes of the file being read and its parsed rows. A worker reads one
/// price file after another into the same memory, so a folder of 100,000 files costs no allocation per file and its
/// memory is that of the largest file, not of the universe; what is kept of each file (a `PriceSummary`, or a
/// `PriceHistory` of exactly its length) is copied out before the next file is read.
final class PriceFileScratch {
  private(set) var bytes: UnsafeMutablePointer<UInt8>
  private(set) var byteCapacity: Int
  private(set) var dates: UnsafeMutablePointer<CalendarDay>
  private(set) var prices: UnsafeMutablePointer<Double>
  private(set) var volumes: UnsafeMutablePointer<Double>
  private(set) var rowCapacity: Int

  init() {
    byteCapacity = 1 << 16
    bytes = .allocate(capacity: byteCapacity)
    rowCapacity = 1 << 12
    dates = .allocate(capacity: rowCapacity)
    prices = .allocate(capacity: rowCapacity)
    volumes = .allocate(capacity: rowCapacity)
  }

  deinit {
    bytes.deallocate()
    dates.deallocate()
    prices.deallocate()
    volumes.deallocate()
  }

  /// Room for `count` rows (contents not kept).
  func reserveRows(_ count: Int) {
    guard count > rowCapacity else { return }
    dates.deallocate()
    prices.deallocate()
    volumes.deallocate()
    rowCapacity = max(count, rowCapacity * 2)
    dates = .allocate(capacity: rowCapacity)
    prices = .allocate(capacity: rowCapacity)
    volumes = .allocate(capacity: rowCapacity)
  }

  /// Reads the file at `path` into `bytes` (no copy through an `Array`, no zero-filling); returns its length. Errors
  /// name `displayName`, as `FileBytes.read` does.
  func read(_ path: String, displayName: String) throws(InputError) -> Int {
    let (fd, size) = try FileBytes.openRegularFile(path, displayName: displayName)
    defer { close(fd) }
    if size + 1 > byteCapacity {
      bytes.deallocate()
      byteCapacity = max(size + 1, byteCapacity * 2)
      bytes = .allocate(capacity: byteCapacity)
    }
    return try FileBytes.readFully(fd, into: bytes, count: size, displayName: displayName)
  }
}

extension PriceFileReader {
  /// Powers of ten for the fast path, `NumberParser`'s own table (so both round alike).
  static let fastPowers = NumberParser.powersOfTen

  /// Parses a one-instrument price file in its common exact layout — the header `date,price` or `date,price,volume`,
  /// then rows `YYYY-MM-DD,price[,volume]` with `\n` line ends, dates increasing, plain decimal numbers — straight into
  /// `scratch`, and returns the number of rows and whether there is a volume column.
  ///
  /// `nil` means the file is not in that layout or holds something to report: the caller then reads it again with the
  /// general reader (`parse`), which accepts every variation (quotes, spaces, other line ends, columns in any order)
  /// and reports every problem at its line and column. So this path changes speed, never results or messages: every
  /// value it produces is computed as `NumberParser` and `CalendarDay.parse` compute it.
  static func parseCommonLayout(_ p: UnsafePointer<UInt8>, count n: Int, into scratch: PriceFileScratch)
    -> (rows: Int, hasVolume: Bool)?
  {
    var i: Int
    let hasVolume: Bool
    let long: StaticString = "date,price,volume\n"
    let short: StaticString = "date,price\n"
    if n >= long.utf8CodeUnitCount, memcmp(p, long.utf8Start, long.utf8CodeUnitCount) == 0 {
      i = long.utf8CodeUnitCount
      hasVolume = true
    } else if n >= short.utf8CodeUnitCount, memcmp(p, short.utf8Start, short.utf8CodeUnitCount) == 0 {
      i = short.utf8CodeUnitCount
      hasVolume = false
    } else {
      return nil
    }
    // Every row takes at least 12 bytes (a date, a comma, a digit; a line end but for the last).
    scratch.reserveRows((n - i) / 12 + 1)
    let dates = scratch.dates, prices = scratch.prices, volumes = scratch.volumes
    return CalendarDay.monthStarts.withUnsafeBufferPointer { monthStarts -> (rows: Int, hasVolume: Bool)? in
      fastPowers.withUnsafeBufferPointer { powers -> (rows: Int, hasVolume: Bool)? in
        var rows = 0
        var last = Int32.min
        while i < n {
          guard n - i >= 12, p[i + 10] == UInt8(ascii: ","),
            let day = Self.fastDate(p + i, monthStarts.baseAddress!), day > last
          else { return nil }
          last = day
          var j = i + 11
          guard let price = Self.fastField(p, &j, n, powers.baseAddress!), price.isFinite else { return nil }
          var volume = Double.nan
          if hasVolume {
            guard j < n, p[j] == UInt8(ascii: ",") else { return nil }
            j += 1
            if j < n, p[j] != UInt8(ascii: "\n") {
              guard let v = Self.fastField(p, &j, n, powers.baseAddress!), v.isFinite, v >= 0 else { return nil }
              volume = v
            }
          }
          if j < n {
            guard p[j] == UInt8(ascii: "\n") else { return nil }
            j += 1
          }
          dates[rows] = CalendarDay(daysSinceEpoch: day)
          prices[rows] = price
          volumes[rows] = volume
          rows += 1
          i = j
        }
        return rows > 0 ? (rows, hasVolume) : nil
      }
    }
  }

  /// `CalendarDay.parse` of the ten bytes at `p` as days since the epoch, reading the month table through a pointer.
  @inline(__always)
  static func fastDate(_ p: UnsafePointer<UInt8>, _ monthStarts: UnsafePointer<Int32>) -> Int32? {
    guard p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
    let y0 = p[0] &- 48, y1 = p[1] &- 48, y2 = p[2] &- 48, y3 = p[3] &- 48
    let m0 = p[5] &- 48, m1 = p[6] &- 48, d0 = p[8] &- 48, d1 = p[9] &- 48
    guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10, d0 < 10, d1 < 10 else { return nil }
    let year = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3)
    let month = Int(m0) * 10 + Int(m1), day = Int(d0) * 10 + Int(d1)
    guard year >= 1900, year <= 2200, month >= 1, month <= 12 else { return nil }
    let slot = (year - 1900) * 12 + month - 1
    let start = monthStarts[slot]
    guard day >= 1, Int32(day) <= monthStarts[slot + 1] - start else { return nil }
    return start + Int32(day - 1)
  }

  /// The number in the field starting at `i` (moved to the byte that ends the field: the first at or below `,` in
  /// value — a comma, a line end, a space, …), parsed in the same pass: `NumberParser.parse`'s Clinger fast path for
  /// the plain form `[-]digits[.digits]` of at most 19 digits followed by a comma or a line end, computed the same
  /// way; any other field goes to `NumberParser.parse` itself.
  @inline(__always)
  static func fastField(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ powers: UnsafePointer<Double>)
    -> Double?
  {
    let start = i
    let negative = i < end && p[i] == UInt8(ascii: "-")
    if negative { i += 1 }
    var mantissa: UInt64 = 0
    var digits = 0
    while i < end {
      let d = p[i] &- 48
      if d >= 10 { break }
      mantissa = mantissa &* 10 &+ UInt64(d)
      digits += 1
      i += 1
    }
    var fraction = 0
    if i < end, p[i] == UInt8(ascii: ".") {
      i += 1
      while i < end {
        let d = p[i] &- 48
        if d >= 10 { break }
        mantissa = mantissa &* 10 &+ UInt64(d)
        fraction += 1
        i += 1
      }
    }
    if i == end || p[i] == UInt8(ascii: ",") || p[i] == UInt8(ascii: "\n"), digits + fraction > 0,
      digits + fraction <= 19, mantissa < (1 << 53), fraction <= 22
    {
      // x / 1 is x: integers (volumes, mostly) skip the division.
      let value = fraction == 0 ? Double(mantissa) : Double(mantissa) / powers[fraction]
      return negative ? -value : value
    }
    while i < end, p[i] > UInt8(ascii: ",") { i += 1 }
    return NumberParser.parse(p, start, i)
  }
}
