import Testing
import Tradeable
import _TestSupport

/// Two made-up instruments over 300 weekdays, traded by hand (DESIGN.md §9). Every expected number is worked out in
/// the comments; `python3 Tests/References/trading_reference.py hand` (a second implementation) prints the same.
///
/// Dates: W_0 … W_299, the weekdays from Monday 2021-01-04 (W_259 is a Friday).
///
/// A: USD, multiplier 10, half spread 0.5 points, 2 USD a contract, 4 rolls a year. Prices rise by exactly 1 at
///    every print: p_k = 1000 + k. It prints on every weekday and once on the Saturday after W_259, so its price
///    index is k for W_k up to W_259, 260 on that Saturday and k + 1 for W_k from W_260 on (301 prices).
///    Cost per trade: 2 + 0.5 × 10 = 7 USD.
/// B: EUR at 1.25 USD, multiplier 50, half spread 0.2 points, 0.0002 of notional, 12 rolls a year. Prices fall by
///    exactly 2 at every print: p_k = 2000 − 2k. It prints on every weekday but W_265 (a holiday), so its index is k
///    for W_k up to W_264 and k − 1 from W_266 on (299 prices).
///    Cost per trade at price p: 0.0002 × p × 50 × 1.25 + 0.2 × 50 × 1.25 = 0.0125·p + 12.5 USD.
///
/// Volatility: every |d| is 1 for A and 2 for B, so σ_t = 1 and 2 (the mean of 32 equal squares, then an EWMA of
/// equal squares), the long-run mean is the same, and σ̂ = 0.7σ + 0.3σ = σ.
/// Forecast: a steady trend makes every EWMAC rule saturate — at the first forecast (index 255) the fastest rule is
/// (E_8 − E_32)/σ ≈ 12 and 5.3 × 12 > 20; the slowest (E_64 − E_256)/σ ≈ 78 — so each scaled forecast is clipped at
/// ±20 and F = clip(1.26 × 20) = +20 for A, −20 for B, at every close from index 255 on.
///
/// Schedule: period 0 from W_255 (both instruments' first forecast), period 1 from W_280. Capital 1,000,000 USD,
/// target volatility 0.2.
/// - Period 0 holds A and B at weight 0.5 each with IDM 1.25 (K × IDM × w × τ = 125,000).
/// - Period 1 holds A alone (weight 1, IDM 1: K × IDM × w × τ = 200,000).
///
/// Positions (unit = K·IDM·w·τ / (σ̂ × 16 × multiplier × fx), N* = F/10 × unit, B = 0.1 × unit):
/// - A, period 0: unit = 125,000 / (1 × 16 × 10) = 781.25; N* = 1,562.5, B = 78.125. From 0 (below the band) trade
///   to round(1,484.375) = 1,484 at W_255; later closes keep it (1,484 < 1,484.375 only rounds back to 1,484).
/// - A, period 1: unit = 200,000 / 160 = 1,250; N* = 2,500, B = 125; 1,484 is below 2,375, trade to 2,375 at W_280
///   (891 contracts).
/// - B, period 0: unit = 125,000 / (2 × 16 × 50 × 1.25) = 62.5; N* = −125, B = 6.25. From 0 (above the band) trade
///   to round(−118.75) = −119 at W_255.
/// - B, period 1: not held; closed at its first close, W_280 (index 279): 119 contracts.
@Suite("Trading by hand: two instruments over 300 days")
struct TradingHandTests {
  static let weekdays: [CalendarDay] = {
    var days: [CalendarDay] = []
    var day = CalendarDay(iso: "2021-01-04")!
    while days.count < 300 {
      if day.isWeekday { days.append(day) }
      day = day.adding(days: 1)
    }
    return days
  }()

  static var universe: Universe {
    let w = weekdays
    let saturday = w[259].adding(days: 1)
    let aDates = Array(w[0...259]) + [saturday] + Array(w[260...])
    let aPrices = aDates.indices.map { 1000 + Double($0) }
    let bDates = Array(w[0..<265]) + Array(w[266...])
    let bPrices = bDates.indices.map { 2000 - 2 * Double($0) }
    let a = InstrumentSpecification(
      code: "A", currency: "USD", multiplier: 10, tickSize: 0.5, halfSpread: 0.5, commissionPerContract: 2,
      rollsPerYear: 4)
    let b = InstrumentSpecification(
      code: "B", currency: "EUR", multiplier: 50, tickSize: 0.2, halfSpread: 0.2, commissionRate: 0.0002,
      rollsPerYear: 12)
    return Universe(
      instruments: [a, b],
      histories: [PriceHistory(dates: aDates, prices: aPrices), PriceHistory(dates: bDates, prices: bPrices)],
      fx: FXRates(baseCurrency: "USD", rates: ["EUR": 1.25]))
  }

