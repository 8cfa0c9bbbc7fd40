import Foundation
import Testing
import Tradeable
import _TestSupport

/// The pysystemtrade importer on the real sample (`data/pysystemtrade-sample`) and on small folders with the quirks
/// of real pysystemtrade data.
@Suite("pysystemtrade import")
struct PysystemtradeImportTests {
  static let sample: PysystemtradeImport = try! Universe.importPysystemtrade(
    folder: PackagePaths.pysystemtradeSample.path)

  /// Field-by-field equality of two specifications; numbers parsed from the same text, so `identical` (the two readers
  /// must agree bit for bit).
  static func same(_ a: InstrumentSpecification, _ b: InstrumentSpecification) -> Bool {
    func close(_ x: Double?, _ y: Double?) -> Bool {
      switch (x, y) {
      case (nil, nil): return true
      case (let x?, let y?): return identical(x, y)
      default: return false
      }
    }
    return a.code == b.code && a.name == b.name && a.assetClass == b.assetClass && a.currency == b.currency
      && close(a.multiplier, b.multiplier) && close(a.halfSpreadPoints, b.halfSpreadPoints)
      && close(a.commissionPerContract, b.commissionPerContract) && close(a.commissionRate, b.commissionRate)
      && close(a.commissionPerTrade, b.commissionPerTrade) && close(a.rollsPerYear, b.rollsPerYear)
      && a.extraColumns.map(\.0) == b.extraColumns.map(\.0) && a.extraColumns.map(\.1) == b.extraColumns.map(\.1)
  }

  @Test("the sample: six instruments in code order, fields mapped from pysystemtrade's columns")
  func sampleMapping() throws {
    let u = Self.sample.universe
    #expect(u.instruments.map(\.code) == ["CORN", "EUR_micro", "GOLD_micro", "SP500_micro", "US10", "V2X"])
    #expect(Self.sample.leftOut.isEmpty)
    let sp = try #require(u.instruments.first { $0.code == "SP500_micro" })
    // instrumentconfig.csv: SP500_micro,S&P 500 micro,5,USD,Equity,0.57,0,0,US; spreadcosts 0.19; HMUZ.
    #expect(sp.name == "S&P 500 micro" && sp.assetClass == "Equity" && sp.currency == "USD")
    #expect(approximately(sp.multiplier, 5) && approximately(sp.commissionPerContract, 0.57))
    #expect(approximately(sp.halfSpreadPoints, 0.19) && approximately(sp.rollsPerYear, 4))
    #expect(sp.extraColumns.map(\.0) == ["Region"] && sp.extraColumns.map(\.1) == ["US"])
    let corn = try #require(u.instruments.first { $0.code == "CORN" })
    #expect(approximately(corn.rollsPerYear, 1))  // HoldRollCycle "Z"
    let v2x = try #require(u.instruments.first { $0.code == "V2X" })
    #expect(v2x.currency == "EUR" && approximately(v2x.rollsPerYear, 12))
    // fx_prices_csv/EURUSD.csv ends "2023-09-01 23:00:00,1.0843".
    #expect(approximately(u.fxRate(5), 1.0843))
    #expect(Self.sample.fxSources.map(\.date.description) == ["2023-09-01"])
    // Each day's last row with a price: CORN's last rows are 2023-08-30 16:00 … 23:00, the last 509.25.
    let cornHistory = u.histories[0]
    #expect(cornHistory.lastDate?.description == "2023-08-30")
    #expect(approximately(cornHistory.prices.last!, 509.25))
    // Row counts: `wc -l` minus the header per file; rows without a price counted by `grep -c ',$'`.
    #expect(Self.sample.priceRows == 170_718)
    #expect(Self.sample.rowsWithoutPrice == 18_585)
    #expect(Self.sample.dailyPrices == u.histories.map(\.count).reduce(0, +))
  }

