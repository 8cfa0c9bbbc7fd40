import Foundation
import Testing
import Tradeable
import _TestSupport

/// pysystemtrade's layouts, old and new, on the made-up folders of `Tests/Fixtures/pysystemtrade` (its README and
/// `make_fixtures.py` say what they hold): each reads to the same universe, says which layout it was, and is strict
/// where a file is truly broken.
@Suite("pysystemtrade layouts")
struct PysystemtradeLayoutTests {
  static let fixtures = PackagePaths.pysystemtradeFixtures
  static func fixture(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }

  static func load(_ folder: String) throws -> PysystemtradeImport {
    try Universe.importPysystemtrade(folder: folder)
  }

  static func importError(_ folder: String) -> InputError? {
    do {
      _ = try Universe.importPysystemtrade(folder: folder)
      Issue.record("expected an input error for \(folder)")
      return nil
    } catch {
      return error
    }
  }

  /// A copy of `relative` (a fixture folder) to change, away from the checkout (no `sysinit/` above it).
  static func copy(_ relative: String) -> TemporaryDataFolder {
    TemporaryDataFolder.copy(of: fixtures.appendingPathComponent(relative))
  }

  /// Today's layout, the reference every other layout must import to.
  static let today = try! load(fixture("today"))

  @Test("today's layout: fields from pysystemtrade's columns, values as written in the made-up files")
  func todayLayout() throws {
    let imported = Self.today
    let u = imported.universe
    #expect(u.instruments.map(\.code) == ["ALPHA", "BRAVO", "CHARLIE_mini"])
    #expect(imported.leftOut.isEmpty && imported.derivedRollCycles.isEmpty)
    #expect(imported.layout.generation == .dataFutures && imported.layout.isCurrent)
    // make_fixtures.py: ALPHA 50 USD, spread 0.25, PerBlock 2, HMUZ; BRAVO 1000 EUR, 0.005, 1.5, Z;
    // CHARLIE_mini 10 USD, 0.125, Percentage 0.0001, GJMQVZ.
    let expected: [(Double, String, Double, Double, Double, Double)] = [
      (50, "USD", 0.25, 2, 0, 4), (1000, "EUR", 0.005, 1.5, 0, 1), (10, "USD", 0.125, 0, 0.0001, 6),
    ]
    for (spec, e) in zip(u.instruments, expected) {
      // Parsed from the text written, so bit for bit.
      #expect(identical(spec.multiplier, e.0) && spec.currency == e.1, "\(spec.code)")
      #expect(identical(spec.halfSpreadPoints, e.2) && identical(spec.commissionPerContract, e.3), "\(spec.code)")
      #expect(identical(spec.commissionRate, e.4) && identical(spec.rollsPerYear, e.5), "\(spec.code)")
    }
    // Each day's last row with a price: ALPHA's 03-01 23:00 row is empty, so 03-01 is 2701.25; BRAVO's 03-05 is nan.
    #expect(u.histories[0].dates.map(\.description) == ["2018-03-01", "2018-03-02", "2018-03-05", "2018-03-06"])
    #expect(identical(u.histories[0].prices, [2701.25, 2712.0, 2698.7500000000005, 2705.0]))
    #expect(u.histories[1].dates.map(\.description) == ["2018-03-01", "2018-03-02", "2018-03-06"])
    // 6 + 4 + 4 rows, 2 without a price, 4 + 3 + 4 days.
    #expect(imported.priceRows == 14 && imported.rowsWithoutPrice == 2 && imported.dailyPrices == 11)
    // EURUSD's last row: 2018-03-05 23:00:00,1.2336.
    #expect(imported.fxSources.map(\.valueColumn) == ["PRICE"] && identical(u.fx.rate("EUR")!, 1.2336))
    let notes = imported.summary().joined(separator: "\n")
    #expect(notes.contains("data/futures layout, as written today:"))
    #expect(notes.contains("spreadcosts.csv, column SpreadCost") && !notes.contains("older"))
  }

