import Foundation
import Testing
import Tradeable
import _TestSupport

/// Inputs that used to be accepted in silence, or whose errors lost their place or echoed the input: each is now a
/// located error (or, for a far-ahead last date, a warning that says what was done).
@Suite("Input robustness")
struct InputRobustnessTests {
  static func folder(_ changes: [String: String?] = [:]) -> TemporaryDataFolder { InputErrorTests.folder(changes) }

  static func error(_ f: TemporaryDataFolder) -> InputError? { InputErrorTests.error(f) }

  /// Writes raw bytes (for encodings a `String` cannot hold).
  static func write(_ f: TemporaryDataFolder, _ path: String, _ bytes: [UInt8]) throws {
    try FileWriter.write(bytes, to: f.path(path))
  }

  // MARK: - Silent cases

  @Test("a folder holding both prices.csv and prices/ is an error, not a silent choice")
  func bothPriceLayouts() throws {
    let f = Self.folder(["prices.csv": "date,code,price\n2023-08-31,ES,4505\n"])
    let e = try #require(Self.error(f))
    #expect(e.message.contains("both prices.csv and a prices/ folder"))
    #expect(e.suggestion.contains("Keep one"))
  }

  @Test("a misspelt optional column of instruments.csv is an error with the column it was meant to be")
  func misspeltInstrumentColumn() throws {
    let text = "code,currency,multiplier,tick_size,rolls_per_yr\nES,USD,50,0.25,4\nFGBL,EUR,1000,0.01,4\n"
    let e = try #require(Self.error(Self.folder(["instruments.csv": text])))
    #expect(e.file.hasSuffix("instruments.csv") && e.line == 1 && e.column == 5)
    #expect(e.message == "unknown column 'rolls_per_yr': did you mean 'rolls_per_year'?")
    // Case differs only: still the known column misspelt (instruments.csv matches names exactly).
    let upper = "code,currency,multiplier,Tick_Size\nES,USD,50,0.25\nFGBL,EUR,1000,0.01\n"
    let u = try #require(Self.error(Self.folder(["instruments.csv": upper])))
    #expect(u.column == 4 && u.message.contains("did you mean 'tick_size'"))
  }

  @Test("a column of the user's own, far from every known name, is kept as an extra column")
  func extraColumnKept() throws {
    let text = "code,currency,multiplier,tick_size,sector_notes\nES,USD,50,0.25,big\nFGBL,EUR,1000,0.01,\n"
    let f = Self.folder(["instruments.csv": text])
    let u = try Universe.load(folder: f.path)
    #expect(u.instruments[0].extraColumns.map(\.0) == ["sector_notes"])
    #expect(u.instruments[0].extraColumns.map(\.1) == ["big"])
  }