  @Test("the import equals the same data converted to Tradeable's own format")
  func equalsConvertedFolder() throws {
    let converted = TemporaryDataFolder()
    try convertPysystemtradeFolder(PackagePaths.pysystemtradeSample, into: converted)
    let bundled = try Universe.load(folder: converted.path)
    let imported = Self.sample.universe
    #expect(bundled.instruments.map(\.code) == imported.instruments.map(\.code))
    for (a, b) in zip(bundled.instruments, imported.instruments) { #expect(Self.same(a, b), "\(a.code)") }
    for (a, b) in zip(bundled.histories, imported.histories) {
      #expect(a.dates == b.dates)
      #expect(identical(a.prices, b.prices))  // the same text, parsed twice
      #expect(b.volumes == nil)
    }
    for i in 0..<bundled.count { #expect(identical(bundled.fxRate(i), imported.fxRate(i))) }
  }

  @Test("the sample agrees with data/futures, converted from the same source independently")
  func agreesWithBundledFutures() throws {
    let futures = try Universe.load(folder: PackagePaths.bundledFutures.path)
    let start = CalendarDay(iso: "2018-01-01")!
    for (k, spec) in Self.sample.universe.instruments.enumerated() {
      let i = try #require(futures.instruments.firstIndex { $0.code == spec.code })
      let reference = futures.instruments[i]
      #expect(reference.currency == spec.currency && reference.name == spec.name)
      #expect(reference.assetClass == spec.assetClass)
      #expect(approximately(reference.multiplier, spec.multiplier))
      #expect(approximately(reference.halfSpreadPoints, spec.halfSpreadPoints))
      #expect(approximately(reference.commissionPerContract, spec.commissionPerContract))
      #expect(approximately(reference.rollsPerYear, spec.rollsPerYear))
      // data/futures starts in 2005; the sample keeps 2018 on. data/futures cleaned the float noise
      // (1571.8999999999999 → 1571.9), so prices agree to a few units in the last place, not exactly.
      let history = futures.histories[i]
      let recent = history.dates.indices.filter { history.dates[$0] >= start }
      let imported = Self.sample.universe.histories[k]
      #expect(recent.map { history.dates[$0] } == imported.dates)
      #expect(approximately(recent.map { history.prices[$0] }, imported.prices, relative: 2e-15))
    }
    #expect(approximately(futures.fx.rate("EUR")!, Self.sample.universe.fx.rate("EUR")!))
  }

  // MARK: - Quirks of real data

  /// A small pysystemtrade folder: AAA (USD) and BBB (EUR) complete; the others each lack something.
  static func quirkFolder(_ changes: [String: String?] = [:]) -> TemporaryDataFolder {
    let f = TemporaryDataFolder("pysystemtrade")
    var files: [String: String?] = [
      "csvconfig/instrumentconfig.csv": """
      Instrument,Description,Pointsize,Currency,AssetClass,PerBlock,Percentage,PerTrade,Region
      BBB,Bravo,10,EUR,Bond,1.5,,,EMEA
      AAA,Alpha,50,USD,Equity,2,0,0,US
      NOPRICE,Config only,1,USD,Equity,,,,US
      NOSPREAD,No spread,1,USD,Equity,1,0,0,US
      NOROLL,No roll,1,USD,Equity,1,0,0,US
      NOFX,No FX,1,JPY,Equity,1,0,0,ASIA
      EMPTY,All prices missing,1,USD,Equity,1,0,0,US

      """,
      "csvconfig/spreadcosts.csv":
        "Instrument,SpreadCost\nAAA,0.25\nBBB,0.005\nNOROLL,0.1\nNOFX,1\nEMPTY,0.1\nNOPRICE,0.1\nUNUSED,3\n",
      "csvconfig/rollconfig.csv":
        "Instrument,HoldRollCycle,RollOffsetDays\nAAA,HMUZ,-5\nBBB,Z,-5\nNOSPREAD,HMUZ,-5\nNOFX,HMUZ,-5\nEMPTY,HMUZ,-5\n",
      "adjusted_prices_csv/AAA.csv": """
      DATETIME,price
      2023-08-28 14:00:00,100.0
      2023-08-28 23:00:00,
      2023-08-29 09:00:00,101.5
      2023-08-29 15:30:00,102.0
      2023-08-29 20:00:00,nan
      2023-08-30 20:00:00,516.3999999999994
      2023-08-31,-3.25

      """,
      "adjusted_prices_csv/BBB.csv":
        "DATETIME,price\n2023-08-30T10:00:00.5+01:00,130.1\n2023-08-30T10:00:00.5+01:00,130.2\n2023-08-31 16:00Z,130.4\n",
      "adjusted_prices_csv/NOSPREAD.csv": "DATETIME,price\n2023-08-31 16:00:00,1\n",
      "adjusted_prices_csv/NOROLL.csv": "DATETIME,price\n2023-08-31 16:00:00,1\n",
      "adjusted_prices_csv/NOFX.csv": "DATETIME,price\n2023-08-31 16:00:00,1\n",
      "adjusted_prices_csv/EMPTY.csv": "DATETIME,price\n2023-08-30 16:00:00,\n2023-08-31 16:00:00,\n",
      "adjusted_prices_csv/ORPHAN.csv": "DATETIME,price\n2023-08-31 16:00:00,1\n",
      "adjusted_prices_csv/notes.txt": "not a price file\n",
      "fx_prices_csv/EURUSD.csv":
        "DATETIME,PRICE\n2023-08-30 23:00:00,1.08\n2023-08-31 23:00:00,1.0843\n2023-09-01 23:00:00,\n",
    ]
    for (k, v) in changes { files[k] = v }
    for (path, text) in files { if let text { f.write(path, text) } }
    return f
  }

  static func importError(_ folder: TemporaryDataFolder, baseCurrency: String = "USD") -> InputError? {
    do {
      _ = try Universe.importPysystemtrade(folder: folder.path, baseCurrency: baseCurrency)
      Issue.record("expected an input error")
      return nil
    } catch {
      return error
    }
  }

  @Test("instruments lacking a piece are left out with every reason, never dropped silently")
  func leftOut() throws {
    let folder = Self.quirkFolder()
    let imported = try Universe.importPysystemtrade(folder: folder.path)
    #expect(imported.universe.instruments.map(\.code) == ["AAA", "BBB"])
    let reasons = Dictionary(uniqueKeysWithValues: imported.leftOut.map { ($0.code, $0.reasons) })
    #expect(imported.leftOut.map(\.code) == ["EMPTY", "NOFX", "NOPRICE", "NOROLL", "NOSPREAD", "ORPHAN"])
    #expect(reasons["NOPRICE"] == [.noPriceFile, .noRollCycle])
    #expect(reasons["NOSPREAD"] == [.noSpreadCost])
    #expect(reasons["NOROLL"] == [.noRollCycle])
    #expect(reasons["NOFX"] == [.noFXRate])
    #expect(reasons["EMPTY"] == [.noPrices])
    #expect(reasons["ORPHAN"] == [.noConfiguration])
    let noPrice = try #require(imported.leftOut.first { $0.code == "NOPRICE" })
    #expect(noPrice.file.hasSuffix("csvconfig/instrumentconfig.csv") && noPrice.line == 4)
    // The summary names every one of them.
    let summary = imported.summary().joined(separator: "\n")
    for code in ["EMPTY", "NOFX", "NOPRICE", "NOROLL", "NOSPREAD", "ORPHAN"] { #expect(summary.contains(code)) }
    #expect(summary.contains("6 instruments left out"))
  }

  @Test("a day's price is its last row with a price; rows without one are skipped and counted; noise kept")
  func dailyPrices() throws {
    let folder = Self.quirkFolder()
    let imported = try Universe.importPysystemtrade(folder: folder.path)
    let aaa = imported.universe.histories[0]
    #expect(aaa.dates.map(\.description) == ["2023-08-28", "2023-08-29", "2023-08-30", "2023-08-31"])
    // 08-28: 100.0 (the 23:00 row is empty); 08-29: 102.0 (the 20:00 row is nan); float noise read as written.
    #expect(identical(aaa.prices, [100, 102, 516.3999999999994, -3.25]))  // as written in the file
    #expect(516.3999999999994 != 516.4)  // the noise is a different double, and it is kept
    // BBB: ISO 'T', fractions, offsets; two rows at the same timestamp: the later wins.
    let bbb = imported.universe.histories[1]
    #expect(bbb.dates.map(\.description) == ["2023-08-30", "2023-08-31"])
    #expect(identical(bbb.prices, [130.2, 130.4]))
    // AAA 7 rows (2 without a price) + BBB 3 rows; EMPTY is left out, so its rows are not counted.
    #expect(imported.priceRows == 10 && imported.rowsWithoutPrice == 2 && imported.dailyPrices == 6)
    // FX: the last row with a price (the 09-01 row is empty).
    #expect(approximately(imported.universe.fxRate(1), 1.0843))
    // Empty commission fields are 0.
    #expect(imported.universe.instruments[1].commissionRate == 0)
  }

  @Test("base currency EUR re-bases every rate through EURUSD")
  func baseCurrency() throws {
    let folder = Self.quirkFolder()
    let imported = try Universe.importPysystemtrade(folder: folder.path, baseCurrency: "EUR")
    // AAA is in USD: 1 / 1.0843 EUR per USD; BBB in EUR: 1.
    #expect(approximately(imported.universe.fxRate(0), 1 / 1.0843))
    #expect(approximately(imported.universe.fxRate(1), 1))
    let e = try #require(Self.importError(Self.quirkFolder(), baseCurrency: "GBP"))
    #expect(e.file.hasSuffix("fx_prices_csv/GBPUSD.csv") && e.message.contains("base currency GBP"))
  }

  @Test("without spreadcosts.csv, an older layout's Slippage column is the spread cost")
  func slippageFallback() throws {
    let f = Self.quirkFolder([
      "csvconfig/spreadcosts.csv": nil,
      "csvconfig/instrumentconfig.csv": "Instrument,Pointsize,Currency,PerBlock,Slippage\nAAA,50,USD,2,0.125\n",
      "adjusted_prices_csv/BBB.csv": nil, "adjusted_prices_csv/NOSPREAD.csv": nil,
      "adjusted_prices_csv/NOROLL.csv": nil,
      "adjusted_prices_csv/NOFX.csv": nil, "adjusted_prices_csv/EMPTY.csv": nil, "adjusted_prices_csv/ORPHAN.csv": nil,
    ])
    let imported = try Universe.importPysystemtrade(folder: f.path)
    #expect(imported.universe.instruments.map(\.code) == ["AAA"])
    #expect(approximately(imported.universe.instruments[0].halfSpreadPoints, 0.125))
    #expect(imported.universe.instruments[0].extraColumns.map(\.0) == ["Slippage"])
  }

  // MARK: - Errors: file, line and column

  @Test("unsorted timestamps")
  func unsorted() throws {
    let f = Self.quirkFolder([
      "adjusted_prices_csv/AAA.csv": "DATETIME,price\n2023-08-29 10:00:00,1\n2023-08-29 09:00:00,2\n"
    ])
    let e = try #require(Self.importError(f))
    #expect(e.file.hasSuffix("adjusted_prices_csv/AAA.csv") && e.line == 3 && e.column == 1)
    #expect(e.message.contains("not sorted"))
  }

  @Test("unparsable price and timestamp")
  func unparsable() throws {
    let price = try #require(
      Self.importError(Self.quirkFolder(["adjusted_prices_csv/AAA.csv": "DATETIME,price\n2023-08-29 10:00:00,1O2\n"])))
    #expect(price.line == 2 && price.column == 2 && price.message.contains("'1O2'"))
    let stamp = try #require(
      Self.importError(Self.quirkFolder(["adjusted_prices_csv/AAA.csv": "DATETIME,price\n2023-08-29 25:00:00,102\n"])))
    #expect(stamp.line == 2 && stamp.column == 1 && stamp.message.contains("DATETIME"))
    let header = try #require(
      Self.importError(Self.quirkFolder(["adjusted_prices_csv/AAA.csv": "when,price,volume\n2023-08-29,102,5\n"])))
    #expect(header.line == 1 && header.message.contains("DATETIME"))
    // Two columns, one of them the price: the other is the timestamp whatever its name.
    let f = Self.quirkFolder(["adjusted_prices_csv/AAA.csv": "when,price\n2023-08-29 10:00:00,102\n"])
    #expect(try Universe.importPysystemtrade(folder: f.path).universe.histories[0].count == 1)
  }