  /// Every contract field, price and rate the universes share must be identical: the same text, parsed the same way.
  static func expectSameUniverse(_ imported: PysystemtradeImport, _ label: String) {
    let a = Self.today.universe
    let b = imported.universe
    #expect(b.instruments.map(\.code) == a.instruments.map(\.code), "\(label)")
    for (x, y) in zip(a.instruments, b.instruments) {
      #expect(
        x.currency == y.currency && x.assetClass == y.assetClass && identical(x.multiplier, y.multiplier)
          && identical(x.halfSpreadPoints, y.halfSpreadPoints)
          && identical(x.commissionPerContract, y.commissionPerContract)
          && identical(x.commissionRate, y.commissionRate) && identical(x.commissionPerTrade, y.commissionPerTrade)
          && identical(x.rollsPerYear, y.rollsPerYear), "\(label): \(x.code)")
    }
    for (x, y) in zip(a.histories, b.histories) {
      #expect(x.dates == y.dates && identical(x.prices, y.prices), "\(label)")
    }
    #expect(identical(b.fx.rate("EUR")!, a.fx.rate("EUR")!), "\(label)")
    #expect(imported.priceRows == 14 && imported.rowsWithoutPrice == 2 && imported.dailyPrices == 11, "\(label)")
  }

  @Test(
    "every older layout imports to the same universe as today's",
    arguments: ["checkout-2018", "checkout-2018/data/futures", "checkout-2018/data/futures/legacycsv"])
  func sameUniverse(_ relative: String) throws {
    Self.expectSameUniverse(try Self.load(Self.fixture(relative)), relative)
  }

  @Test("a 2018 data/futures: Slippage column, FX headed DATETIME,FX, rollconfig.csv in the checkout's sysinit/")
  func dataFutures2018() throws {
    let imported = try Self.load(Self.fixture("checkout-2018/data/futures"))
    let layout = imported.layout
    #expect(layout.generation == .dataFutures && !layout.isCurrent && layout.spreads == .slippageColumn)
    // Found two levels up and shown without `..`.
    let rolls = try #require(layout.rollConfig)
    #expect(rolls == Self.fixture("checkout-2018/sysinit/futures/config/rollconfig.csv") && !rolls.contains(".."))
    #expect(imported.fxSources.map(\.valueColumn) == ["FX"])
    // CHARLIE_mini is not in sysinit's rollconfig.csv: its multiple prices hold 2017-04 … 2018-04 contracts, months
    // J M Q V Z and G (make_fixtures.py, held_contracts("GJMQVZ")) → 6 rolls a year.
    #expect(imported.derivedRollCycles.map(\.code) == ["CHARLIE_mini"])
    #expect(imported.derivedRollCycles.map(\.cycle) == ["GJMQVZ"])
    // ZULU is configured only: no prices, an empty Slippage, no roll cycle anywhere; listed, not dropped.
    #expect(imported.leftOut.map(\.code) == ["ZULU"])
    #expect(imported.leftOut.first?.reasons == [.noPriceFile, .noSpreadCost, .noRollCycle])
    // The Slippage column, used as the spread cost, is kept as an extra column like the others.
    #expect(imported.universe.instruments[0].extraColumns.map(\.0) == ["Slippage"])
    let notes = imported.summary().joined(separator: "\n")
    #expect(notes.contains("an older arrangement:"))
    #expect(notes.contains("the Slippage column of") && notes.contains("(older layout, before spreadcosts.csv)"))
    #expect(notes.contains("the checkout's sysinit/") && notes.contains("column FX (older layout): 1.2336 USD"))
    #expect(notes.contains("roll cycles from the contracts held (1): CHARLIE_mini GJMQVZ"))
  }

  @Test("a checkout's root is read through its data/futures, and says so")
  func checkoutRoot() throws {
    let imported = try Self.load(Self.fixture("checkout-2018"))
    #expect(imported.layout.folder == Self.fixture("checkout-2018") + "/data/futures")
    #expect(imported.universe.source == imported.layout.folder)
    #expect(imported.summary().joined(separator: "\n").contains("is a pysystemtrade checkout: reading its data/futures"))
  }

  @Test("the legacy csv folder alone: costs from costs_analysis.csv, every roll cycle from the carry data")
  func legacyAlone() throws {
    let folder = Self.copy("checkout-2018/data/futures/legacycsv")
    let imported = try Self.load(folder.path)
    Self.expectSameUniverse(imported, "legacy csv alone")
    #expect(imported.layout.generation == .legacyCSV && imported.layout.rollConfig == nil)
    #expect(imported.layout.spreads == .costsAnalysis(folder.path("costs_analysis.csv")))
    // CODE_carrydata.csv, the last year (2017-03-28 … 2018-02-28): ALPHA holds 201706 201709 201712 201803, BRAVO
    // 201712 then 201812, CHARLIE_mini the six months of GJMQVZ.
    #expect(imported.derivedRollCycles.map(\.cycle) == ["HMUZ", "Z", "GJMQVZ"])
    #expect(imported.derivedRollCycles[0].file == folder.path("ALPHA_carrydata.csv"))
    let notes = imported.summary().joined(separator: "\n")
    #expect(notes.contains("legacy csv layout") && notes.contains("EURUSDfx.csv, column FX"))
    #expect(notes.contains("(no rollconfig.csv found)"))
    // The legacy instrumentconfig.csv has no Description: names are empty, never invented.
    #expect(imported.universe.instruments.allSatisfy { $0.name.isEmpty })
  }

  @Test("costs_analysis.csv beside a data/futures instrumentconfig.csv without costs; spreadcosts.csv wins over Slippage")
  func costSources() throws {
    let f = Self.copy("today")
    try FileManager.default.removeItem(atPath: f.path("csvconfig/spreadcosts.csv"))
    f.write(
      "csvconfig/instrumentconfig.csv",
      "Instrument,Pointsize,AssetClass,Currency\nALPHA,50,Equity,USD\nBRAVO,1000,Bond,EUR\n")
    // 4.80871993208629E-007 is how costs_analysis.csv wrote JPY's slippage (capital E, three-digit exponent).
    f.write(
      "csvconfig/costs_analysis.csv",
      "Instrument,Slippage,PerBlock,Percentage,PerTrade\nALPHA,4.80871993208629E-007,2.9,0,1\nBRAVO,0.005,2,0.00004,0\n")
    let imported = try Self.load(f.path)
    #expect(imported.layout.spreads == .costsAnalysis(f.path("csvconfig/costs_analysis.csv")))
    let alpha = imported.universe.instruments[0]
    // Against the C library's reading of the same text: the Swift literal 4.80871993208629e-7 compiles one unit in the
    // last place low (Python's float() agrees with strtod, the nearest double).
    #expect(identical(alpha.halfSpreadPoints, Double("4.80871993208629E-007")!))
    #expect(identical(alpha.commissionPerContract, 2.9))
    #expect(identical(alpha.commissionPerTrade, 1) && identical(imported.universe.instruments[1].commissionRate, 0.00004))
    // CHARLIE_mini has prices and a roll cycle but no configuration row now: listed, with its price file.
    #expect(imported.leftOut.map(\.code) == ["CHARLIE_mini"] && imported.leftOut[0].reasons == [.noConfiguration])

    // Both spreadcosts.csv and a Slippage column: spreadcosts.csv is used, and the notes say the column is not.
    let both = Self.copy("today")
    both.write(
      "csvconfig/instrumentconfig.csv",
      "Instrument,Pointsize,Currency,Slippage\nALPHA,50,USD,9\nBRAVO,1000,EUR,9\nCHARLIE_mini,10,USD,9\n")
    let preferred = try Self.load(both.path)
    #expect(identical(preferred.universe.instruments.map(\.halfSpreadPoints), [0.25, 0.005, 0.125]))
    #expect(preferred.summary().joined().contains("is not used: spreadcosts.csv replaces it"))
    // No commission column anywhere: 0, and said.
    #expect(preferred.universe.instruments.allSatisfy { $0.commissionPerContract == 0 && $0.commissionRate == 0 })
    #expect(preferred.summary().joined().contains("no PerBlock, Percentage, PerTrade column, so 0"))
  }

  @Test("FX files: PRICE, FX or FXRATE; CCYUSD.csv or CCYUSDfx.csv; any other header is an error at line 1")
  func fxVariants() throws {
    for (name, header) in [("EURUSD.csv", "DATETIME,FXRATE"), ("EURUSDfx.csv", "DATETIME,FX"), ("EURUSD.csv", "index,fx")]
    {
      let f = Self.copy("today")
      try FileManager.default.removeItem(atPath: f.path("fx_prices_csv/EURUSD.csv"))
      f.write("fx_prices_csv/" + name, "\(header)\n2018-03-02,1.2317\n2018-03-05,1.2336\n")
      let imported = try Self.load(f.path)
      #expect(identical(imported.universe.fx.rate("EUR")!, 1.2336), "\(name) \(header)")
      #expect(imported.fxSources[0].file == f.path("fx_prices_csv/" + name))
    }
    let f = Self.copy("today")
    f.write("fx_prices_csv/EURUSD.csv", "DATETIME,close\n2018-03-05,1.2336\n")
    let e = try #require(Self.importError(f.path))
    #expect(e.file == f.path("fx_prices_csv/EURUSD.csv") && e.line == 1)
    #expect(e.message == "missing column 'price', 'fx' or 'fxrate' in the header 'DATETIME,close'")
    #expect(e.suggestion.contains("'DATETIME,FX'"))
    // A price file still needs its price column: an FX header there is no price.
    let prices = Self.copy("today")
    prices.write("adjusted_prices_csv/ALPHA.csv", "DATETIME,FX\n2018-03-05,1\n")
    let p = try #require(Self.importError(prices.path))
    #expect(p.message == "missing column 'price' in the header 'DATETIME,FX'" && p.line == 1)
  }

  @Test("contracts held: YYYYMM, YYYYMMDD, pandas' 201803.0; empty and nan skipped; the last year only")
  func contractReader() throws {
    let text = """
      DATETIME,PRICE,CARRY,CARRY_CONTRACT,PRICE_CONTRACT
      2016-01-04 00:00:00,1,,,201601
      2017-01-03,1,,,201703
      2017-04-03 09:00:00,1,,,20170600
      2017-07-03,1,,,201709.0
      2017-10-02,1,,,
      2017-10-03,1,,,nan
      2018-01-02,1,,,201803

      """
    let held = try PysystemtradeContractReader.read(Array(text.utf8), file: "t.csv")
    // The last year is after 2017-01-02 (2018-01-02 − 365 days): 201703 201706 201709 201803, not 201601.
    #expect(held.months == [3, 6, 9] && held.cycle == "HMU")
    #expect(held.firstDate?.description == "2016-01-04" && held.lastDate?.description == "2018-01-02")
    #expect(held.spansAYear)
    let short = try PysystemtradeContractReader.read(
      Array("DATETIME,PRICE_CONTRACT\n2017-06-01,201709\n2018-01-02,201803\n".utf8), file: "t.csv")
    #expect(!short.spansAYear && short.months == [3, 9])
    for (bad, column) in [("2018-01-02,2018", 2), ("2018-01-02,201813", 2), ("2018-01-02,20180342", 2),
      ("2018-01-02,201803.5", 2), ("2018-13-02,201803", 1)]
    {
      #expect {
        _ = try PysystemtradeContractReader.read(Array("DATETIME,PRICE_CONTRACT\n\(bad)\n".utf8), file: "t.csv")
      } throws: { error in
        let e = error as? InputError
        return e?.line == 2 && e?.column == column
      }
    }
    #expect {
      _ = try PysystemtradeContractReader.read(Array("DATETIME,PRICE,CARRY_CONTRACT\n".utf8), file: "t.csv")
    } throws: { error in
      (error as? InputError)?.message.contains("'PRICE_CONTRACT'") == true
    }
  }

  @Test("a roll cycle from the contracts held needs a year of them; a malformed one is located")
  func contractHistoryInImport() throws {
    let f = Self.copy("checkout-2018/data/futures/legacycsv")
    f.write("BRAVO_carrydata.csv", "DATETIME,PRICE,CARRY,CARRY_CONTRACT,PRICE_CONTRACT\n2018-01-02,1,,,201812\n")
    let imported = try Self.load(f.path)
    #expect(imported.universe.instruments.map(\.code) == ["ALPHA", "CHARLIE_mini"])
    #expect(imported.leftOut.map(\.code) == ["BRAVO"] && imported.leftOut[0].reasons == [.shortContractHistory])
    #expect(imported.leftOut[0].file == f.path("instrumentconfig.csv") && imported.leftOut[0].line == 3)
    // No carry data and no rollconfig.csv for an instrument: no roll cycle.
    try FileManager.default.removeItem(atPath: f.path("BRAVO_carrydata.csv"))
    #expect(try Self.load(f.path).leftOut.first?.reasons == [.noRollCycle])
    f.write("ALPHA_carrydata.csv", "DATETIME,PRICE,CARRY,CARRY_CONTRACT,PRICE_CONTRACT\n2017-01-02,1,,,2017-03\n")
    let e = try #require(Self.importError(f.path))
    #expect(e.file == f.path("ALPHA_carrydata.csv") && e.line == 2 && e.column == 5)
    #expect(e.message == "cannot read '2017-03' as a PRICE_CONTRACT")
  }

  @Test("not a pysystemtrade folder, or no spread costs anywhere: an error naming what was looked for")
  func notALayout() throws {
    let empty = TemporaryDataFolder("not-pysystemtrade")
    let e = try #require(Self.importError(empty.path))
    #expect(e.file == empty.path && e.message.hasPrefix("not a pysystemtrade data folder"))
    #expect(e.message.contains("csvconfig/instrumentconfig.csv") && e.message.contains("instrumentconfig.csv (legacy csv)"))
    empty.write("adjusted_prices_csv/ALPHA.csv", "DATETIME,price\n2018-03-01,1\n")
    #expect(Self.importError(empty.path)?.suggestion.contains("copy csvconfig/") == true)

    let noCosts = Self.copy("today")
    try FileManager.default.removeItem(atPath: noCosts.path("csvconfig/spreadcosts.csv"))
    let c = try #require(Self.importError(noCosts.path))
    #expect(c.file == noCosts.path && c.line == nil)
    #expect(
      c.message
        == "no spread costs: no csvconfig/spreadcosts.csv, no Slippage column in csvconfig/instrumentconfig.csv and "
        + "no csvconfig/costs_analysis.csv")
    let legacy = Self.copy("checkout-2018/data/futures/legacycsv")
    try FileManager.default.removeItem(atPath: legacy.path("costs_analysis.csv"))
    #expect(Self.importError(legacy.path)?.message.contains("no costs_analysis.csv") == true)
  }

  @Test("a folder whose only pysystemtrade data is its legacycsv/ is read through it, and says so")
  func legacyBelow() throws {
    let f = TemporaryDataFolder("old-data-futures")
    let source = Self.fixtures.appendingPathComponent("checkout-2018/data/futures/legacycsv")
    try FileManager.default.copyItem(at: source, to: f.url.appendingPathComponent("legacycsv"))
    let imported = try Self.load(f.path)
    Self.expectSameUniverse(imported, "legacycsv/ below")
    #expect(imported.layout.folder == f.path("legacycsv") && imported.layout.generation == .legacyCSV)
    #expect(imported.summary().joined().contains("holds no csvconfig/: reading its legacy folder"))
  }

  @Test("a Git LFS pointer where a CSV file should be: the error says to pull the data")
  func lfsPointer() throws {
    let f = Self.copy("checkout-2018/data/futures/legacycsv")
    let pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:b9831efd\nsize 1172\n"
    f.write("ALPHA_price.csv", pointer)
    let e = try #require(Self.importError(f.path))
    #expect(e.file == f.path("ALPHA_price.csv") && e.line == 1 && e.message.contains("Git LFS pointer"))
    #expect(e.suggestion.contains("git lfs pull"))
    f.write("instrumentconfig.csv", pointer)
    #expect(Self.importError(f.path)?.file == f.path("instrumentconfig.csv"))
  }
}
