import Foundation
import Testing
import Tradeable
import _TestSupport

/// Every kind of malformed input gives an `InputError` naming the file, line and column (DESIGN.md §2).
@Suite("Input errors")
struct InputErrorTests {
  static let instruments = """
    code,name,asset_class,exchange,currency,multiplier,tick_size,half_spread,commission_per_contract,rolls_per_year
    ES,E-mini S&P,Equity,CME,USD,50,0.25,,2.5,4
    FGBL,Bund,Bond,EUREX,EUR,1000,0.01,0.005,1.0,4

    """
  static let fx = "currency,rate\nUSD,1\nEUR,1.1\n"
  static let es = "date,price\n2023-08-29,4500\n2023-08-30,4510.25\n2023-08-31,4505\n"
  static let fgbl = "date,price\n2023-08-29,130.1\n2023-08-30,130.25\n2023-08-31,129.9\n"

  /// A valid folder, with `changes` (relative path → contents, `nil` to delete) applied.
  static func folder(_ changes: [String: String?] = [:]) -> TemporaryDataFolder {
    let f = TemporaryDataFolder()
    var files: [String: String?] = [
      "instruments.csv": instruments, "fx.csv": fx, "prices/ES.csv": es, "prices/FGBL.csv": fgbl,
    ]
    for (k, v) in changes { files[k] = v }
    for (path, text) in files { if let text { f.write(path, text) } }
    return f
  }

  /// The error loading `folder` throws (the test fails if it loads).
  static func error(_ folder: TemporaryDataFolder) -> InputError? {
    do {
      _ = try Universe.load(folder: folder.path)
      Issue.record("expected an input error")
      return nil
    } catch {
      return error
    }
  }

  @Test("a valid folder loads")
  func valid() throws {
    let f = Self.folder()
    let u = try Universe.load(folder: f.path)
    #expect(u.instruments.map(\.code) == ["ES", "FGBL"])
    #expect(u.histories[1].count == 3)
    #expect(approximately(u.fxRate(1), 1.1))
    #expect(u.instruments[0].halfSpread == nil && u.instruments[1].halfSpread == 0.005)
  }

  @Test("missing column names the column and the header line")
  func missingColumn() throws {
    let f = Self.folder(["instruments.csv": "code,name,currency\nES,E-mini,USD\n"])
    let e = try #require(Self.error(f))
    #expect(e.file.hasSuffix("instruments.csv") && e.line == 1)
    #expect(e.message.contains("'multiplier'"))
  }

  @Test("unparsable number: file, line and column")
  func unparsableNumber() throws {
    let f = Self.folder(["instruments.csv": Self.instruments.replacingOccurrences(of: "EUR,1000,", with: "EUR,1 000,")])
    let e = try #require(Self.error(f))
    #expect(e.file.hasSuffix("instruments.csv") && e.line == 3 && e.column == 6)
    #expect(e.message.contains("'1 000'"))
  }

  @Test("unparsable price: file, line and column")
  func unparsablePrice() throws {
    let f = Self.folder(["prices/ES.csv": "date,price\n2023-08-29,4500\n2023-08-30,45O0\n"])
    let e = try #require(Self.error(f))
    #expect(e.file.hasSuffix("prices/ES.csv") && e.line == 3 && e.column == 2)
  }

  @Test("unparsable date")
  func unparsableDate() throws {
    let f = Self.folder(["prices/ES.csv": "date,price\n2023-08-29,4500\n2023-02-30,4501\n"])
    let e = try #require(Self.error(f))
    #expect(e.line == 3 && e.column == 1 && e.message.contains("2023-02-30"))
  }

  @Test("duplicate date names both lines")
  func duplicateDate() throws {
    let f = Self.folder(["prices/FGBL.csv": "date,price\n2023-08-29,130\n2023-08-30,131\n2023-08-30,132\n"])
    let e = try #require(Self.error(f))
    #expect(e.file.hasSuffix("prices/FGBL.csv") && e.line == 4 && e.column == 1)
    #expect(e.message.contains("duplicate date 2023-08-30") && e.message.contains("line 3"))
  }

  @Test("unsorted dates")
  func unsortedDates() throws {
    let f = Self.folder(["prices/FGBL.csv": "date,price\n2023-08-29,130\n2023-08-31,131\n2023-08-30,132\n"])
    let e = try #require(Self.error(f))
    #expect(e.line == 4 && e.column == 1 && e.message.contains("not sorted"))
  }

  @Test("unknown currency points at the instrument's line")
  func unknownCurrency() throws {
    let f = Self.folder(["fx.csv": "currency,rate\nUSD,1\n"])
    let e = try #require(Self.error(f))
    #expect(e.file.hasSuffix("instruments.csv") && e.line == 3)
    #expect(e.message.contains("unknown currency 'EUR'"))
  }