  @Test("a bad roll cycle, a negative spread cost, a duplicate instrument, a missing column")
  func configurationErrors() throws {
    let roll = try #require(
      Self.importError(Self.quirkFolder(["csvconfig/rollconfig.csv": "Instrument,HoldRollCycle\nAAA,HMUA\nBBB,Z\n"])))
    #expect(roll.file.hasSuffix("rollconfig.csv") && roll.line == 2 && roll.column == 2 && roll.message.contains("'A'"))
    let twice = try #require(
      Self.importError(Self.quirkFolder(["csvconfig/rollconfig.csv": "Instrument,HoldRollCycle\nAAA,HMUH\nBBB,Z\n"])))
    #expect(twice.message.contains("twice"))
    let spread = try #require(
      Self.importError(Self.quirkFolder(["csvconfig/spreadcosts.csv": "Instrument,SpreadCost\nAAA,-0.25\nBBB,0.1\n"])))
    #expect(spread.file.hasSuffix("spreadcosts.csv") && spread.line == 2 && spread.column == 2)
    let duplicate = try #require(
      Self.importError(
        Self.quirkFolder([
          "csvconfig/instrumentconfig.csv": "Instrument,Pointsize,Currency\nAAA,50,USD\nAAA,50,USD\n"
        ])))
    #expect(duplicate.line == 3 && duplicate.column == 1 && duplicate.message.contains("twice"))
    // A repeated row of an instrument that is not imported (UNUSED has no configuration) is no error.
    let repeatedUnused = Self.quirkFolder([
      "csvconfig/spreadcosts.csv": "Instrument,SpreadCost\nAAA,0.25\nBBB,0.005\nUNUSED,3\nUNUSED,4\n"
    ])
    #expect(try Universe.importPysystemtrade(folder: repeatedUnused.path).universe.count == 2)
    let repeatedUsed = try #require(
      Self.importError(
        Self.quirkFolder(["csvconfig/spreadcosts.csv": "Instrument,SpreadCost\nAAA,0.25\nBBB,0.005\nBBB,0.006\n"])))
    #expect(repeatedUsed.file.hasSuffix("spreadcosts.csv") && repeatedUsed.line == 4 && repeatedUsed.column == 1)
    // A stray Latin-1 byte in a description does not stop the import.
    let latin1 = Self.quirkFolder()
    try Data(
      "Instrument,Description,Pointsize,Currency\nAAA,Caf\u{E9},50,USD\nBBB,Bravo,10,EUR\n".utf8.map {
        $0 == 0xC3 ? 0xE9 : $0
      }
      .filter { $0 != 0xA9 }
    ).write(to: latin1.url.appendingPathComponent("csvconfig/instrumentconfig.csv"))
    let decoded = try Universe.importPysystemtrade(folder: latin1.path)
    #expect(decoded.universe.instruments[0].name == "Caf\u{FFFD}")
    let column = try #require(
      Self.importError(Self.quirkFolder(["csvconfig/instrumentconfig.csv": "Instrument,Currency\nAAA,USD\n"])))
    #expect(column.line == 1 && column.message.contains("'Pointsize'"))
    let pointsize = try #require(
      Self.importError(
        Self.quirkFolder(["csvconfig/instrumentconfig.csv": "Instrument,Pointsize,Currency\nAAA,0,USD\n"])))
    #expect(pointsize.line == 2 && pointsize.column == 2)
    let noRolls = try #require(Self.importError(Self.quirkFolder(["csvconfig/rollconfig.csv": nil])))
    #expect(noRolls.file.hasSuffix("rollconfig.csv") && noRolls.message.contains("rollconfig.csv"))
    let folder = Self.quirkFolder()
    let missing = folder.path("no-such-folder")
    #expect {
      _ = try Universe.importPysystemtrade(folder: missing)
    } throws: { error in
      (error as? InputError)?.message == "no such folder" && (error as? InputError)?.file == missing
    }
  }

  @Test("timestamps: the accepted forms and the day each belongs to")
  func timestamps() throws {
    let text = """
      DATETIME,price
      2023-01-02,1
      2023-01-02 23:59:59,2
      2023-01-03T00:00,3
      2023-01-03 10:00:00.250,4
      2023-01-04 10:00:00+05:30,5
      2023-01-05 10:00:00-0500,6

      """
    let daily = try PysystemtradePriceReader.read(Array(text.utf8), file: "t.csv")
    #expect(daily.history.dates.map(\.description) == ["2023-01-02", "2023-01-03", "2023-01-04", "2023-01-05"])
    #expect(identical(daily.history.prices, [2, 4, 5, 6]))
    #expect(daily.rows == 6 && daily.rowsWithoutPrice == 0)
    for bad in ["2023-01-02 1:00:00", "2023-01-02 10:60:00", "2023-01-02x10:00", "2023-1-2", "2023-01-02 10:00:00+5"] {
      #expect(throws: InputError.self) {
        _ = try PysystemtradePriceReader.read(Array("DATETIME,price\n\(bad),1\n".utf8), file: "t.csv")
      }
    }
  }
}
