import Foundation
import Testing
import Tradeable
import _TestSupport

/// Option values that used to trap or allocate without bound, run through the library directly (the command line
/// refuses most of them before any work; the library must not trap on them either).
@Suite("No option value traps or runs away")
struct OptionValueTrapTests {
  @Test("a correlation window longer than the data is the data: same matrix, rows bounded by the data's weeks")
  func correlationWindowBeyondData() throws {
    let folder = TemporaryDataFolder()
    HandUniverse.write(to: folder)
    let universe = try Universe.load(folder: folder.path)
    var settings = HandUniverse.settings
    // The hand universe spans ISO weeks 2023-W27 … 2023-W35: nine weeks.
    settings.correlation.weeks = 9
    let exact = UniverseAnalysis(universe: universe, settings: settings)
    settings.correlation.weeks = 100_000_000
    let huge = UniverseAnalysis(universe: universe, settings: settings)
    #expect(exact.poolPanel.rows == 9 && huge.poolPanel.rows == 9)
    let a = try #require(exact.poolCorrelation).matrix, b = try #require(huge.poolCorrelation).matrix
    #expect(approximately(a.storage, b.storage, relative: 0, absolute: 1e-15))
    // corr(A, E) = 1/√2 by construction (HandUniverse).
    #expect(approximately(b[0, 4], 1 / 2.0.squareRoot(), relative: 1e-12))
  }

  @Test("an instrument whose volatility cannot be measured never reaches selection, whatever the history minimum")
  func unmeasurableVolatility() throws {
    let folder = TemporaryDataFolder()
    HandUniverse.write(to: folder)
    // F has two prices: one daily difference, so no sample standard deviation.
    let instruments = try String(contentsOfFile: folder.path("instruments.csv"), encoding: .utf8)
    folder.write("instruments.csv", instruments + "F,Hand F,Test,TEST,USD,1000,0.01,0,1,0,0,4\n")
    folder.write("prices/F.csv", "date,price\n2023-08-31,100\n2023-09-01,101\n")
    var settings = HandUniverse.settings
    settings.filters.history.minimumPrices = 1
    settings.risk.volatilityWindow = 1
    let analysis = UniverseAnalysis(universe: try Universe.load(folder: folder.path), settings: settings)
    let result = try analysis.select(capital: 10_000_000)
    let f = try #require(result.metrics.firstIndex { $0.code == "F" })
    #expect(result.screening[f].reasons.contains(.history))
    // With a one-difference window no instrument has a volatility: nothing is eligible, and nothing traps.
    #expect(result.portfolio.isEmpty && result.statuses.allSatisfy { $0 == .excluded })
  }

  @Test("a rebalance span beyond any window gives no rebalance trades, and its decay is finite")
  func hugeRebalanceSpan() {
    let window = (0..<600).map { Double($0 % 7) - 3 }
    #expect(volatilityTargetingTurnover(window, span: Int.max, decay: 0) == 0)
    let settings = CostSettings(rebalanceSpan: Int.max)
    #expect(settings.rebalanceDecay > 0 && settings.rebalanceDecay.isFinite)
  }

  @Test("a reserve window of Int.max uses the common history, without overflow")
  func hugeReserveWindow() throws {
    let folder = TemporaryDataFolder()
    HandUniverse.write(to: folder)
    let analysis = UniverseAnalysis(
      universe: try Universe.load(folder: folder.path), settings: HandUniverse.settings)
    let selection = try analysis.select(capital: 10_000_000)
    let reserve = try #require(CapitalReserve(selection: selection, universe: analysis.universe, window: Int.max))
    // Nine common Fridays: eight differences.
    #expect(reserve.dailyProfitAndLoss.count == 8)
  }
}
