/// One strategy's account over the schedule's days (DESIGN.md §9): what it earned and paid each account day, at fixed
/// capital, and — when measured — what each instrument it held did.
public struct TradingAccount: Sendable {
  /// Fixed capital, base currency.
  public var capital: Double
  /// Whole contracts with the buffer, or unrounded.
  public var rounding: PositionRounding
  /// Profit booked each account day, base currency: `Σ N_{t−1} × (p_t − p_{t−1}) × multiplier × fx` over the price
  /// intervals ending on or before the day and after the previous account day.
  public var profit: [Double]
  /// Cost of the trades booked each account day, base currency: `Σ |ΔN| × cost_per_trade_t`.
  public var tradeCosts: [Double]
  /// Cost of rolling the positions held each account day, base currency: `Σ |N| × 2 × cost_per_trade ×
  /// rolls_per_year / businessDaysPerYear`.
  public var rollCosts: [Double]
  /// Daily return on the fixed capital, `(profit − trade costs − roll costs) / capital`.
  public var returns: [Double]
  /// Every instrument the plan held in some period, input order, with its realised turnover and costs; empty when
  /// the plan did not ask for them.
  public var instruments: [InstrumentTrading]

  public init(
    capital: Double, rounding: PositionRounding, profit: [Double], tradeCosts: [Double], rollCosts: [Double],
    instruments: [InstrumentTrading]
  ) {
    precondition(profit.count == tradeCosts.count && profit.count == rollCosts.count, "one value per account day")
    self.capital = capital
    self.rounding = rounding
    self.profit = profit
    self.tradeCosts = tradeCosts
    self.rollCosts = rollCosts
    self.returns = profit.indices.map { (profit[$0] - tradeCosts[$0] - rollCosts[$0]) / capital }
    self.instruments = instruments
  }

  /// Costs of each account day as a fraction of capital, `(trade costs + roll costs) / capital`.
  public var costFractions: [Double] { profit.indices.map { (tradeCosts[$0] + rollCosts[$0]) / capital } }
}

/// What one instrument did while a strategy held it (DESIGN.md §9): its realised trades a year beside §4.3's
/// prediction, and its realised SR cost beside §4.4's.
///
/// Member days are the account days of the periods whose set holds the instrument, from its first forecast on
/// (before it the instrument cannot be traded: a backtest member with a shorter history). Rebalance turnover = the
/// contracts traded at its closes in member periods, leaving out the trade that opens each run of consecutive member
/// periods (the first close with a forecast), per `businessDaysPerYear` member days, ÷ the mean |N| over the member
/// days; the trade that closes a run falls in a period that does not hold it, so it is left out too. Realised trades
/// a year = `2 × rolls_per_year` + rebalance turnover.
///
/// Realised SR cost = the annualised costs of the member days (roll costs and the rebalance trades; not the opening
/// trades) ÷ the annualised standard deviation (n − 1) of the instrument's daily profit over the member days: cost in
/// units of the risk the position actually ran, as §4's cost is in units of a contract's risk.
public struct InstrumentTrading: Sendable, Equatable {
  /// Position in the input.
  public var index: Int
  public var code: String
  /// Periods whose set holds it.
  public var memberPeriods: Int
  /// Account days of those periods.
  public var memberDays: Int
  /// Contracts traded at every close, opening and closing trades included.
  public var contractsTraded: Double
  /// Contracts traded in member periods, opening trades left out (the numerator of the turnover).
  public var rebalanceContracts: Double
  /// Mean |N| over the member days, contracts; `nil` without member days.
  public var meanAbsolutePosition: Double?
  /// `2 × rolls_per_year`.
  public var rollTradesPerYear: Double
  /// Rebalance turnover a year in units of the mean position; `nil` when no position was held.
  public var rebalanceTradesPerYear: Double?
  /// `rollTradesPerYear + rebalanceTradesPerYear`.
  public var realisedTradesPerYear: Double? { rebalanceTradesPerYear.map { rollTradesPerYear + $0 } }
  /// §4.3's trades a year, averaged over the member periods weighted by their member days.
  public var predictedTradesPerYear: Double?
  /// Realised SR cost (see the type's comment); `nil` without a profit that varies.
  public var realisedSRCost: Double?
  /// §4.4's annual SR cost, averaged over the member periods weighted by their member days.
  public var predictedSRCost: Double?
  /// Profit over every account day, base currency (before costs).
  public var profit: Double
  /// Trade costs over every account day, opening and closing trades included, base currency.
  public var tradeCosts: Double
  /// Roll costs over every account day, base currency.
  public var rollCosts: Double
  /// Costs of the opening trades (left out of the realised SR cost), base currency.
  public var openingCosts: Double

  public init(
    index: Int, code: String, memberPeriods: Int, memberDays: Int, contractsTraded: Double,
    rebalanceContracts: Double, meanAbsolutePosition: Double?, rollTradesPerYear: Double,
    rebalanceTradesPerYear: Double?, predictedTradesPerYear: Double?, realisedSRCost: Double?,
    predictedSRCost: Double?, profit: Double, tradeCosts: Double, rollCosts: Double, openingCosts: Double
  ) {
    self.index = index
    self.code = code
    self.memberPeriods = memberPeriods
    self.memberDays = memberDays
    self.contractsTraded = contractsTraded
    self.rebalanceContracts = rebalanceContracts
    self.meanAbsolutePosition = meanAbsolutePosition
    self.rollTradesPerYear = rollTradesPerYear
    self.rebalanceTradesPerYear = rebalanceTradesPerYear
    self.predictedTradesPerYear = predictedTradesPerYear
    self.realisedSRCost = realisedSRCost
    self.predictedSRCost = predictedSRCost
    self.profit = profit
    self.tradeCosts = tradeCosts
    self.rollCosts = rollCosts
    self.openingCosts = openingCosts
  }
}

/// The decisions of one plan at every close of every instrument it held, for audits (`--positions-out`).
public struct PositionRecord: Sendable {
  /// One close.
  public struct Row: Sendable, Equatable {
    public var date: CalendarDay
    /// The account day it is booked on.
    public var booked: CalendarDay
    public var index: Int
    public var price: Double
    /// `F_t`; NaN before the first forecast.
    public var forecast: Double
    /// `σ̂_t`, price points; NaN before it is defined.
    public var sizingRisk: Double
    /// `N*_t`, contracts (0 when not held or before the forecast).
    public var target: Double
    /// `B_t`, contracts (0 unrounded or when not held).
    public var buffer: Double
    /// Position after the decision, contracts.
    public var position: Double
    /// `ΔN`, contracts.
    public var trade: Double
    /// Cost per trade of one contract at this close, base currency.
    public var costPerTrade: Double
    /// Profit of the interval ending here, base currency.
    public var profit: Double
  }

  public var rows: [Row]
}