  static var holdings: [Holding] {
    [
      Holding(
        members: [0, 1], weights: [0.5, 0.5], idm: 1.25, expectedSharpe: nil, predictedTradesPerYear: [10, 30],
        predictedSRCost: [0.01, 0.02]),
      Holding(members: [0], weights: [1], idm: 1, expectedSharpe: nil, predictedTradesPerYear: [12], predictedSRCost: [0.03]),
    ]
  }

  static var schedule: TradingSchedule { TradingSchedule(periodStarts: [weekdays[255], weekdays[280]], end: weekdays[299]) }

  static func trade(_ rounding: PositionRounding = .wholeContracts) -> (TradingAccount, PositionRecord) {
    let (accounts, record) = schedule.trade(
      [TradingPlan(capital: 1_000_000, holdings: holdings, rounding: rounding)], universe: universe, recording: 0)
    return (accounts[0], record!)
  }

  @Test("signals: σ = 1 and 2, σ̂ = σ, F = ±20 from the 256th price, NaN before")
  func signals() {
    let u = Self.universe
    let a = InstrumentSignals(prices: u.histories[0].prices, settings: TradingSettings())
    let b = InstrumentSignals(prices: u.histories[1].prices, settings: TradingSettings())
    #expect(a.volatility[31].isNaN && !a.volatility[32].isNaN)
    #expect(a.firstForecast == 255 && b.firstForecast == 255)
    #expect(a.forecasts[254].isNaN)
    for k in 255..<u.histories[0].count {
      #expect(approximately(a.volatility[k], 1, relative: 1e-14))
      #expect(approximately(a.sizingRisk[k], 1, relative: 1e-14))
      #expect(approximately(a.forecasts[k], 20, relative: 1e-15))
    }
    for k in 255..<u.histories[1].count {
      #expect(approximately(b.sizingRisk[k], 2, relative: 1e-14))
      #expect(approximately(b.forecasts[k], -20, relative: 1e-15))
    }
  }

  @Test("positions: 1,484 then 2,375 contracts of A; −119 of B, closed at the new period's first close")
  func positions() {
    // Whole contracts are integers carried in a Double: compared exactly.
    let (_, record) = Self.trade()
    let w = Self.weekdays
    func position(_ index: Int, _ day: CalendarDay) -> Double? {
      record.rows.first { $0.index == index && $0.date == day }?.position
    }
    #expect(identical(position(0, w[255])!, 1484))
    #expect(identical(position(0, w[279])!, 1484))
    #expect(identical(position(0, w[259].adding(days: 1))!, 1484))  // the Saturday print
    #expect(identical(position(0, w[280])!, 2375))
    #expect(identical(position(0, w[299])!, 2375))
    #expect(identical(position(1, w[255])!, -119))
    #expect(identical(position(1, w[279])!, -119))
    #expect(position(1, w[265]) == nil)  // B's holiday: no close
    #expect(identical(position(1, w[280])!, 0))
    #expect(position(1, w[281]) == nil)  // not held and nothing held: no decision recorded
    let target = record.rows.first { $0.index == 0 && $0.date == w[255] }!
    #expect(approximately(target.target, 1562.5, relative: 1e-14) && approximately(target.buffer, 78.125, relative: 1e-14))
  }

  @Test("daily profit and costs on the days the arithmetic names")
  func days() {
    let (account, _) = Self.trade()
    let w = Self.weekdays
    let days = Self.schedule.calendar.days
    #expect(days.count == 45 && days.first == w[255] && days.last == w[299])
    func day(_ k: Int) -> Int { days.firstIndex(of: w[k])! }
    // W_255: no profit (nothing held before); trades 1,484 × 7 = 10,388 and 119 × (0.0125 × 1,490 + 12.5) = 119 ×
    // 31.125 = 3,703.875; rolls 1,484 × 2 × 7 × 4/256 = 324.625 and 119 × 2 × 31.125 × 12/256 = 347.23828125.
    #expect(identical(account.profit[day(255)], 0))
    #expect(approximately(account.tradeCosts[day(255)], 14_091.875, relative: 1e-13))
    #expect(approximately(account.rollCosts[day(255)], 671.86328125, relative: 1e-13))
    // W_256: A earns 1,484 × 1 × 10 = 14,840; B earns −119 × (−2) × 50 × 1.25 = 14,875.
    #expect(approximately(account.profit[day(256)], 29_715, relative: 1e-13))
    // Monday W_260 books A's Saturday print and its own: 2 × 14,840, plus B's 14,875.
    #expect(approximately(account.profit[day(260)], 44_555, relative: 1e-13))
    // W_265, B's holiday: A alone; B's roll cost at its last price (W_264, index 264, p = 1,472: cost 30.9):
    // 119 × 2 × 30.9 × 12/256 = 344.728125, plus A's 324.625.
    #expect(approximately(account.profit[day(265)], 14_840, relative: 1e-13))
    #expect(approximately(account.rollCosts[day(265)], 669.353125, relative: 1e-13))
    // W_266: B's next close covers one price step (its prices step per print).
    #expect(approximately(account.profit[day(266)], 29_715, relative: 1e-13))
    // W_280: both earn the step into the new period at the old positions; then A trades 891 × 7 = 6,237 and B closes
    // 119 × (0.0125 × 1,442 + 12.5) = 119 × 30.525 = 3,632.475; rolls only A: 2,375 × 0.21875 = 519.53125.
    #expect(approximately(account.profit[day(280)], 29_715, relative: 1e-13))
    #expect(approximately(account.tradeCosts[day(280)], 9_869.475, relative: 1e-13))
    #expect(approximately(account.rollCosts[day(280)], 519.53125, relative: 1e-13))
    // W_281 … W_299: A alone, 2,375 × 10 = 23,750 a day.
    #expect(approximately(account.profit[day(290)], 23_750, relative: 1e-13))
  }

