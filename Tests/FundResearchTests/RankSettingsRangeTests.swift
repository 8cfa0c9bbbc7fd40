import FundResearch
import Testing
import Tradeable

/// The valid ranges of the rank score and its backtest (fund research), as the command line checks them.
@Suite("Rank-score settings ranges")
struct RankSettingsRangeTests {
  @Test("defaults are in range; out-of-range values report their own keys")
  func ranges() {
    #expect(RankScoreSettings().violations.isEmpty)
    #expect(RankBacktestSettings().violations.isEmpty)
    var backtest = RankBacktestSettings(rebalanceMonths: 100_000_000)
    backtest.scoring.windowMonths = 0
    #expect(backtest.violations.map(\.key) == ["rebalanceMonths", "scoring.windowMonths"])
  }
}
