import Foundation
import Testing
@_spi(Fuzzing) @testable import Tradeable
import _TestSupport

/// The common-layout parser reads eight and sixteen bytes at a time (`PriceFileReader.parseCommonLayout`); it must read
/// exactly what the general reader reads, and give up on everything the general reader reports.
@Suite("Price file fast path")
struct PriceFileFastPathTests {
  /// The fast path's history of `text`, or `nil` when it gives up (the loader then uses the general reader).
  static func fastHistory(_ text: [UInt8]) -> PriceHistory? { PriceFileReader.fastPathHistory(text) }

  /// Bitwise equality of two histories (a `NaN` volume equals a `NaN`; `-0` differs from `0`).
  static func same(_ a: PriceHistory, _ b: PriceHistory) -> Bool {
    func bits(_ x: [Double]?) -> [UInt64]? { x?.map(\.bitPattern) }
    return a.dates == b.dates && bits(a.prices) == bits(b.prices)
      && a.volumes?.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern } == b.volumes?.map {
        $0.isNaN ? Double.nan.bitPattern : $0.bitPattern
      }
  }

  @Test("a byte is marked a non-digit exactly when it is not 0-9, at every position, whatever comes before it")
  func nonDigitMarks() {
    // Every byte value at every position of a word of digits, and after each byte 0xFA-0xFF (whose + 6 carries).
    for position in 0..<8 {
      for value in 0...255 {
        var bytes = [UInt8](repeating: UInt8(ascii: "7"), count: 8)
        bytes[position] = UInt8(value)
        let word = bytes.withUnsafeBufferPointer { PriceFileReader.word($0.baseAddress!) }
        let marks = PriceFileReader.nonDigitBits(word)
        let isDigit = value >= 0x30 && value <= 0x39
        #expect(marks == (isDigit ? 0 : 1 << position), "byte \(value) at \(position)")
      }
    }
    for carry in 0xFA...0xFF {
      for value in 0...255 {
        let bytes: [UInt8] = [UInt8(carry), UInt8(value), 0x35, 0x35, 0x35, 0x35, 0x35, 0x35]
        let word = bytes.withUnsafeBufferPointer { PriceFileReader.word($0.baseAddress!) }
        let marks = PriceFileReader.nonDigitBits(word)
        // The carrying byte is marked; a byte after it marked a digit is one.
        #expect(marks & 1 == 1)
        if marks & 2 == 0 { #expect(value >= 0x30 && value <= 0x39, "byte \(value) after \(carry)") }
      }
    }
  }

  @Test("one to eight digits read in one word give their number, whatever follows them")
  func digitWords() {
    var random = RandomSource(seed: 11)
    for _ in 0..<2_000 {
      let count = 1 + Int(random.next() % 8)
      var bytes = (0..<count).map { _ in UInt8(48 + random.next() % 10) }
      let expected = bytes.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - 48) }  // the digits' number, by place value
      while bytes.count < 8 { bytes.append(UInt8(truncatingIfNeeded: random.next())) }  // any bytes after them
      let word = bytes.withUnsafeBufferPointer { PriceFileReader.word($0.baseAddress!) }
      #expect(PriceFileReader.digitsValue(word, count: count) == expected, "\(bytes)")
    }
    // Hand-checked: "00000001", "99999999", "12345678", and "4505" followed by ".25,".
    let cases: [(String, Int, UInt64)] = [("00000001", 8, 1), ("99999999", 8, 99_999_999), ("12345678", 8, 12_345_678),
      ("4505.25,", 4, 4505)]
    for (text, count, value) in cases {
      let word = Array(text.utf8).withUnsafeBufferPointer { PriceFileReader.word($0.baseAddress!) }
      #expect(PriceFileReader.digitsValue(word, count: count) == value, "\(text)")
    }
  }

  @Test("the fast path reads every row as the general reader does, or leaves the file to it")
  func randomFiles() throws {
    var random = RandomSource(seed: 2026)
    // Number forms: short plain decimals (the one-go row), longer ones, integers, signs, exponents, leading zeros,
    // 17 to 25 digits, a bare dot, and for volumes empty fields, decimals and negatives.
    func digits(_ count: Int) -> String { String((0..<count).map { _ in Character(String(random.next() % 10)) }) }
    func number(volume: Bool) -> String {
      switch random.next() % 16 {
      case 0: return digits(1 + Int(random.next() % 12))
      case 1: return "-" + digits(1 + Int(random.next() % 4)) + "." + digits(1 + Int(random.next() % 3))
      case 2: return digits(1 + Int(random.next() % 10)) + "." + digits(1 + Int(random.next() % 12))
      case 3: return digits(9 + Int(random.next() % 17))
      case 4: return "0" + digits(3) + "." + digits(2) + "0"
      case 5:
        return random.pick(
          ["1e3", ".5", "5.", ".", "-", "-0", "+1.5", "1,5", " 12.5", "12.5 ", "0x10", "", "9" + digits(15) + ".9"])
      case 6 where volume: return random.pick(["", "", "1.5", "-3", "0"])
      default: return digits(1 + Int(random.next() % 8)) + "." + digits(1 + Int(random.next() % 8))
      }
    }
    var fastFiles = 0
    for file in 0..<600 {
      let hasVolume = file % 3 != 0
      var text = hasVolume ? "date,price,volume\n" : "date,price\n"
      // Days cross months, years and leap days (2020-02-29, and 2100-02-28: 2100 is no leap year).
      var day = CalendarDay(iso: random.pick(["2019-12-20", "2020-02-20", "2099-12-25", "2100-02-20", "1900-02-20"]))!
      let rows = 1 + Int(random.next() % 60)
      let broken = random.chance(0.5)  // files with a rare bad row or field
      for row in 0..<rows {
        var date = day.description
        if broken && random.chance(0.03) {
          date = random.pick(["2020-02-30", "2021-13-01", "2021-00-10", "2021-01-00", "2021-1-05", "2021/01/05",
            "2201-01-01", "1899-12-31", day.adding(days: -3).description, "２０２１-01-05"])
        }
        var line = date + "," + (broken && random.chance(0.05) ? number(volume: false) : random.chance(0.9)
          ? digits(1 + Int(random.next() % 5)) + "." + digits(1 + Int(random.next() % 3)) : number(volume: false))
        if hasVolume { line += "," + (random.chance(0.8) ? digits(1 + Int(random.next() % 6)) : number(volume: true)) }
        text += line
        if row < rows - 1 || random.chance(0.7) { text += broken && random.chance(0.02) ? "\r\n" : "\n" }
        day = day.adding(days: 1 + Int(random.next() % 3))
      }
      let bytes = Array(text.utf8)
      let general = Result { try PriceFileReader.readInstrumentFile(bytes, file: "case.csv") }
      let fast = Self.fastHistory(bytes)
      switch (general, fast) {
      case (.success(let reference), let history?):
        fastFiles += 1
        #expect(Self.same(history, reference), "file \(file):\n\(text)")
      case (.failure, let history?):
        Issue.record("the fast path accepted a file the general reader rejects: file \(file), \(history.count) rows")
      default: break  // the fast path gave the file to the general reader
      }
    }
    // Most files are in the common layout: the fast path must not give up on them.
    #expect(fastFiles > 200)
  }

  @Test("a row with the shape of the row before is checked byte by byte: any other byte sends it to the full check")
  func repeatedShapes() throws {
    // Five rows of one shape, the fourth with one byte after its date's comma replaced: by a digit (the same shape,
    // another value), by the bytes around the digits (/ and :), by separators, signs, letters, spaces, control and
    // high bytes. Each file must read as the general reader reads it, or be left to it.
    let replacements: [UInt8] = [
      0x00, 0x09, 0x0A, 0x0D, 0x20, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x35, 0x39, 0x3A, 0x65, 0x7F, 0x80, 0xFA, 0xFF,
    ]
    // Positions from the day of month (the row's byte 8) to the line end, for positive and negative prices, and a
    // price too long for the shape's window.
    let rests = [
      (true, "1234.5,678\n"), (true, "-1234.5,678\n"), (true, "12345678.1234,5\n"), (true, "4393,292\n"),
      (false, "1234.5\n"), (false, "-34.25\n"), (false, "-12345678\n"),
    ]
    for (hasVolume, rest) in rests {
      for position in -3..<rest.utf8.count {
        for byte in replacements {
          var bytes = Array((hasVolume ? "date,price,volume\n" : "date,price\n").utf8)
          for day in 4...8 {
            var row = Array("2021-01-0\(day),\(rest)".utf8)
            if day == 7 { row[11 + position] = byte }
            bytes += row
          }
          let general = Result { try PriceFileReader.readInstrumentFile(bytes, file: "case.csv") }
          let fast = Self.fastHistory(bytes)
          switch (general, fast) {
          case (.success(let reference), let history?):
            #expect(Self.same(history, reference), "byte \(byte) at \(position), volume \(hasVolume)")
          case (.failure, _?):
            Issue.record("the fast path accepted a row the general reader rejects: byte \(byte) at \(position)")
          default: break
          }
        }
      }
    }
    // The shape holds while only the volume's length changes: 678, then 1, 1234567 (seven digits, the longest with
    // its line end in the word after the comma), 12345678 (eight), 123456789 (nine: field by field), none (the field
    // left empty) and 5.
    var text = "date,price,volume\n"
    let volumes = ["678", "1", "1234567", "12345678", "123456789", "", "5"]
    for (day, volume) in zip(11...17, volumes) {
      text += "2021-01-\(day),-1234.5,\(volume)\n"
    }
    let history = try #require(Self.fastHistory(Array(text.utf8)))
    #expect(history.volumes?.prefix(5) == [678, 1, 1_234_567, 12_345_678, 123_456_789])
    #expect(history.volumes?[5].isNaN == true && history.volumes?[6] == 5)
    #expect(history.prices.allSatisfy { $0 == -1234.5 })
    #expect(history.dates.first == CalendarDay(iso: "2021-01-11") && history.dates.last == CalendarDay(iso: "2021-01-17"))
  }

  @Test("a summary's volumes are converted from the start of its last rows: the rows it keeps have every volume")
  func lastRowsVolumes() throws {
    // "date,price,volume\n" is 18 bytes and so is each row below ("2021-01-1D,1.5,DD\n"): row r starts at 18 + 18 r.
    // The last 2 lines of the terminated file start after its third line end from the end (row 3, byte 72); without
    // the last line end, the third from the end is row 2's (byte 54), one row early, which is safe.
    var text = "date,price,volume\n"
    for day in 0..<5 { text += "2021-01-1\(day + 1),1.5,\(10 + day)\n" }
    let bytes = Array(text.utf8)
    func start(_ bytes: [UInt8], _ lines: Int) -> Int {
      bytes.withUnsafeBufferPointer {
        PriceFileReader.startOfLastLines($0.baseAddress!, count: $0.count, lines: lines)
      }
    }
    #expect(start(bytes, 2) == 18 + 18 * 3)
    #expect(start(Array(bytes.dropLast()), 2) == 18 + 18 * 2)
    #expect(start(bytes, 0) == bytes.count && start(bytes, 5) == 18 && start(bytes, 6) == 0 && start(bytes, 60) == 0)
    // Parsed from there, the last two rows have their volumes; rows 1 and 2, read with row 0's shape, none (row 0,
    // which sets the shape, is read in full).
    let folder = TemporaryDataFolder()
    let path = folder.path("case.csv")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let scratch = PriceFileScratch()
    let n = try scratch.read(path, displayName: path)
    let (rows, _) = try #require(
      PriceFileReader.parseCommonLayout(scratch.bytes, count: n, into: scratch, volumesFrom: start(bytes, 2)))
    let volumes = Array(UnsafeBufferPointer(start: scratch.volumes, count: rows))
    #expect(rows == 5 && volumes[3] == 13 && volumes[4] == 14 && volumes[1].isNaN && volumes[2].isNaN)
  }

  @Test("every price file of the bundled futures and of a generated universe reads as the general reader reads it")
  func wholeUniverses() throws {
    let temporary = TemporaryDataFolder()
    let generated = temporary.path("universe")
    // 200 instruments × 3 years with gaps and volumes; the generator writes negative prices for some instruments.
    let summary = try UniverseGenerator(instruments: 200, years: 3, seed: 5).write(to: generated)
    #expect(summary.negativePriceInstruments > 0)
    let folders = [PackagePaths.bundledFutures.path + "/prices", generated + "/prices"]
    for folder in folders {
      let names = try FileBytes.listDirectory(folder, displayName: folder).filter { $0.hasSuffix(".csv") }
      var fastFiles = 0
      for name in names {
        let bytes = try FileBytes.read(folder + "/" + name, displayName: name)
        let reference = try PriceFileReader.readInstrumentFile(bytes, file: name)
        guard let history = Self.fastHistory(bytes) else { continue }
        fastFiles += 1
        let agrees = Self.same(history, reference)  // (not inside #expect, which would print both histories)
        #expect(agrees, "\(folder)/\(name)")
      }
      // The generator's files are all in the common layout; the bundled ones mostly (some hold longer numbers).
      #expect(folder == generated + "/prices" ? fastFiles == names.count : fastFiles > names.count / 2, "\(folder)")
    }
  }

  @Test("a short row is read in one go; any other form goes field by field with the same values")
  func shortRows() throws {
    // Rows picked by hand around the one-go form's limits: 8 and 9 digits before the dot, 8 and 9 after, 8 and 9
    // volume digits, a 16-byte rest of row and a 17-byte one, a mantissa just below 2^53 (9007199254740991) and
    // just above; whole prices of 8 and 9 digits, negative ones, a minus zero.
    let rows = [
      "1.5,1", "12345678.12345678,1", "123456789.5,1", "1.123456789,1", "1.5,12345678", "1.5,123456789",
      "1234567.1234567,1", "1234567.12345678,1", "90071992.54740991,1", "90071992.54740993,1", "5.25,",
      "12345678,1", "123456789,1", "-7,3", "-0,2", "-0.00,1", "-12345678.5,1",
    ]
    var text = "date,price,volume\n"
    var day = CalendarDay(iso: "2021-01-04")!
    for row in rows {
      text += "\(day),\(row)\n"
      day = day.adding(days: 1)
    }
    let bytes = Array(text.utf8)
    let reference = try PriceFileReader.readInstrumentFile(bytes, file: "case.csv")
    let history = try #require(Self.fastHistory(bytes))
    #expect(Self.same(history, reference))
    // 9007199254740993 is above 2^53, so that row goes to NumberParser: the correctly rounded value, as the Swift
    // compiler rounds the literal.
    #expect(history.prices[9] == 90_071_992.547_409_93 && history.prices[8] == 90_071_992.547_409_91)
    #expect(history.volumes![10].isNaN && history.volumes![5] == 123_456_789)
    #expect(history.prices[11] == 12_345_678 && history.prices[13] == -7 && history.prices[14].sign == .minus)
    // An empty file and a header alone are the general reader's to report.
    #expect(Self.fastHistory([]) == nil && Self.fastHistory(Array("date,price,volume\n".utf8)) == nil)
  }
}
