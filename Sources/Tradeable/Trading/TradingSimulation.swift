/// Trades plans over a schedule (DESIGN.md §9): the one place where positions, trades, costs and profits are
/// computed, for the backtest, the walk-forward and every baseline.
///
/// At each close `t` of an instrument (its own price dates from the schedule's first period on), with `w` its weight
/// in the period's set (0 when the set does not hold it) and `IDM` the set's:
///
///     unit  = K × IDM × w × target_vol / (σ̂_t × √businessDays × multiplier × fx)   (the position at forecast 10)
///     N*_t  = F_t / 10 × unit,   B_t = buffer × unit
///
/// (`N* = B = 0` before the first forecast, when `σ̂_t` is not positive, and when not held). Whole contracts: a
/// position in `[N* − B, N* + B]` is kept, one below is traded to `round(N* − B)`, one above to `round(N* + B)`,
/// half away from zero; unrounded: `N = N*`. The interval ending at `t` earns `N_{t−1} × (p_t − p_{t−1}) ×
/// multiplier × fx`; the trade costs `|ΔN| × cost_per_trade_t` (§4.1 with the notional `p_t × multiplier × fx`); both
/// are booked on the first account day on or after `t`. Each account day pays `|N| × 2 × cost_per_trade ×
/// rolls_per_year / businessDays` for the position held at its close, at the cost of the last price on or before it.
///
/// Instruments are traded one after another in input order, every plan that holds an instrument in turn, so memory
/// is one instrument's signals plus three daily arrays per plan, and sums run in a fixed order (deterministic).
struct TradingSimulation {
  let universe: Universe
  let settings: TradingSettings
  /// Business days a year (256) and its square root (16).
  let businessDaysPerYear: Double
  let annualisation: Double
  /// Portfolio volatility target (0.20).
  let targetVolatility: Double
  let schedule: TradingSchedule

  init(universe: Universe, pipeline: PipelineSettings, trading: TradingSettings, schedule: TradingSchedule) {
    self.universe = universe
    self.settings = trading
    self.businessDaysPerYear = pipeline.risk.businessDaysPerYear
    self.annualisation = pipeline.risk.annualisation
    self.targetVolatility = pipeline.sizing.targetVolatility
    self.schedule = schedule
  }

  /// The accounts of `plans` (same order), and the decisions of every plan in `recording`, keyed by plan.
  func run(_ plans: [TradingPlan], recording: Set<Int> = [], progress: ((Int, Int) -> Void)? = nil) -> (
    accounts: [TradingAccount], records: [Int: PositionRecord]
  ) {
    let days = schedule.calendar.count
    let periods = schedule.periodCount
    for plan in plans { precondition(plan.holdings.count == periods, "one holding per period") }

    // Which plans hold each instrument, with its weight in every period (0 where not held).
    var usage = [[(plan: Int, weights: [Double])]](repeating: [], count: universe.count)
    for (p, plan) in plans.enumerated() {
      var weights: [Int: [Double]] = [:]
      for (y, holding) in plan.holdings.enumerated() {
        for (member, weight) in zip(holding.members, holding.weights) {
          weights[member, default: [Double](repeating: 0, count: periods)][y] = weight
        }
      }
      for (i, w) in weights { usage[i].append((p, w)) }
    }
    for i in usage.indices { usage[i].sort { $0.plan < $1.plan } }

    var profit = [[Double]](repeating: [Double](repeating: 0, count: days), count: plans.count)
    var tradeCosts = profit
    var rollCosts = profit
    var measured = [[InstrumentTrading]](repeating: [], count: plans.count)
    var records: [Int: [PositionRecord.Row]] = [:]
    let periodOfDay = schedule.periodOfDay
    let used = usage.indices.filter { !usage[$0].isEmpty }

    for (done, i) in used.enumerated() {
      let instrument = InstrumentTrade(
        index: i, universe: universe, settings: settings, schedule: schedule,
        pointDivisor: annualisation)
      for (p, weights) in usage[i] {
        let plan = plans[p]
        let idms = plan.holdings.map(\.idm)
        let result = instrument.trade(
          weights: weights, idms: idms, capital: plan.capital, rounding: plan.rounding,
          targetVolatility: targetVolatility, buffer: settings.buffer,
          averageForecast: settings.forecast.averageForecast, businessDaysPerYear: businessDaysPerYear,
          profit: &profit[p], tradeCosts: &tradeCosts[p], rollCosts: &rollCosts[p],
          measure: plan.measuresInstruments, periodOfDay: periodOfDay,
          predictions: plan.holdings, record: recording.contains(p))
        if let m = result.measured { measured[p].append(m) }
        if recording.contains(p) { records[p, default: []] += result.rows }
      }
      progress?(done + 1, used.count)
    }
    let accounts = plans.indices.map { p in
      TradingAccount(
        capital: plans[p].capital, rounding: plans[p].rounding, profit: profit[p], tradeCosts: tradeCosts[p],
        rollCosts: rollCosts[p], instruments: measured[p])
    }
    var sorted: [Int: PositionRecord] = [:]
    for p in recording {
      sorted[p] = PositionRecord(rows: (records[p] ?? []).sorted { ($0.date, $0.index) < ($1.date, $1.index) })
    }
    return (accounts, sorted)
  }
}

