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
    reserveBytes(size)
    let count = try FileBytes.readFully(fd, into: bytes, count: size, displayName: displayName)
    (bytes + count).initialize(repeating: 0, count: Self.padding)
    return count
  }

  /// Copies `source` into `bytes`, followed by `padding` zero bytes, as `read` leaves a file; returns its length.
  func load(_ source: [UInt8]) -> Int {
    reserveBytes(source.count)
    source.withUnsafeBufferPointer { if let start = $0.baseAddress { bytes.update(from: start, count: $0.count) } }
    (bytes + source.count).initialize(repeating: 0, count: Self.padding)
    return source.count
  }

  /// The first `rows` parsed rows as a history of exactly their length (volumes when `hasVolume`).
  func history(rows: Int, hasVolume: Bool) -> PriceHistory {
    PriceHistory(
      dates: Array(UnsafeBufferPointer(start: dates, count: rows)),
      prices: Array(UnsafeBufferPointer(start: prices, count: rows)),
      volumes: hasVolume ? Array(UnsafeBufferPointer(start: volumes, count: rows)) : nil)
  }

  /// Room for `count` bytes and the padding after them (contents not kept).
  private func reserveBytes(_ count: Int) {
    guard count + Self.padding > byteCapacity else { return }
    bytes.deallocate()
    byteCapacity = max(count + Self.padding, byteCapacity * 2)
    bytes = .allocate(capacity: byteCapacity)
  }
}

extension PriceFileReader {
  /// The history the common-layout fast path reads from the bytes of a one-instrument file, or `nil` when it leaves
  /// the file to the general reader; with `lastVolumes`, converting only the volumes of the last that many rows (as a
  /// summary does), the others `NaN` where the fast path did not convert them. For the fuzz target that checks the
  /// fast path against `readInstrumentFile`, value for value.
  @_spi(Fuzzing) public static func fastPathHistory(_ bytes: [UInt8], lastVolumes: Int? = nil) -> PriceHistory? {
    let scratch = PriceFileScratch()
    let n = scratch.load(bytes)
    let volumesFrom = lastVolumes.map { startOfLastLines(scratch.bytes, count: n, lines: $0) } ?? 0
    guard let (rows, hasVolume) = parseCommonLayout(scratch.bytes, count: n, into: scratch, volumesFrom: volumesFrom)
    else { return nil }
    return scratch.history(rows: rows, hasVolume: hasVolume)
  }

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
  /// before reuses that month's first day and length; a row whose day and price have the row before's shape is
  /// checked against it in two words and read with that shape's constants (`RowShape`), another short row is read in
  /// one go (`shortRow`), and any other reads its numbers eight digits at a time (`fastField`, `digitRun`). The loop
  /// is written once for both headers and compiled for each (`parseRows`), so that no row tests which it has. A
  /// row's price is divided by its power of ten one row later, when the division's operands have long been ready, so
  /// that no row waits for the one before's division.
  ///
  /// Rows starting before byte `volumesFrom` may have their volumes checked but not converted (left `NaN`): a summary
  /// reads only the last rows' volumes (`startOfLastLines` says where they start). 0, the default, converts all.
  static func parseCommonLayout(
    _ p: UnsafePointer<UInt8>, count n: Int, into scratch: PriceFileScratch, volumesFrom: Int = 0
  ) -> (rows: Int, hasVolume: Bool)? {
    let long: StaticString = "date,price,volume\n"
    let short: StaticString = "date,price\n"
    if n >= long.utf8CodeUnitCount, memcmp(p, long.utf8Start, long.utf8CodeUnitCount) == 0 {
      return parseRows(
        p, count: n, from: long.utf8CodeUnitCount, hasVolume: true, volumesFrom: volumesFrom, into: scratch
      ).map { ($0, true) }
    }
    if n >= short.utf8CodeUnitCount, memcmp(p, short.utf8Start, short.utf8CodeUnitCount) == 0 {
      return parseRows(p, count: n, from: short.utf8CodeUnitCount, hasVolume: false, volumesFrom: n, into: scratch)
        .map { ($0, false) }
    }
    return nil
  }