  @Test("duplicate instrument code names both lines")
  func duplicateCode() throws {
    let f = Self.folder(["instruments.csv": Self.instruments + "ES,again,Equity,CME,USD,50,0.25,,2.5,4\n"])
    let e = try #require(Self.error(f))
    #expect(e.line == 4 && e.column == 1 && e.message.contains("line 2"))
  }

  @Test("instrument without a price file")
  func missingPriceFile() throws {
    let f = Self.folder(["prices/FGBL.csv": nil])
    let e = try #require(Self.error(f))
    #expect(e.file.hasSuffix("prices/FGBL.csv") && e.message.contains("no price file"))
  }

  @Test("price file of an instrument that is not in instruments.csv")
  func unknownPriceFile() throws {
    let f = Self.folder(["prices/XX.csv": Self.es])
    let e = try #require(Self.error(f))
    #expect(e.file.hasSuffix("prices/XX.csv") && e.message.contains("not in instruments.csv"))
  }

  @Test("empty file", arguments: ["instruments.csv", "fx.csv", "prices/ES.csv"])
  func emptyFile(_ name: String) throws {
    let f = Self.folder([name: ""])
    let e = try #require(Self.error(f))
    #expect(e.file.hasSuffix(name) && e.message.contains("empty"))
  }

  @Test("price file with a header and no rows")
  func headerOnly() throws {
    let f = Self.folder(["prices/ES.csv": "date,price\n"])
    let e = try #require(Self.error(f))
    #expect(e.file.hasSuffix("prices/ES.csv") && e.message.contains("no prices"))
  }

  @Test("row with the wrong number of fields")
  func fieldCount() throws {
    let f = Self.folder(["prices/ES.csv": "date,price\n2023-08-29,4500,7\n"])
    let e = try #require(Self.error(f))
    #expect(e.line == 2 && e.message.contains("3 fields"))
  }

  @Test("long prices.csv: unknown code, and every instrument needs rows")
  func longFormat() throws {
    let unknown = Self.folder([
      "prices/ES.csv": nil, "prices/FGBL.csv": nil,
      "prices.csv": "date,code,price\n2023-08-29,ES,4500\n2023-08-29,FGBX,130\n",
    ])
    let e = try #require(Self.error(unknown))
    #expect(e.file.hasSuffix("prices.csv") && e.line == 3 && e.column == 2 && e.message.contains("'FGBX'"))

    let missing = Self.folder([
      "prices/ES.csv": nil, "prices/FGBL.csv": nil, "prices.csv": "date,code,price\n2023-08-29,ES,4500\n",
    ])
    let m = try #require(Self.error(missing))
    #expect(m.message.contains("'FGBL' has no rows"))
  }

  @Test("long prices.csv loads interleaved codes and optional volumes")
  func longFormatLoads() throws {
    let f = Self.folder([
      "prices/ES.csv": nil, "prices/FGBL.csv": nil,
      "prices.csv": """
        date,code,price,volume
        2023-08-29,ES,4500,1000
        2023-08-29,FGBL,130.1,
        2023-08-30,ES,4510.25,1200
        2023-08-30,FGBL,130.25,500

        """,
    ])
    let u = try Universe.load(folder: f.path)
    #expect(u.histories[0].prices == [4500, 4510.25])
    #expect(u.histories[0].volumes == [1000, 1200])
    #expect(u.histories[1].volumes?[0].isNaN == true && u.histories[1].volumes?[1] == 500)
  }

  @Test("neither half_spread nor tick_size for an instrument")
  func noSpread() throws {
    let f = Self.folder([
      "instruments.csv": Self.instruments.replacingOccurrences(of: "EUR,1000,0.01,0.005", with: "EUR,1000,,")
    ])
    let e = try #require(Self.error(f))
    #expect(e.line == 3 && e.message.contains("neither half_spread nor tick_size"))
  }

  @Test("non-positive multiplier")
  func badMultiplier() throws {
    let f = Self.folder(["instruments.csv": Self.instruments.replacingOccurrences(of: "USD,50,", with: "USD,-50,")])
    let e = try #require(Self.error(f))
    #expect(e.line == 2 && e.column == 6 && e.message.contains("not a positive number"))
  }

  @Test("the description reads like a compiler diagnostic and says what to do")
  func description() {
    let e = InputError(file: "prices/ES.csv", line: 3, column: 2, message: "m", suggestion: "Do this.")
    #expect(e.description == "prices/ES.csv:3:2: error: m\n  Do this.")
  }
}
