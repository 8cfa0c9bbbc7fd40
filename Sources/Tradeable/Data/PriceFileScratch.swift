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

  /// Zero bytes kept after a file's last byte, so that the common-layout parser can read sixteen bytes at a time up
  /// to the end (a zero is neither a digit nor a separator, so every run of digits stops at the end).
  static let padding = 16

  /// Reads the file at `path` into `bytes`, followed by `padding` zero bytes (no copy through an `Array`, no
  /// zero-filling of the rest); returns its length. Errors name `displayName`, as `FileBytes.read` does.
  func read(_ path: String, displayName: String) throws(InputError) -> Int {
    let (fd, size) = try FileBytes.openRegularFile(path, displayName: displayName)
    defer { close(fd) }
    if size + Self.padding > byteCapacity {
      bytes.deallocate()
      byteCapacity = max(size + Self.padding, byteCapacity * 2)
      bytes = .allocate(capacity: byteCapacity)
    }
    let count = try FileBytes.readFully(fd, into: bytes, count: size, displayName: displayName)
    (bytes + count).initialize(repeating: 0, count: Self.padding)
    return count
  }
}

extension PriceFileReader {
  /// Powers of ten for the fast path, `NumberParser`'s own table (so both round alike).
  static let fastPowers = NumberParser.powersOfTen

  /// Parses a one-instrument price file in its common exact layout — the header `date,price` or `date,price,volume`,
  /// then rows `YYYY-MM-DD,price[,volume]` with `\n` line ends, dates increasing, plain decimal numbers — straight into
  /// `scratch`, and returns the number of rows and whether there is a volume column. `p` is `scratch.bytes`: the
  /// `PriceFileScratch.padding` zero bytes after the `n` of the file let it read sixteen bytes at a time.
  ///
  /// `nil` means the file is not in that layout or holds something to report: the caller then reads it again with the
  /// general reader (`parse`), which accepts every variation (quotes, spaces, other line ends, columns in any order)
  /// and reports every problem at its line and column. So this path changes speed, never results or messages: every
  /// value it produces is computed as `NumberParser` and `CalendarDay.parse` compute it.
  ///
  /// Speed comes from doing per row only what changes: a row whose first eight bytes (`YYYY-MM-`) are those of the row
  /// before reuses that month's first day and length; a row whose price has the row before's shape is checked against
  /// it (`RowShape`), another short row is read in one go (`shortRow`), and any other reads its numbers eight digits
  /// at a time (`fastField`, `digitRun`).
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
        integerPowers.withUnsafeBufferPointer { integerPowers -> (rows: Int, hasVolume: Bool)? in
          let powers = powers.baseAddress!, integerPowers = integerPowers.baseAddress!
          var rows = 0
          var last = Int32.min
          // The month of the row before: its eight bytes `YYYY-MM-` (0 before the first row: never a date's bytes),
          // first day and number of days.
          var monthBytes: UInt64 = 0
          var monthStart: Int32 = 0
          var monthLength: Int32 = 0
          var shape = RowShape()
          while i < n {
            guard n - i >= 12 else { return nil }
            let bytes = word(p + i)
            if bytes != monthBytes {
              guard let (start, length) = Self.fastMonth(p + i, monthStarts.baseAddress!) else { return nil }
              monthBytes = bytes
              monthStart = start
              monthLength = length
            }
            let d0 = p[i + 8] &- 48, d1 = p[i + 9] &- 48
            guard d0 < 10, d1 < 10, p[i + 10] == UInt8(ascii: ",") else { return nil }
            let dayOfMonth = Int32(d0) * 10 + Int32(d1)
            let day = monthStart + dayOfMonth - 1
            guard dayOfMonth >= 1, dayOfMonth <= monthLength, day > last else { return nil }
            last = day
            var j = i + 11
            let price: Double
            var volume = Double.nan
            if let row = shape.read(p + j, powers, integerPowers)
              ?? Self.shortRow(p + j, hasVolume: hasVolume, powers, integerPowers, shape: &shape)
            {
              price = row.price
              volume = row.volume
              j += row.length
            } else {
              guard let value = Self.fastField(p, &j, n, powers, integerPowers, isVolume: false) else { return nil }
              price = value
              if hasVolume {
                guard p[j] == UInt8(ascii: ","), j < n else { return nil }
                j += 1
                if j < n, p[j] != UInt8(ascii: "\n") {
                  guard let v = Self.fastField(p, &j, n, powers, integerPowers, isVolume: true) else { return nil }
                  volume = v
                }
              }
              if j < n {
                guard p[j] == UInt8(ascii: "\n") else { return nil }
                j += 1
              }
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
  }

  /// The eight bytes at `p` as one word, the first byte lowest.
  @inline(__always)
  static func word(_ p: UnsafePointer<UInt8>) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
  }

  /// The first day (days since the epoch) and the number of days of the month `YYYY-MM-` in the eight bytes at `p`,
  /// as `CalendarDay.parse` checks them (years 1900 to 2200), reading the month table through a pointer.
  @inline(__always)
  static func fastMonth(_ p: UnsafePointer<UInt8>, _ monthStarts: UnsafePointer<Int32>) -> (Int32, Int32)? {
    guard p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
    let y0 = p[0] &- 48, y1 = p[1] &- 48, y2 = p[2] &- 48, y3 = p[3] &- 48
    let m0 = p[5] &- 48, m1 = p[6] &- 48
    guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10 else { return nil }
    let year = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3)
    let month = Int(m0) * 10 + Int(m1)
    guard year >= 1900, year <= 2200, month >= 1, month <= 12 else { return nil }
    let slot = (year - 1900) * 12 + month - 1
    return (monthStarts[slot], monthStarts[slot + 1] - monthStarts[slot])
  }