  /// The byte from which the last `lines` lines of the `n` bytes at `p` start, or 0 when there are no more: the
  /// position after the (`lines` + 1)-th line end from the end, so that it is right whether or not the last line
  /// has a line end (without one, it takes one line more).
  static func startOfLastLines(_ p: UnsafePointer<UInt8>, count n: Int, lines: Int) -> Int {
    var found = 0
    var k = n
    while k > 0 {
      k -= 1
      if p[k] == UInt8(ascii: "\n") {
        found += 1
        if found > lines { return k + 1 }
      }
    }
    return 0
  }

  /// The rows of `parseCommonLayout` from byte `first` (the one after the header): their number, `nil` to leave the
  /// file to the general reader.
  @inline(__always)
  static func parseRows(
    _ p: UnsafePointer<UInt8>, count n: Int, from first: Int, hasVolume: Bool, volumesFrom: Int,
    into scratch: PriceFileScratch
  ) -> Int? {
    // Every row takes at least 12 bytes (a date, a comma, a digit; a line end but for the last).
    scratch.reserveRows((n - first) / 12 + 1)
    let dates = scratch.dates, prices = scratch.prices, volumes = scratch.volumes
    return CalendarDay.monthStarts.withUnsafeBufferPointer { monthStarts -> Int? in
      fastPowers.withUnsafeBufferPointer { powers -> Int? in
        integerPowers.withUnsafeBufferPointer { integerPowers -> Int? in
          let powers = powers.baseAddress!, integerPowers = integerPowers.baseAddress!
          var i = first
          var rows = 0
          var last = Int32.min
          // The month of the row before: its eight bytes `YYYY-MM-` (0 before the first row: never a date's bytes),
          // first day and number of days.
          var monthBytes: UInt64 = 0
          var monthStart: Int32 = 0
          var monthLength: Int32 = 0
          var shape = RowShape()
          // The row before's price, not yet divided by its divisor (1 for a value already final).
          var pending = 0.0
          var pendingDivisor = 1.0
          // Indices stay below n + 16 (the row's bytes and the padding), so they are added without overflow checks.
          while i < n {
            guard n &- i >= 12 else { return nil }
            let bytes = word(p + i)
            if bytes != monthBytes {
              guard let (start, length) = Self.fastMonth(p + i, monthStarts.baseAddress!) else { return nil }
              monthBytes = bytes
              monthStart = start
              monthLength = length
            }
            let dayOfMonth: Int32
            let price: Double
            var divisor = 1.0
            var volume = Double.nan
            var j: Int
            if let row = shape.read(p + i, hasVolume: hasVolume, convertingVolume: i >= volumesFrom) {
              dayOfMonth = row.dayOfMonth
              price = row.numerator
              divisor = shape.divisor
              volume = row.volume
              j = i &+ row.length
            } else {
              let d0 = p[i &+ 8] &- 48, d1 = p[i &+ 9] &- 48
              guard d0 < 10, d1 < 10, p[i &+ 10] == UInt8(ascii: ",") else { return nil }
              dayOfMonth = Int32(d0) &* 10 &+ Int32(d1)
              j = i &+ 11
              if let row = Self.shortRow(p + j, hasVolume: hasVolume, powers, integerPowers, shape: &shape) {
                price = row.price
                volume = row.volume
                j &+= row.length
              } else {
                guard let value = Self.fastField(p, &j, n, powers, integerPowers, isVolume: false) else { return nil }
                price = value
                if hasVolume {
                  guard p[j] == UInt8(ascii: ","), j < n else { return nil }
                  j &+= 1
                  if j < n, p[j] != UInt8(ascii: "\n") {
                    guard let v = Self.fastField(p, &j, n, powers, integerPowers, isVolume: true) else { return nil }
                    volume = v
                  }
                }
                if j < n {
                  guard p[j] == UInt8(ascii: "\n") else { return nil }
                  j &+= 1
                }
              }
            }
            // 1 ≤ day of month ≤ the month's length, as one unsigned comparison.
            let day = monthStart &+ dayOfMonth &- 1
            guard UInt32(bitPattern: dayOfMonth &- 1) < UInt32(bitPattern: monthLength), day > last else { return nil }
            last = day
            dates[rows] = CalendarDay(daysSinceEpoch: day)
            if rows > 0 { prices[rows &- 1] = pending / pendingDivisor }
            pending = price
            pendingDivisor = divisor
            volumes[rows] = volume
            rows &+= 1
            i = j
          }
          guard rows > 0 else { return nil }
          prices[rows &- 1] = pending / pendingDivisor
          return rows
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

  /// The rest of a row after its date's comma when it is short and plain — `P,V\n` with a volume column, `P\n`
  /// without, the price `P` a decimal `I.F` or a whole number `I`, possibly negative (`-I.F`, `-I`), each of `I` (the
  /// price's whole part), `F` (its fraction) and `V` (the volume) one to eight digits, all within the sixteen bytes at
  /// `p` — read in one go: the positions of the separators come from one mask of the sixteen bytes' non-digits, and
  /// each number from one eight-byte word, so no step waits for the one before. The values are those `fastField`
  /// computes for the same bytes (`price` is the mantissa over 10^|F|, negated after a minus sign; `volume` exact);
  /// `length` counts the bytes through the line end. `nil` for any other form: the row then goes field by field. Sets
  /// `shape` to the row's, for the rows after it.
  @inline(__always)
  static func shortRow(
    _ p: UnsafePointer<UInt8>, hasVolume: Bool, _ powers: UnsafePointer<Double>, _ integerPowers: UnsafePointer<UInt64>,
    shape: inout RowShape
  ) -> (price: Double, volume: Double, length: Int)? {
    let low = word(p)
    // A leading minus sign is not a separator: its bit is cleared, and the whole part starts after it.
    let sign = p[0] == UInt8(ascii: "-") ? 1 : 0
    let separators = (nonDigitBits(low) | nonDigitBits(word(p + 8)) << 8) & ~UInt32(sign)
    let first = separators.trailingZeroBitCount
    let afterFirst = separators & (separators &- 1)
    guard first >= 1 + sign, first - sign <= 8 else { return nil }
    // A dot, then one to eight digits of fraction; or no dot (a whole number), its separator the first non-digit.
    let hasDot = p[first] == UInt8(ascii: ".")
    let second = hasDot ? afterFirst.trailingZeroBitCount : first
    let rest = hasDot ? afterFirst & (afterFirst &- 1) : afterFirst
    let fraction = hasDot ? second - first - 1 : 0
    guard !hasDot || (fraction >= 1 && fraction <= 8) else { return nil }
    let volume: Double
    let end: Int
    if hasVolume {
      let third = rest.trailingZeroBitCount
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
    shape = RowShape(sign: sign, dot: hasDot ? first : nil, second: second, hasVolume: hasVolume)
    let digits = p + sign
    let digitsWord = sign == 0 ? low : word(digits)
    let magnitude: Double
    if hasDot {
      guard let value = shortPrice(digits, digitsWord, dot: first - sign, fraction: fraction, powers, integerPowers)
      else { return nil }
      magnitude = value
    } else {
      // At most eight digits: exact, and x / 10⁰ is x.
      magnitude = smallExactDouble(digitsValue(digitsWord, count: first - sign))
    }
    return (sign == 0 ? magnitude : -magnitude, volume, end + 1)
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
  /// top bytes with zeros before them (`combineDigits` then reads them). A borrow from the subtraction only reaches
  /// the bytes after them, which the shift drops.
  @inline(__always)
  static func digitsValue(_ x: UInt64, count: Int) -> UInt64 {
    combineDigits((x &- 0x3030_3030_3030_3030) &<< UInt64(64 - 8 * count))
  }

  /// The number whose decimal digits are the values (0...9) of the top bytes of `d`, the first and most significant in
  /// the lowest of them, zero bytes below them: combined pairwise — two digits, four, eight.
  @inline(__always)
  static func combineDigits(_ d: UInt64) -> UInt64 {
    let pairs = d &* 10 &+ (d >> 8)
    return ((pairs & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
      &+ ((pairs >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))) >> 32
  }

  /// `Double(m)` for `m < 2⁵³`, exact either way. Below 2⁵², as the bits of 2⁵² + m less 2⁵²: that writes a whole
  /// register, where the processor's integer conversion merges into the register it writes and so waits for the last
  /// value held there (the division of the row before), chaining every row's division to the next.
  @inline(__always)
  static func exactDouble(_ m: UInt64) -> Double {
    m < (1 << 52) ? smallExactDouble(m) : Double(m)
  }

  /// `Double(m)` for `m < 2⁵²` (the caller knows it), as `exactDouble` computes it there.
  @inline(__always)
  static func smallExactDouble(_ m: UInt64) -> Double {
    Double(bitPattern: 0x4330_0000_0000_0000 | m) - 0x1p52
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

/// The shape of the row before, for rows of the short plain form (`PriceFileReader.shortRow`): where its price's sign,
/// dot and the separator after the price (the comma before the volume, or the line end) fall after the date's comma.
/// Consecutive rows mostly share it (the same number of digits), and a row known to have it is checked with a few word
/// operations instead of locating its separators again: the sixteen bytes from its day of month (`DD,` then the
/// price and its separator) against the bytes expected — every byte that must be a digit is one, each separator is
/// the one expected — and its price read with constants computed once per shape; the volume, whose length varies
/// more, is then read up to its line end.
struct RowShape {
  /// Position after the date's comma of the separator after the price; 0 when there is no shape (before the first
  /// short row, or after one too long for the window).
  var second = 0
  /// 1 when the price starts with a minus sign, else 0.
  var sign = 0
  var hasVolume = false
  /// The window: the two words of the sixteen bytes from the row's day of month (positions 0 and 1 the day's digits,
  /// 2 the date's comma, the price from 3). Per byte: the byte expected (`0x30` where a digit goes, the separator
  /// where one goes), 0 after the price's separator; 0xFF through that separator; 0xFF at the separators.
  var expected: (UInt64, UInt64) = (0, 0)
  var inWindow: (UInt64, UInt64) = (0, 0)
  var separators: (UInt64, UInt64) = (0, 0)
  /// The price's digits: `wholeDigits` before the dot, `fraction` after it (0 for a whole number). When all of them
  /// and the dot lie in the word from the first digit (`inOneWord`), the mantissa is that word's bytes below `below`,
  /// then those above it moved down one (the dot taken out; `below` is all of them without a dot), shifted by `shift`
  /// into `combineDigits`'s form.
  var wholeDigits = 0
  var fraction = 0
  var inOneWord = false
  var below: UInt64 = 0
  var shift: UInt64 = 0
  /// 10^fraction, as a `Double` (the divisor) and as an integer.
  var divisor = 1.0
  var fractionScale: UInt64 = 1

  /// Bytes of the window (its sixteen less the day and the date's comma): the separator after the price must fall
  /// within them.
  static let windowPriceBytes = 13

  init() {}

  /// The shape of a short row with its sign, dot (`nil` for a whole number) and separator where `shortRow` found
  /// them; no shape (`second` 0) when the price and its separator do not fit the window.
  init(sign: Int, dot: Int?, second: Int, hasVolume: Bool) {
    guard second < Self.windowPriceBytes else { return }
    self.second = second
    self.sign = sign
    self.hasVolume = hasVolume
    let first = 3  // the price's first byte in the window
    inWindow = Self.lanes(below: first + second + 1)
    var marks = Self.lane(2, 0xFF)
    var bytes = Self.lane(2, UInt64(UInt8(ascii: ",")))
    func mark(_ k: Int, _ byte: UInt8) {
      let m = Self.lane(k, 0xFF), b = Self.lane(k, UInt64(byte))
      marks = (marks.0 | m.0, marks.1 | m.1)
      bytes = (bytes.0 | b.0, bytes.1 | b.1)
    }
    if sign == 1 { mark(first, UInt8(ascii: "-")) }
    if let dot { mark(first + dot, UInt8(ascii: ".")) }
    mark(first + second, hasVolume ? UInt8(ascii: ",") : UInt8(ascii: "\n"))
    separators = marks
    let digits: UInt64 = 0x3030_3030_3030_3030
    expected = ((digits & inWindow.0 & ~marks.0) | bytes.0, (digits & inWindow.1 & ~marks.1) | bytes.1)
    wholeDigits = (dot ?? second) - sign
    fraction = dot.map { second - $0 - 1 } ?? 0
    // The digits and the dot take wholeDigits + fraction + 1 bytes (a whole number: wholeDigits).
    inOneWord = dot == nil ? wholeDigits <= 8 : wholeDigits + fraction < 8
    below = dot == nil ? ~0 : (UInt64(1) &<< UInt64(8 * wholeDigits)) &- 1
    shift = UInt64(64 - 8 * (inOneWord ? wholeDigits + fraction : 1))
    divisor = PriceFileReader.fastPowers[fraction]
    fractionScale = PriceFileReader.integerPowers[fraction]
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

  /// The row starting at `p` (its date; the month, bytes 0 to 7, is the caller's) read with this shape: its day of
  /// month (not yet checked against the month), its price times `divisor` (the caller divides: the price is then the
  /// one `shortRow` computes), its volume (`NaN` without a volume column, or when not `convertingVolume`: checked,
  /// not converted) and its length through the line end. `nil` when there is no shape, the row does not have it, or
  /// its volume is not one to eight digits and the line end.
  @inline(__always)
  func read(_ p: UnsafePointer<UInt8>, hasVolume: Bool, convertingVolume: Bool)
    -> (dayOfMonth: Int32, numerator: Double, volume: Double, length: Int)?
  {
    guard second > 0 else { return nil }
    // t is 0 where a separator is as expected and 0...9 where a digit is; the top bit of (t & 0x7F) + 0x76, or of t,
    // is set exactly where t is 10 or more (no carry leaves a byte).
    let t = (
      (PriceFileReader.word(p + 8) ^ expected.0) & inWindow.0, (PriceFileReader.word(p + 16) ^ expected.1) & inWindow.1
    )
    guard Self.notDigits(t.0) | Self.notDigits(t.1) == 0, (t.0 & separators.0) | (t.1 & separators.1) == 0 else {
      return nil
    }
    let dayOfMonth = Int32(truncatingIfNeeded: t.0 & 0xFF) &* 10 &+ Int32(truncatingIfNeeded: (t.0 >> 8) & 0xFF)
    // The price's digits start after the date's comma and the sign; the window's separator is a real byte of the
    // file, so every word read below lies within the file and its padding.
    let digits = p + (11 &+ sign)
    let low = PriceFileReader.word(digits)
    // The mantissa, exact as a Double (below 10^8 in one word, checked below 2^53 across two); -m / d is -(m / d).
    let magnitude: Double
    if inOneWord {
      let joined = (low & below) | ((low >> 8) & ~below)
      magnitude = PriceFileReader.smallExactDouble(
        PriceFileReader.combineDigits((joined &- 0x3030_3030_3030_3030) &<< shift))
    } else {
      let mantissa = PriceFileReader.digitsValue(low, count: wholeDigits) &* fractionScale
        &+ PriceFileReader.digitsValue(PriceFileReader.word(digits + wholeDigits + 1), count: fraction)
      guard mantissa < (1 << 53) else { return nil }
      magnitude = PriceFileReader.exactDouble(mantissa)
    }
    var volume = Double.nan
    var length = 11 &+ second &+ 1
    if hasVolume {
      // The volume's length is that of its digits before the first line end of the word after the comma: the lowest
      // zero byte of x ^ 0x0A…, found exactly by the borrow trick (a false mark can only follow a true one). Eight
      // digits have their line end just after the word.
      let x = PriceFileReader.word(p + length)
      let lineEnds = x ^ 0x0A0A_0A0A_0A0A_0A0A
      let count = ((lineEnds &- 0x0101_0101_0101_0101) & ~lineEnds & 0x8080_8080_8080_8080).trailingZeroBitCount >> 3
      guard count >= 1 else { return nil }
      if count == 8 { guard p[length &+ 8] == UInt8(ascii: "\n") else { return nil } }
      // The digits' values in the top bytes: a byte that is not a digit gives 10 or more where it is the first (no
      // borrow reaches it from the digits before it).
      let values = (x &- 0x3030_3030_3030_3030) &<< UInt64(64 &- 8 &* count)
      guard Self.notDigits(values) == 0 else { return nil }
      if convertingVolume { volume = PriceFileReader.smallExactDouble(PriceFileReader.combineDigits(values)) }
      length &+= count &+ 1
    }
    return (dayOfMonth, sign == 0 ? magnitude : -magnitude, volume, length)
  }

  /// The top bit of each byte of `t` that is 10 or more: (b & 0x7F) + 0x76 reaches 0x80 from 10 on, with no carry out
  /// of the byte, and b itself has it from 0x80 on.
  @inline(__always)
  static func notDigits(_ t: UInt64) -> UInt64 {
    (((t & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | t) & 0x8080_8080_8080_8080
  }
}