/// One instrument prepared for trading: its signals over its whole history, and for each close its period, the
/// account day it is booked on and its cost per trade.
struct InstrumentTrade {
  let index: Int
  let code: String
  let dates: [CalendarDay]
  let prices: [Double]
  let signals: InstrumentSignals
  /// Base currency per price point per contract, `multiplier × fx`.
  let pointValue: Double
  /// `√businessDays × multiplier × fx`: σ̂ times this is one contract's annual risk in the base currency.
  let riskPerPoint: Double
  let rollsPerYear: Double
  /// First close traded: the first price dated on or after the schedule's first period.
  let first: Int
  /// Period of each close from `first` on (index `k − first`).
  let periods: [Int]
  /// Account day each close from `first` on is booked on; the calendar's count when after its end.
  let bookings: [Int]
  /// Cost per trade of one contract at each close from `first` on, base currency.
  let costs: [Double]
  let calendarDays: [CalendarDay]

  init(index: Int, universe: Universe, settings: TradingSettings, schedule: TradingSchedule, pointDivisor: Double) {
    let spec = universe.instruments[index]
    let history = universe.histories[index]
    let fx = universe.fxRate(index)
    self.index = index
    self.code = spec.code
    self.dates = history.dates
    self.prices = history.prices
    self.signals = InstrumentSignals(prices: history.prices, settings: settings)
    self.pointValue = spec.multiplier * fx
    self.riskPerPoint = pointDivisor * spec.multiplier * fx
    self.rollsPerYear = spec.rollsPerYear
    let start = schedule.periodStarts[0]
    let first = history.dates.firstIndex { $0 >= start } ?? history.count
    self.first = first
    var periods: [Int] = []
    var bookings: [Int] = []
    var costs: [Double] = []
    let starts = schedule.periodStarts
    var y = 0
    for k in first..<history.count {
      let date = history.dates[k]
      while y + 1 < starts.count && starts[y + 1] <= date { y += 1 }
      periods.append(y)
      bookings.append(schedule.calendar.bookingIndex(date))
      costs.append(costPerTrade(spec, notional: history.prices[k] * spec.multiplier * fx, fxRate: fx))
    }
    self.periods = periods
    self.bookings = bookings
    self.costs = costs
    self.calendarDays = schedule.calendar.days
  }

  struct Result {
    var measured: InstrumentTrading?
    var rows: [PositionRecord.Row]
  }