  /// The rest of a row after its date's comma when it is short and plain — `I.F,V\n` with a volume column, `I.F\n`
  /// without, each of `I` (the price's whole part), `F` (its fraction) and `V` (the volume) one to eight digits, all
  /// within the sixteen bytes at `p` — read in one go: the positions of the separators come from one mask of the
  /// sixteen bytes' non-digits, and each number from one eight-byte word, so no step waits for the one before. The
  /// values are those `fastField` computes for the same bytes (`price` is the mantissa over 10^|F|, `volume` exact);
  /// `length` counts the bytes through the line end. `nil` for any other form: the row then goes field by field.
  @inline(__always)
  static func shortRow(
    _ p: UnsafePointer<UInt8>, hasVolume: Bool, _ powers: UnsafePointer<Double>, _ integerPowers: UnsafePointer<UInt64>,
    shape: inout RowShape
  ) -> (price: Double, volume: Double, length: Int)? {
    let low = word(p)
    let separators = nonDigitBits(low) | nonDigitBits(word(p + 8)) << 8
    let dot = separators.trailingZeroBitCount
    let rest = separators & (separators &- 1)
    let second = rest.trailingZeroBitCount
    let fraction = second - dot - 1
    guard dot >= 1, dot <= 8, fraction >= 1, fraction <= 8, p[dot] == UInt8(ascii: ".") else { return nil }
    let volume: Double
    let end: Int
    if hasVolume {
      let third = (rest & (rest &- 1)).trailingZeroBitCount
      let digits = third - second - 1
      guard digits >= 1, digits <= 8, third < 16, p[second] == UInt8(ascii: ","), p[third] == UInt8(ascii: "\n")
      else { return nil }
      volume = Double(digitsValue(word(p + second + 1), count: digits))
      end = third
    } else {
      guard second < 16, p[second] == UInt8(ascii: "\n") else { return nil }
      volume = .nan
      end = second
    }
    shape = RowShape(dot: dot, second: second, hasVolume: hasVolume)
    guard let price = shortPrice(p, low, dot: dot, fraction: fraction, powers, integerPowers) else { return nil }
    return (price, volume, end + 1)
  }

  /// The price `I.F` at `p` (`low` its first word), its dot at `dot` and `fraction` digits after it (each part one to
  /// eight digits): the mantissa `IF` over 10^fraction, as `fastField` computes it; `nil` from 2⁵³ on (the general
  /// parser then rounds it).
  @inline(__always)
  static func shortPrice(
    _ p: UnsafePointer<UInt8>, _ low: UInt64, dot: Int, fraction: Int, _ powers: UnsafePointer<Double>,
    _ integerPowers: UnsafePointer<UInt64>
  ) -> Double? {
    let mantissa: UInt64
    if dot + fraction < 8 {
      // Whole part and fraction in the first word: the dot taken out (the bytes after it moved down one), the
      // digits read as one number.
      let below = (UInt64(1) &<< UInt64(8 * dot)) &- 1
      mantissa = digitsValue((low & below) | ((low >> 8) & ~below), count: dot + fraction)
    } else {
      mantissa = digitsValue(low, count: dot) &* integerPowers[fraction]
        &+ digitsValue(word(p + dot + 1), count: fraction)
    }
    guard mantissa < (1 << 53) else { return nil }
    return exactDouble(mantissa) / powers[fraction]
  }

