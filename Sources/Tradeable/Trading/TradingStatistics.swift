/// The statistics of an account's daily returns on fixed capital (DESIGN.md §9; Carver's convention: returns are
/// added, not compounded).
///
/// With `r_t` the daily returns and `c_t` the daily costs as fractions of capital over the n account days, and P the
/// business days a year (256):
/// - annualised mean `mean(r) × P`; volatility `stdev(r, n − 1) × √P`; Sharpe ratio `annualMean / volatility`;
/// - annual cost `mean(c) × P`, and realised costs in SR units `annualCost / volatility`;
/// - maximum drawdown of the cumulative sum of r from 0: `min_t (S_t − max(0, max_{s≤t} S_s))`, at most 0;
/// - each calendar year's sum of r.
public struct TradingStatistics: Sendable, Equatable {
  /// Account days.
  public var days: Int
  /// `mean(r) × P`; `nil` without a day.
  public var annualMean: Double?
  /// `stdev(r, n − 1) × √P`; `nil` with fewer than two days.
  public var volatility: Double?
  /// `annualMean / volatility`; `nil` when the volatility is 0 or undefined.
  public var sharpe: Double?
  /// `mean(c) × P`, a fraction of capital a year; `nil` without a day.
  public var annualCost: Double?
  /// `annualCost / volatility`; `nil` when the volatility is 0 or undefined.
  public var costSR: Double?
  /// Maximum drawdown of the cumulative sum of returns from 0, a fraction of capital (≤ 0).
  public var maxDrawdown: Double
  /// Sum of the returns of each calendar year with an account day, years increasing.
  public var years: [YearReturn]

  /// One calendar year's sum of daily returns.
  public struct YearReturn: Sendable, Equatable {
    public var year: Int
    public var sum: Double
    public var days: Int
  }

  /// The statistics of `returns` and `costs` (fractions of capital) on `days`.
  public init(returns: [Double], costs: [Double], days calendar: [CalendarDay], businessDaysPerYear: Double) {
    precondition(returns.count == costs.count && returns.count == calendar.count, "one value per account day")
    let n = returns.count
    days = n
    let p = businessDaysPerYear
    if n > 0 {
      annualMean = returns.reduce(0, +) / Double(n) * p
      annualCost = costs.reduce(0, +) / Double(n) * p
    }
    volatility = sampleStandardDeviation(returns).map { $0 * p.squareRoot() }
    if let volatility, volatility > 0 {
      sharpe = annualMean.map { $0 / volatility }
      costSR = annualCost.map { $0 / volatility }
    }
    var cumulative = 0.0, peak = 0.0, drawdown = 0.0
    for r in returns {
      cumulative += r
      peak = max(peak, cumulative)
      drawdown = min(drawdown, cumulative - peak)
    }
    maxDrawdown = drawdown
    var years: [YearReturn] = []
    for (day, r) in zip(calendar, returns) {
      let year = day.components.year
      if years.last?.year == year {
        years[years.count - 1].sum += r
        years[years.count - 1].days += 1
      } else {
        years.append(YearReturn(year: year, sum: r, days: 1))
      }
    }
    self.years = years
  }

  /// Statistics built from their values (for the random baseline's percentiles).
  public init(
    days: Int, annualMean: Double?, volatility: Double?, sharpe: Double?, annualCost: Double?, costSR: Double?,
    maxDrawdown: Double, years: [YearReturn]
  ) {
    self.days = days
    self.annualMean = annualMean
    self.volatility = volatility
    self.sharpe = sharpe
    self.annualCost = annualCost
    self.costSR = costSR
    self.maxDrawdown = maxDrawdown
    self.years = years
  }
}

extension TradingAccount {
  /// The account's statistics on the schedule's days.
  public func statistics(days: [CalendarDay], businessDaysPerYear: Double) -> TradingStatistics {
    TradingStatistics(returns: returns, costs: costFractions, days: days, businessDaysPerYear: businessDaysPerYear)
  }

  /// Tracking error against another account on the same days: `stdev(r − r_other, n − 1) × √P`, a fraction of
  /// capital a year; `nil` with fewer than two days.
  public func trackingError(against other: TradingAccount, businessDaysPerYear: Double) -> Double? {
    precondition(returns.count == other.returns.count, "accounts on the same days")
    return sampleStandardDeviation(zip(returns, other.returns).map { $0 - $1 }).map {
      $0 * businessDaysPerYear.squareRoot()
    }
  }
}