  @Test("totals, returns and the per-instrument turnover")
  func totals() {
    let (account, _) = Self.trade()
    // Profit: A 25 steps × 14,840 in period 0 (index 255 → 280), 14,840 into W_280, 19 × 23,750 after = 837,090;
    // B 23 steps × 14,875 in period 0 (24 closes less the holiday) and 14,875 into W_280 = 357,000.
    #expect(approximately(account.profit.reduce(0, +), 1_194_090, relative: 1e-13))
    // Trades: A 10,388 + 6,237; B 3,703.875 + 3,632.475.
    #expect(approximately(account.tradeCosts.reduce(0, +), 23_961.35, relative: 1e-13))
    // Rolls: A 25 × 324.625 + 20 × 519.53125 = 18,506.25; B 119 × 2 × 12/256 × Σ cost over W_255…W_279, the cost at
    // the last price on each day: Σ_{k=255..264} (37.5 − 0.025k) = 310.125, 30.9 on the holiday,
    // Σ_{k=266..279} (37.525 − 0.025k) = 429.975; 11.15625 × 771 = 8,601.46875.
    #expect(approximately(account.rollCosts.reduce(0, +), 27_107.71875, relative: 1e-13))
    // Returns: (profit − costs) / K, summed.
    #expect(approximately(account.returns.reduce(0, +), (1_194_090 - 23_961.35 - 27_107.71875) / 1e6, relative: 1e-12))

    let a = account.instruments.first { $0.code == "A" }!
    let b = account.instruments.first { $0.code == "B" }!
    // A is held in both periods (one run): 45 member days, mean |N| = (25 × 1,484 + 20 × 2,375) / 45 = 1,880; the
    // opening trade left out, 891 contracts traded: 891 / (45/256) / 1,880 = 2.69617… a year, + 2 × 4 rolls.
    #expect(a.memberDays == 45 && a.memberPeriods == 2)
    #expect(approximately(a.meanAbsolutePosition!, 1880, relative: 1e-14))
    #expect(approximately(a.rebalanceTradesPerYear!, 891.0 * 256 / 84_600, relative: 1e-13))
    #expect(approximately(a.realisedTradesPerYear!, 8 + 891.0 * 256 / 84_600, relative: 1e-13))
    #expect(approximately(a.contractsTraded, 1484 + 891, relative: 1e-15) && approximately(a.rebalanceContracts, 891, relative: 1e-15))
    #expect(approximately(a.openingCosts, 10_388, relative: 1e-13))
    // Predictions weighted by member days: (25 × 10 + 20 × 12) / 45.
    #expect(approximately(a.predictedTradesPerYear!, (25 * 10 + 20 * 12) / 45.0, relative: 1e-13))
    // B: 25 member days in period 0, no trade but the opening one (the close falls in period 1): turnover 0.
    #expect(b.memberDays == 25 && b.rebalanceContracts < 1e-12 && b.rebalanceTradesPerYear! < 1e-12)
    #expect(approximately(b.realisedTradesPerYear!, 24, relative: 1e-15))
    #expect(approximately(b.contractsTraded, 238, relative: 1e-15))
    // Every instrument's profit and costs add up to the account's.
    #expect(approximately(a.profit + b.profit, account.profit.reduce(0, +), relative: 1e-13))
    #expect(
      approximately(
        a.tradeCosts + b.tradeCosts + a.rollCosts + b.rollCosts,
        account.tradeCosts.reduce(0, +) + account.rollCosts.reduce(0, +), relative: 1e-13))
  }

  @Test("unrounded: N = N* exactly, no buffer")
  func unrounded() {
    let (_, record) = Self.trade(.unrounded)
    let w = Self.weekdays
    #expect(approximately(record.rows.first { $0.index == 0 && $0.date == w[255] }!.position, 1562.5, relative: 1e-14))
    #expect(approximately(record.rows.first { $0.index == 0 && $0.date == w[280] }!.position, 2500, relative: 1e-14))
    #expect(approximately(record.rows.first { $0.index == 1 && $0.date == w[255] }!.position, -125, relative: 1e-14))
  }

  @Test("statistics of a hand series: mean × 256, sd × 16, drawdown from 0, years")
  func statistics() {
    // r = +0.01, −0.02, +0.01, +0.03 over four days, the last in a new year. Mean 0.0075 → 1.92 a year;
    // sd(n−1) = √((0.0025² + 0.0275² + 0.0025² + 0.0225²)/3) = √(0.00127500/3) = 0.0206155…; × 16 = 0.329848…
    // Cumulative 0.01, −0.01, 0, 0.03: peak 0.01, trough −0.01 → drawdown −0.02.
    let days = ["2021-12-30", "2021-12-31", "2022-01-03", "2022-01-04"].map { CalendarDay(iso: $0)! }
    let s = TradingStatistics(
      returns: [0.01, -0.02, 0.01, 0.03], costs: [0.001, 0, 0, 0.001], days: days, businessDaysPerYear: 256)
    let sd = (0.001275 / 3).squareRoot()
    #expect(approximately(s.annualMean!, 1.92, relative: 1e-14))
    #expect(approximately(s.volatility!, sd * 16, relative: 1e-14))
    #expect(approximately(s.sharpe!, 0.0075 / sd * 16, relative: 1e-13))
    // Costs: mean 0.0005 × 256 = 0.128 a year, ÷ the volatility.
    #expect(approximately(s.costSR!, 0.128 / (sd * 16), relative: 1e-13))
    #expect(approximately(s.maxDrawdown, -0.02, relative: 1e-14))
    #expect(s.years.map(\.year) == [2021, 2022])
    #expect(approximately(s.years[0].sum, -0.01, relative: 1e-14) && approximately(s.years[1].sum, 0.04, relative: 1e-14))
  }

  @Test("calendar: weekdays, weekend prints booked on Monday, a weekend end runs on to Monday")
  func calendar() {
    let c = TradingCalendar(from: CalendarDay(iso: "2023-08-26")!, through: CalendarDay(iso: "2023-09-02")!)
    // Saturday start → Monday 28th; Saturday end → runs to Monday 4 September so its print is booked.
    #expect(c.days.map(\.description) == ["2023-08-28", "2023-08-29", "2023-08-30", "2023-08-31", "2023-09-01", "2023-09-04"])
    #expect(c.bookingIndex(CalendarDay(iso: "2023-08-27")!) == 0)
    #expect(c.bookingIndex(CalendarDay(iso: "2023-08-30")!) == 2)
    #expect(c.bookingIndex(CalendarDay(iso: "2023-09-02")!) == 5)
    #expect(c.bookingIndex(CalendarDay(iso: "2023-09-05")!) == 6)
  }

  @Test("rounding is half away from zero at the band's edge")
  func halfAwayFromZero() {
    // One instrument moving by 1 a print (σ̂ = 1 exactly, F = ±20), multiplier 10, buffer 0.75, capital 1,600 at
    // weight 1 and IDM 1: unit = 1,600 × 0.2 / (1 × 16 × 10) = 2, N* = ±4, B = 1.5, so the near edge of the band is
    // ±2.5 exactly: half away from zero gives ±3 (half to even or toward zero would give ±2).
    var settings = TradingSettings()
    settings.buffer = 0.75
    let days = Self.weekdays
    for (sign, expected) in [(1.0, 3.0), (-1.0, -3.0)] {
      let prices = days.indices.map { 1000 + sign * Double($0) }
      let universe = Universe(
        instruments: [InstrumentSpecification(code: "X", currency: "USD", multiplier: 10, halfSpread: 0)],
        histories: [PriceHistory(dates: days, prices: prices)], fx: FXRates(baseCurrency: "USD", rates: [:]))
      let schedule = TradingSchedule(periodStarts: [days[255]], end: days[299])
      let holding = Holding(members: [0], weights: [1], idm: 1, expectedSharpe: nil, predictedTradesPerYear: [0], predictedSRCost: [0])
      let (_, record) = schedule.trade(
        [TradingPlan(capital: 1_600, holdings: [holding], rounding: .wholeContracts)], universe: universe,
        trading: settings, recording: 0)
      #expect(approximately(record!.rows.first!.position, expected, relative: 1e-15))
    }
  }
}