  /// One bit per byte of the word `x` (bit k for byte k), set where the byte is not an ASCII digit. A byte is a digit
  /// when both it and it + 6 lie in 0x30...0x3F. A carry out of a byte (0xFA and up, itself not a digit) can only mark
  /// a digit after it as a non-digit, never the reverse, so a byte marked a digit is one.
  @inline(__always)
  static func nonDigitBits(_ x: UInt64) -> UInt32 {
    let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
    let threes: UInt64 = 0x3030_3030_3030_3030
    let v = ((x & high) ^ threes) | (((x &+ 0x0606_0606_0606_0606) & high) ^ threes)
    // The top bit of each non-zero byte of v (no carry crosses a byte: (b & 0x7F) + 0x7F ≤ 0xFE), then those eight
    // bits gathered into the top byte by one multiplication.
    let marks = (((v & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | v) & 0x8080_8080_8080_8080
    return UInt32(truncatingIfNeeded: ((marks >> 7) &* 0x0102_0408_1020_4080) >> 56)
  }

  /// The number the first `count` (1...8) bytes of the word `x` spell, each an ASCII digit: their values moved to the
  /// top bytes with zeros before them, then combined pairwise — two digits, four, eight. A borrow from the subtraction
  /// only reaches the bytes after them, which the shift drops.
  @inline(__always)
  static func digitsValue(_ x: UInt64, count: Int) -> UInt64 {
    var d = (x &- 0x3030_3030_3030_3030) &<< UInt64(64 - 8 * count)
    d = d &* 10 &+ (d >> 8)
    return ((d & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
      &+ ((d >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))) >> 32
  }

  /// `Double(m)` for `m < 2⁵³`, exact either way. Below 2⁵², as the bits of 2⁵² + m less 2⁵²: that writes a whole
  /// register, where the processor's integer conversion merges into the register it writes and so waits for the last
  /// value held there (the division of the row before), chaining every row's division to the next.
  @inline(__always)
  static func exactDouble(_ m: UInt64) -> Double {
    m < (1 << 52) ? Double(bitPattern: 0x4330_0000_0000_0000 | m) - 0x1p52 : Double(m)
  }

  /// 10⁰ … 10¹⁹ as integers.
  static let integerPowers: [UInt64] = (0...19).map { e in (0..<e).reduce(1) { r, _ in r * 10 } }

  /// The run of ASCII digits starting at `i` (moved past it): its value (wrapping past 19 digits, when the caller no
  /// longer uses it) and its length. Reads eight bytes at a time, so the bytes up to seven past the run must be
  /// readable; a run stops at the first byte that is not a digit (the zero padding after the file at the latest).
  @inline(__always)
  static func digitRun(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ integerPowers: UnsafePointer<UInt64>)
    -> (value: UInt64, count: Int)
  {
    var value: UInt64 = 0
    var count = 0
    while true {
      let x = word(p + i)
      let digits = (nonDigitBits(x) | 0x100).trailingZeroBitCount  // 8 when all eight are digits
      if digits > 0 {
        value = value &* integerPowers[digits] &+ digitsValue(x, count: digits)
        count += digits
        i += digits
      }
      if digits < 8 { return (value, count) }
    }
  }

  /// The number in the field starting at `i` (moved to the byte that ends the field: the first at or below `,` in
  /// value — a comma, a line end, a space, …), parsed in the same pass: `NumberParser.parse`'s Clinger fast path for
  /// the plain form `[-]digits[.digits]` of at most 19 digits followed by a comma or a line end, computed the same
  /// way; any other field goes to `NumberParser.parse` itself. `nil` when the field is not a finite number (or, for a
  /// volume, is below zero): the general reader then reports it.
  ///
  /// A value of the fast path is finite by construction (a mantissa below 2⁵³ over at most 10²²), so nothing waits
  /// for its division: the loop goes on to the next field while it runs.
  @inline(__always)
  static func fastField(
    _ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ powers: UnsafePointer<Double>,
    _ integerPowers: UnsafePointer<UInt64>, isVolume: Bool
  ) -> Double? {
    let start = i
    let negative = p[i] == UInt8(ascii: "-")
    if negative { i += 1 }
    let (whole, digits) = digitRun(p, &i, integerPowers)
    var mantissa = whole
    var fraction = 0
    if p[i] == UInt8(ascii: "."), i < end {
      i += 1
      let (part, count) = digitRun(p, &i, integerPowers)
      fraction = count
      if fraction <= 19 { mantissa = mantissa &* integerPowers[fraction] &+ part }
    }
    if i == end || p[i] == UInt8(ascii: ",") || p[i] == UInt8(ascii: "\n"), digits + fraction > 0,
      digits + fraction <= 19, mantissa < (1 << 53), fraction <= 22, !(isVolume && negative && mantissa != 0)
    {
      // x / 1 is x: integers (volumes, mostly) skip the division.
      let whole = exactDouble(mantissa)
      let value = fraction == 0 ? whole : whole / powers[fraction]
      return negative ? -value : value
    }
    while i < end, p[i] > UInt8(ascii: ",") { i += 1 }
    guard let value = NumberParser.parse(p, start, i), value.isFinite, !(isVolume && value < 0) else { return nil }
    return value
  }
}

/// The layout of the price in the row before, for rows of the short plain form (`PriceFileReader.shortRow`): where
/// its dot and the separator after it (the comma before the volume, or the line end) fall after the date's comma.
/// Consecutive rows mostly share it (the same number of digits), and a row known to have it is checked with a few
/// word operations — every byte that must be a digit is one, each separator is the one expected — instead of locating
/// its separators again; the volume, whose length varies more, is then read as one run of digits.
struct RowShape {
  /// Positions of the price's dot and of the separator after the price; `second` is 0 before the first short row
  /// (no shape yet).
  var dot = 0
  var second = 0
  var hasVolume = false
  /// Per byte of the two words after the date's comma: the byte expected (`0x30` where a digit goes, the separator
  /// where one goes) and 0 after the price's separator; 0xFF through that separator; 0xFF at the separators.
  var expected: (UInt64, UInt64) = (0, 0)
  var inPrice: (UInt64, UInt64) = (0, 0)
  var separators: (UInt64, UInt64) = (0, 0)

  init() {}

  init(dot: Int, second: Int, hasVolume: Bool) {
    self.dot = dot
    self.second = second
    self.hasVolume = hasVolume
    inPrice = Self.lanes(below: second + 1)
    let dotMark = Self.lane(dot, 0xFF), secondMark = Self.lane(second, 0xFF)
    let dotByte = Self.lane(dot, UInt64(UInt8(ascii: ".")))
    let secondByte = Self.lane(second, UInt64(hasVolume ? UInt8(ascii: ",") : UInt8(ascii: "\n")))
    separators = (dotMark.0 | secondMark.0, dotMark.1 | secondMark.1)
    let digits: UInt64 = 0x3030_3030_3030_3030
    expected = (
      (digits & inPrice.0 & ~separators.0) | dotByte.0 | secondByte.0,
      (digits & inPrice.1 & ~separators.1) | dotByte.1 | secondByte.1
    )
  }

  /// The two words with 0xFF in the bytes `0 ..< count` (`count` ≤ 16).
  static func lanes(below count: Int) -> (UInt64, UInt64) {
    let low: UInt64 = count >= 8 ? ~0 : (UInt64(1) << UInt64(8 * count)) &- 1
    let high: UInt64 = count <= 8 ? 0 : count >= 16 ? ~0 : (UInt64(1) << UInt64(8 * (count - 8))) &- 1
    return (low, high)
  }

  /// The two words with `byte` at position `k` (< 16) and 0 elsewhere.
  static func lane(_ k: Int, _ byte: UInt64) -> (UInt64, UInt64) {
    k < 8 ? (byte << UInt64(8 * k), 0) : (0, byte << UInt64(8 * (k - 8)))
  }

  /// The row at `p` (the byte after the date's comma) read with this shape: `nil` when there is no shape yet or the
  /// row's price does not have it, or its volume is not one to eight digits and the line end. The values are those
  /// `shortRow` computes.
  @inline(__always)
  func read(_ p: UnsafePointer<UInt8>, _ powers: UnsafePointer<Double>, _ integerPowers: UnsafePointer<UInt64>)
    -> (price: Double, volume: Double, length: Int)?
  {
    guard second > 0 else { return nil }
    let low = PriceFileReader.word(p), high = PriceFileReader.word(p + 8)
    // t is 0 where a separator is as expected and 0...9 where a digit is; the top bit of (t & 0x7F) + 0x76, or of t,
    // is set exactly where t is 10 or more (no carry leaves a byte).
    let t = ((low ^ expected.0) & inPrice.0, (high ^ expected.1) & inPrice.1)
    let tens: UInt64 = 0x7676_7676_7676_7676, seven: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, top: UInt64 = 0x8080_8080_8080_8080
    let notDigits = ((((t.0 & seven) &+ tens) | t.0) | (((t.1 & seven) &+ tens) | t.1)) & top
    guard notDigits == 0, (t.0 & separators.0) | (t.1 & separators.1) == 0 else { return nil }
    var volume = Double.nan
    var length = second + 1
    if hasVolume {
      // The separator is a real comma, so the eight bytes after it are the file's or its zero padding.
      let x = PriceFileReader.word(p + second + 1)
      let digits = (PriceFileReader.nonDigitBits(x) | 0x100).trailingZeroBitCount
      guard digits >= 1, digits <= 8, p[second + 1 + digits] == UInt8(ascii: "\n") else { return nil }
      volume = Double(PriceFileReader.digitsValue(x, count: digits))
      length += digits + 1
    }
    guard
      let price = PriceFileReader.shortPrice(p, low, dot: dot, fraction: second - dot - 1, powers, integerPowers)
    else { return nil }
    return (price, volume, length)
  }
}