  @Test("misspelt columns of fx.csv, products.csv and price files, and of pysystemtrade's files")
  func misspeltColumnsElsewhere() throws {
    let fx = try #require(Self.error(Self.folder(["fx.csv": "currency,rates\nUSD,1\nEUR,1.1\n"])))
    #expect(fx.line == 1 && fx.column == 2 && fx.message.contains("did you mean 'rate'"))
    let prices = try #require(
      Self.error(Self.folder(["prices/ES.csv": "date,price,volumes\n2023-08-30,4500,10\n2023-08-31,4505,12\n"])))
    #expect(prices.file.hasSuffix("ES.csv") && prices.line == 1 && prices.column == 3)
    #expect(prices.message.contains("did you mean 'volume'"))
    let products = "code,min_subscription,managment_fee\nA,1000,0.01\n"
    #expect(throws: InputError.self) { try FundProduct.load(CSVTable(text: products, file: "products.csv")) }
    do {
      _ = try FundProduct.load(CSVTable(text: products, file: "products.csv"))
    } catch {
      #expect(error.column == 3 && error.message.contains("did you mean 'management_fee'"))
    }
    do {
      _ = try PysystemtradePriceReader.read(Array("DATETIME,prices\n2023-08-31,1\n".utf8), file: "ES.csv")
      Issue.record("expected an error")
    } catch {
      #expect(error.column == 2 && error.message.contains("did you mean 'price'"))
    }
  }

  @Test("a duplicate column in any file is an error at its second column")
  func duplicateColumns() throws {
    let single = try #require(
      Self.error(Self.folder(["prices/ES.csv": "date,price,Price\n2023-08-30,4500,1\n2023-08-31,4505,2\n"])))
    #expect(single.line == 1 && single.column == 3 && single.message.contains("appears twice"))
    let long = try #require(
      Self.error(
        Self.folder([
          "prices/ES.csv": nil, "prices/FGBL.csv": nil,
          "prices.csv": "date,code,price,code\n2023-08-31,ES,4505,ES\n2023-08-31,FGBL,130,FGBL\n",
        ])))
    #expect(long.file.hasSuffix("prices.csv") && long.column == 4)
    let instruments = try #require(
      Self.error(Self.folder(["instruments.csv": "code,currency,multiplier,tick_size,currency\nES,USD,50,0.25,USD\n"])))
    #expect(instruments.column == 5 && instruments.message.contains("appears twice"))
    do {
      _ = try PysystemtradePriceReader.read(Array("DATETIME,price,PRICE\n2023-08-31,1,2\n".utf8), file: "ES.csv")
      Issue.record("expected an error")
    } catch {
      #expect(error.column == 3 && error.message.contains("appears twice"))
    }
    do {
      _ = try NAVFileReader.parse(Array("date,A,A\n2023-08-31,1,2\n".utf8), file: "navs.csv", singleCode: "X")
      Issue.record("expected an error")
    } catch {
      #expect(error.column == 3 && error.message.contains("appears twice"))
    }
  }

  @Test("dates outside 1900–2200 are errors at their line and column, in every date-reading format")
  func dateRange() throws {
    for bad in ["9999-12-31", "0001-01-01", "0000-01-01", "1899-12-31", "2201-01-01"] {
      let f = Self.folder(["prices/ES.csv": "date,price\n2023-08-30,4500\n\(bad),4505\n"])
      let e = try #require(Self.error(f))
      #expect(e.line == 3 && e.column == 1, "\(bad)")
      #expect(e.message == "the date '\(bad)' is outside the years 1900 to 2200", "\(bad)")
    }
    // Both ends of the range are dates.
    #expect(CalendarDay(iso: "1900-01-01") != nil && CalendarDay(iso: "2200-12-31") != nil)
    #expect(CalendarDay(iso: "2200-12-31")!.adding(days: 1) == CalendarDay(year: 2201, month: 1, day: 1))
    do {
      _ = try NAVFileReader.parse(Array("date,nav\n2023-08-31,1\n9999-12-31,2\n".utf8), file: "f.csv", singleCode: "F")
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 3 && error.column == 1 && error.message.contains("outside the years"))
    }
    do {
      _ = try PysystemtradePriceReader.read(Array("DATETIME,price\n0001-01-01 10:00:00,1\n".utf8), file: "ES.csv")
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 2 && error.column == 1 && error.message.contains("outside the years"))
    }
    // A malformed date still says it cannot be read.
    let malformed = try #require(Self.error(Self.folder(["prices/ES.csv": "date,price\n2023-02-30,4500\n"])))
    #expect(malformed.message == "cannot read '2023-02-30' as a date")
  }

  @Test("one far-ahead last date is reported, naming the instrument that sets it")
  func farAheadLastDate() throws {
    // Three instruments; one has a (valid) price dated 2150: the two others are stale against it.
    var instruments = "code,currency,multiplier,tick_size\n"
    var files: [String: String?] = ["prices/ES.csv": nil, "prices/FGBL.csv": nil]
    for code in ["AA", "BB", "CC"] {
      instruments += "\(code),USD,10,0.01\n"
      var text = "date,price\n"
      var day = CalendarDay(iso: "2021-01-04")!
      for k in 0..<600 {
        text += "\(day),\(100 + Double(k % 7))\n"
        day = day.adding(days: day.weekday == 4 ? 3 : 1)
      }
      if code == "BB" { text += "2150-01-01,101\n" }
      files["prices/\(code).csv"] = text
    }
    files["instruments.csv"] = instruments
    let f = Self.folder(files)
    let u = try Universe.load(folder: f.path)
    let analysis = UniverseAnalysis(universe: u)
    let check = try #require(analysis.lastDateCheck)
    #expect(check.codes == ["BB"] && check.staleCount == 2 && check.count == 3)
    #expect(check.lastDate == CalendarDay(iso: "2150-01-01"))
    #expect(check.message.hasPrefix("warning: 2 of 3 instruments are stale"))
    #expect(check.message.contains("2150-01-01, the last price of 'BB'"))
    // Without the stray date, no warning.
    files["prices/BB.csv"] = files["prices/AA.csv"]!
    let g = Self.folder(files)
    #expect(UniverseAnalysis(universe: try Universe.load(folder: g.path)).lastDateCheck == nil)
  }

  // MARK: - Errors keep their place

  @Test("a byte that is not UTF-8 is an error at its line and column in instruments.csv, fx.csv and products.csv")
  func encodingErrors() throws {
    let f = Self.folder()
    var bytes = Array("code,name,currency,multiplier,tick_size\nES,E-mini,USD,50,0.25\nFGBL,Bund ".utf8)
    bytes += [0xFF, 0xFE]
    bytes += Array(",EUR,1000,0.01\n".utf8)
    try Self.write(f, "instruments.csv", bytes)
    let e = try #require(Self.error(f))
    #expect(e.file.hasSuffix("instruments.csv") && e.line == 3 && e.column == 2)
    #expect(e.message == "field 2 is not valid UTF-8 text: 'Bund \\xFF\\xFE'")

    let g = Self.folder()
    try Self.write(g, "fx.csv", Array("currency,rate\nUSD,1\nEUR".utf8) + [0xC3] + Array(",1.1\n".utf8))
    let fx = try #require(Self.error(g))
    #expect(fx.file.hasSuffix("fx.csv") && fx.line == 3 && fx.column == 1)

    do {
      _ = try FundProduct.load(
        CSVTable(bytes: Array("code,name\nA,Fund ".utf8) + [0x80] + Array("\n".utf8), file: "products.csv"))
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 2 && error.column == 2 && error.message.contains("\\x80"))
    }
    // Valid UTF-8 beyond ASCII is text like any other, and shown as it is.
    let h = Self.folder()
    h.write(
      "instruments.csv", "code,name,currency,multiplier,tick_size\nES,Índice é,USD,50,0.25\nFGBL,Bund,EUR,1000,0.01\n")
    #expect(try Universe.load(folder: h.path).instruments[0].name == "Índice é")
  }

  @Test("an unknown currency names its column")
  func unknownCurrencyColumn() throws {
    let text = "code,name,multiplier,tick_size,currency\nES,E-mini,50,0.25,USD\nFGBL,Bund,1000,0.01,CHF\n"
    let e = try #require(Self.error(Self.folder(["instruments.csv": text])))
    #expect(e.line == 3 && e.column == 5 && e.message.contains("unknown currency 'CHF'"))
  }

  @Test("CR-only line endings are line ends, in tables and price files")
  func carriageReturnLineEnds() throws {
    let cr: (String) -> String = { $0.replacingOccurrences(of: "\n", with: "\r") }
    let f = Self.folder([
      "instruments.csv": cr(InputErrorTests.instruments), "fx.csv": cr(InputErrorTests.fx),
      "prices/ES.csv": cr(InputErrorTests.es),
    ])
    let u = try Universe.load(folder: f.path)
    let original = Self.folder()
    let reference = try Universe.load(folder: original.path)
    #expect(u.instruments == reference.instruments)
    #expect(u.histories == reference.histories)
    // An error in a CR-only file names its line and quotes only the field.
    let big = "date,price\r" + (0..<5_000).map { "2000-01-01,\($0)" }.joined(separator: "\r")
    let e = try #require(Self.error(Self.folder(["prices/ES.csv": big])))
    #expect(e.line == 3 && e.description.count < 400)
  }

  @Test("messages quote a short, escaped excerpt: control characters escaped, long fields cut")
  func escapedExcerpts() throws {
    let control = try #require(
      Self.error(Self.folder(["prices/ES.csv": "date,price\n2023-08-30,45\u{1B}[2J00\n"])))
    #expect(control.message == "cannot read '45\\x1B[2J00' as a price")
    let long = String(repeating: "9x", count: 5_000)
    let cut = try #require(Self.error(Self.folder(["prices/ES.csv": "date,price\n2023-08-30,\(long)\n"])))
    #expect(cut.description.count < 400 && cut.message.contains("…"))
    #expect(InputError.escapedExcerpt(Array("a\\b\u{0}é".utf8)) == "a\\\\b\\x00é")
    #expect(InputError.escapedExcerpt([0xE2, 0x80, 0xAE]) == "\\xE2\\x80\\xAE")  // right-to-left override: escaped
  }
}