  /// Trades the instrument with `weights[y]` and `idms[y]` in each period, adding its profit and costs to the plan's
  /// daily arrays.
  func trade(
    weights: [Double], idms: [Double], capital: Double, rounding: PositionRounding, targetVolatility: Double,
    buffer: Double, averageForecast: Double, businessDaysPerYear: Double, profit: inout [Double],
    tradeCosts: inout [Double], rollCosts: inout [Double], measure: Bool, periodOfDay: [Int], predictions: [Holding],
    record: Bool
  ) -> Result {
    let days = profit.count
    let n = prices.count
    // Per member-day measurements.
    var dailyProfit = measure ? [Double](repeating: 0, count: days) : []
    var memberCosts = 0.0, openingCosts = 0.0, totalTrade = 0.0, totalRoll = 0.0, totalProfit = 0.0
    var contractsTraded = 0.0, rebalanceContracts = 0.0, absolutePositionSum = 0.0
    var opened = false
    var rows: [PositionRecord.Row] = []
    let rollFactor = 2 * rollsPerYear / businessDaysPerYear
    // Member days count from the instrument's first forecast on: before it the instrument cannot be traded.
    let liveFrom: Int = {
      guard let f = signals.firstForecast else { return days }
      return f < first ? 0 : (f - first < bookings.count ? bookings[f - first] : days)
    }()
    func isMemberDay(_ d: Int) -> Bool { d >= liveFrom && weights[periodOfDay[d]] > 0 }

    var held = 0.0
    var lastPeriod = 0
    for k in first..<n {
      let j = k - first
      let day = bookings[j]
      if day >= days { break }
      let y = periods[j]
      let weight = weights[y]
      // Nothing held and nothing to hold: no profit, trade or roll cost (the common case of an instrument a plan
      // holds in few periods).
      if held == 0 && weight == 0 {
        opened = false
        lastPeriod = y
        continue
      }
      // A period without the instrument between two closes ends its run of membership.
      if y > lastPeriod && weights[(lastPeriod + 1)...y].contains(0) { opened = false }
      lastPeriod = y
      // Profit of the interval (t−1, t] at the position held after the previous close.
      var earned = 0.0
      if k > first {
        earned = held * (prices[k] - prices[k - 1]) * pointValue
        profit[day] += earned
        totalProfit += earned
        if measure { dailyProfit[day] += earned }
      }
      // Decision at the close of t.
      let forecast = signals.forecasts[k]
      let risk = signals.sizingRisk[k]
      var target = 0.0, band = 0.0
      let live = weight > 0 && !forecast.isNaN && risk > 0
      if live {
        let unit = capital * idms[y] * weight * targetVolatility / (risk * riskPerPoint)
        target = forecast / averageForecast * unit
        band = buffer * unit
      }
      let next: Double
      switch rounding {
      case .unrounded:
        next = target
        band = 0
      case .wholeContracts:
        if held < target - band {
          next = (target - band).rounded(.toNearestOrAwayFromZero)
        } else if held > target + band {
          next = (target + band).rounded(.toNearestOrAwayFromZero)
        } else {
          next = held
        }
      }
      let traded = abs(next - held)
      let cost = traded * costs[j]
      tradeCosts[day] += cost
      totalTrade += cost
      contractsTraded += traded
      if weight > 0 {
        if live && !opened {
          opened = true
          openingCosts += cost
        } else {
          rebalanceContracts += traded
          memberCosts += cost
        }
      } else {
        opened = false
      }
      if record {
        rows.append(
          PositionRecord.Row(
            date: dates[k], booked: calendarDays[day], index: index, price: prices[k], forecast: forecast,
            sizingRisk: risk, target: target, buffer: band, position: next, trade: next - held, costPerTrade: costs[j],
            profit: earned))
      }
      held = next
      // Rolls on each account day from this close's booking day to the day before the next close's.
      let end = j + 1 < bookings.count ? min(bookings[j + 1], days) : days
      if day < end {
        let roll = abs(held) * costs[j] * rollFactor
        for d in day..<end {
          rollCosts[d] += roll
          totalRoll += roll
          if measure && isMemberDay(d) {
            memberCosts += roll
            absolutePositionSum += abs(held)
          }
        }
      }
    }
    guard measure else { return Result(measured: nil, rows: rows) }

    // Member days, per period and in all; predictions weighted by them.
    var memberDaysOfPeriod = [Int](repeating: 0, count: weights.count)
    for d in 0..<days where isMemberDay(d) { memberDaysOfPeriod[periodOfDay[d]] += 1 }
    let memberDays = memberDaysOfPeriod.reduce(0, +)
    var predictedTrades = 0.0, predictedCost = 0.0
    for (y, holding) in predictions.enumerated() where memberDaysOfPeriod[y] > 0 {
      guard let position = holding.members.firstIndex(of: index) else { continue }
      predictedTrades += Double(memberDaysOfPeriod[y]) * holding.predictedTradesPerYear[position]
      predictedCost += Double(memberDaysOfPeriod[y]) * holding.predictedSRCost[position]
    }
    let memberProfit = (0..<days).filter(isMemberDay).map { dailyProfit[$0] }
    let meanAbsolute = memberDays > 0 ? absolutePositionSum / Double(memberDays) : nil
    let years = Double(memberDays) / businessDaysPerYear
    let turnover: Double? = meanAbsolute.flatMap { $0 > 0 ? rebalanceContracts / years / $0 : nil }
    let profitRisk = sampleStandardDeviation(memberProfit).map { $0 * businessDaysPerYear.squareRoot() }
    let realisedCost: Double? = profitRisk.flatMap { $0 > 0 ? memberCosts / years / $0 : nil }
    let measured = InstrumentTrading(
      index: index, code: code, memberPeriods: weights.filter { $0 > 0 }.count, memberDays: memberDays,
      contractsTraded: contractsTraded, rebalanceContracts: rebalanceContracts, meanAbsolutePosition: meanAbsolute,
      rollTradesPerYear: 2 * rollsPerYear, rebalanceTradesPerYear: turnover,
      predictedTradesPerYear: memberDays > 0 ? predictedTrades / Double(memberDays) : nil,
      realisedSRCost: realisedCost, predictedSRCost: memberDays > 0 ? predictedCost / Double(memberDays) : nil,
      profit: totalProfit, tradeCosts: totalTrade, rollCosts: totalRoll, openingCosts: openingCosts)
    return Result(measured: measured, rows: rows)
  }
}

extension TradingSchedule {
  /// Trades `plans` on `universe` over this schedule (DESIGN.md §9, `TradingSimulation`): one account per plan, same
  /// order, and the decisions of plan `recording` when given. The annualisation and target volatility are
  /// `pipeline`'s; the rule, buffer and sizing risk `trading`'s.
  public func trade(
    _ plans: [TradingPlan], universe: Universe, pipeline: PipelineSettings = PipelineSettings(),
    trading: TradingSettings = TradingSettings(), recording: Int? = nil
  ) -> (accounts: [TradingAccount], record: PositionRecord?) {
    let (accounts, records) = TradingSimulation(
      universe: universe, pipeline: pipeline, trading: trading, schedule: self
    ).run(plans, recording: recording.map { [$0] } ?? [])
    return (accounts, recording.flatMap { records[$0] })
  }
}
