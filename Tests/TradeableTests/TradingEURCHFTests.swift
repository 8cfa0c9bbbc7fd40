import Testing
import Tradeable
import _TestSupport

/// The Swiss National Bank removed the EURCHF floor of 1.20 on 15 January 2015. In the bundled back-adjusted series
/// EURCHF closed at 1.1549 on the 14th and 0.9486 on the 15th: a fall of 0.2063 price points (17.9%), when its
/// recent daily volatility σ_t was 0.00055 — a move of about 370 σ_t. The trend rule was short (F = −17.07 at the
/// 14th's close). Held alone at 1,000,000 USD with IDM 2.5 and weight 0.1 (as the bundled selection at that capital
/// holds it), in whole contracts with the buffer from 2 January 2014:
/// - sized by σ_t alone, the position was 64 contracts short and the day made 1,868,665 USD, 187% of the capital
///   (37 times the instrument's annual risk budget of 50,000 USD);
/// - sized by §9's blend with the ten-year mean of σ (σ̂ = 0.00177, 3.2 times σ_t), it was 20 contracts short and
///   the day made 583,958 USD, 58% of the capital (11.7 annual budgets): still a 116 σ̂ event, as a broken peg is,
///   but no longer a multiple of the whole account.
/// (Values from `Tests/References/trading_reference.py`'s `trade` on the bundled data.)
@Suite("EURCHF, 15 January 2015: the blended sizing risk")
struct TradingEURCHFTests {
  static let capital = 1_000_000.0
  static let weight = 0.1
  static let idm = 2.5

  /// EURCHF held alone from the start of 2014 to the end of February 2015, whole contracts; the account's profit on
  /// 15 January 2015 and the sizing risk at the 14th's close.
  static func day(recentRiskWeight: Double) throws -> (profit: Double, sizingRisk: Double, volatility: Double) {
    let universe = try Universe.load(folder: PackagePaths.bundledFutures.path)
    let i = universe.instruments.firstIndex { $0.code == "EURCHF" }!
    var trading = TradingSettings()
    trading.recentRiskWeight = recentRiskWeight
    let schedule = TradingSchedule(
      periodStarts: [CalendarDay(iso: "2014-01-02")!], end: CalendarDay(iso: "2015-02-27")!)
    let holding = Holding(
      members: [i], weights: [weight], idm: idm, expectedSharpe: nil, predictedTradesPerYear: [0], predictedSRCost: [0])
    let (accounts, _) = schedule.trade(
      [TradingPlan(capital: capital, holdings: [holding], rounding: .wholeContracts)], universe: universe,
      trading: trading)
    let d = schedule.calendar.days.firstIndex(of: CalendarDay(iso: "2015-01-15")!)!
    let history = universe.histories[i]
    let k = history.dates.firstIndex(of: CalendarDay(iso: "2015-01-14")!)!
    let signals = InstrumentSignals(prices: history.prices, settings: trading)
    #expect(approximately(history.prices[k], 1.1549, relative: 1e-15))
    #expect(approximately(history.prices[k + 1], 0.9486, relative: 1e-15))
    return (accounts[0].profit[d], signals.sizingRisk[k], signals.volatility[k])
  }

  @Test("the day's profit stays a bounded multiple of the risk budget, a third of what recent volatility alone gives")
  func floorRemoval() throws {
    let blended = try Self.day(recentRiskWeight: 0.7)
    let recent = try Self.day(recentRiskWeight: 1)
    // The instrument's annual risk budget: K × IDM × w × target volatility = 50,000 USD; daily: ÷ 16 = 3,125.
    let annualBudget = Self.capital * Self.idm * Self.weight * 0.2
    // Recent volatility alone: σ̂ = σ_t ≈ 0.000554, 64 contracts short, a gain of 1.87 × the capital.
    #expect(approximately(recent.sizingRisk, recent.volatility, relative: 1e-15))
    #expect(recent.profit > 1.5 * Self.capital)
    // Blended: σ̂ ≈ 0.00177, more than three times σ_t; 20 contracts; 58% of the capital, 11.7 annual budgets.
    #expect(approximately(blended.profit, 583_957.9375, relative: 1e-9))
    #expect(approximately(recent.profit, 1_868_665.4, relative: 1e-9))
    #expect(blended.sizingRisk > 3 * blended.volatility)
    #expect(abs(blended.profit) < recent.profit / 3)
    #expect(abs(blended.profit) < 15 * annualBudget)
    #expect(abs(blended.profit) < 0.7 * Self.capital)
  }
}
