import Testing
import Tradeable
import _TestSupport

/// Filters on made-up instruments (synthetic prices and volumes: the bundled data has no volume).
@Suite("Filters")
struct FilterTests {
  @Test("history: fewer than 512 prices is excluded, 512 is kept")
  func history() throws {
    var short = SyntheticInstrument(code: "SHORT")
    short.count = 511
    var enough = SyntheticInstrument(code: "ENOUGH")
    enough.count = 512
    let f = TemporaryDataFolder()
    writeSyntheticUniverse([short, enough], to: f)
    let a = UniverseAnalysis(universe: try Universe.load(folder: f.path), settings: PipelineSettings())
    #expect(a.screening[0].reasons == [.history])
    #expect(a.screening[1].reasons.isEmpty)
    // The short instrument is still measured and reported.
    #expect(a.metrics[0].currencyVolatility != nil)
  }

  @Test("stale: more than 10 weekdays before the universe's last date")
  func stale() throws {
    var fresh = SyntheticInstrument(code: "FRESH")
    fresh.lastDate = "2023-08-31"  // Thursday
    var tenBehind = SyntheticInstrument(code: "TEN")
    tenBehind.lastDate = "2023-08-17"  // 10 weekdays before: kept
    var elevenBehind = SyntheticInstrument(code: "ELEVEN")
    elevenBehind.lastDate = "2023-08-16"  // 11 weekdays: stale
    let f = TemporaryDataFolder()
    writeSyntheticUniverse([fresh, tenBehind, elevenBehind], to: f)
    let a = UniverseAnalysis(universe: try Universe.load(folder: f.path), settings: PipelineSettings())
    #expect(a.screening.map(\.reasons) == [[], [], [.stale]])
  }

  @Test("liquidity: made-up volumes; thin volume, thin value, and unknown")
  func liquidity() throws {
    // Prices near 100, multiplier 10 → about 1,000 USD a contract.
    var liquid = SyntheticInstrument(code: "LIQUID")
    liquid.volume = { _ in 20_000 }  // 20,000 × ~1,000 = ~20,000,000 a day
    var thinVolume = SyntheticInstrument(code: "THINVOL")
    thinVolume.volume = { _ in 99 }  // under 100 contracts
    var thinValue = SyntheticInstrument(code: "THINVAL")
    thinValue.volume = { _ in 5_000 }  // ~5,000,000 a day, under 10,000,000
    var partial = SyntheticInstrument(code: "PARTIAL")
    partial.volume = { $0 == 590 ? nil : 50 }  // one of the last 20 rows without volume: cannot judge
    let none = SyntheticInstrument(code: "NONE")
    let f = TemporaryDataFolder()
    writeSyntheticUniverse([liquid, thinVolume, thinValue, partial, none], to: f)
    let a = UniverseAnalysis(universe: try Universe.load(folder: f.path), settings: PipelineSettings())
    #expect(a.screening.map(\.reasons) == [[], [.liquidity], [.liquidity], [], []])
    #expect(a.screening.map(\.flags) == [[], [], [], [.liquidityUnknown], [.liquidityUnknown]])
    guard case let .measured(volume, value) = a.metrics[0].liquidity else {
      Issue.record("liquidity should be measured")
      return
    }
    // Mean traded value = mean(volume × |price| × 10) over the last 20 rows.
    let prices = liquid.prices.suffix(20)
    #expect(approximately(volume, 20_000))
    #expect(approximately(value, prices.reduce(0) { $0 + 20_000 * abs($1) * 10 } / 20))
  }

  @Test("cost: above 0.10 SR a year, or zero volatility")
  func cost() throws {
    var cheap = SyntheticInstrument(code: "CHEAP")
    cheap.commissionPerContract = 0.1
    var dear = SyntheticInstrument(code: "DEAR")
    dear.commissionPerContract = 50
    var flat = SyntheticInstrument(code: "FLAT")
    flat.step = 0
    let f = TemporaryDataFolder()
    writeSyntheticUniverse([cheap, dear, flat], to: f)
    let a = UniverseAnalysis(universe: try Universe.load(folder: f.path), settings: PipelineSettings())
    #expect(a.screening.map(\.reasons) == [[], [.cost], [.cost]])
    #expect(a.metrics[2].currencyVolatility == 0 && a.metrics[2].annualSRCost == nil)
    #expect(a.standaloneCapital[2] == 0)
  }

  @Test("a negative-price instrument is measured on differences and can be selected")
  func negativePrices() throws {
    var negative = SyntheticInstrument(code: "NEG")
    negative.start = -40
    negative.step = 0.5
    negative.commissionPerContract = 0.1
    var other = SyntheticInstrument(code: "POS")
    other.seed = 9
    let f = TemporaryDataFolder()
    writeSyntheticUniverse([negative, other], to: f)
    let a = UniverseAnalysis(universe: try Universe.load(folder: f.path), settings: PipelineSettings())
    let m = a.metrics[0]
    #expect(negative.prices.allSatisfy { $0 < 0 })
    #expect(m.notional < 0)
    // Vol from differences: stdev(last 512 differences) × 16 × multiplier 10.
    let d = dailyDifferences(negative.prices).suffix(512)
    let expected = try #require(sampleStandardDeviation(Array(d))) * 16 * 10
    #expect(approximately(m.currencyVolatility!, expected, relative: 1e-12))
    #expect(approximately(m.annualVolatility!, expected / abs(m.notional), relative: 1e-12))
    #expect(a.screening[0].reasons.isEmpty)
    let result = try a.select(capital: 10_000_000)
    #expect(result.selected.contains(0))
  }

  @Test("capital: excluded below the standalone minimum, kept at it")
  func capital() throws {
    let f = TemporaryDataFolder()
    writeSyntheticUniverse([SyntheticInstrument(code: "ONE")], to: f)
    let a = UniverseAnalysis(universe: try Universe.load(folder: f.path), settings: PipelineSettings())
    let needed = a.standaloneCapital[0]!
    #expect(try a.select(capital: needed).screening[0].reasons.isEmpty)
    #expect(try a.select(capital: needed * (1 - 1e-9)).screening[0].reasons == [.capital])
  }
}
