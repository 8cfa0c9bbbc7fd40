import Tradeable

/// Every metric of DESIGN.md §8 for one NAV series (or one window of it) at `P` periods a year.
public struct PerformanceMetrics: Sendable, Equatable {
  /// First NAV date (for a window: the base NAV, the last one on or before the window's start).
  public var start: CalendarDay
  /// Last NAV date.
  public var end: CalendarDay
  /// Number of returns `m` (NAVs − 1).
  public var returnCount: Int
  /// Periods a year used to annualise.
  public var periodsPerYear: Double
  /// `nav_last / nav_first − 1`.
  public var cumulativeReturn: Double
  /// `(nav_last / nav_first)^(365.25 / days) − 1`; `nil` over zero days.
  public var annualisedReturn: Double?
  /// `stdev(r) × √P`; `nil` with fewer than two returns.
  public var volatility: Double?
  /// `√(mean(min(r, 0)²)) × √P`; `nil` with no return.
  public var downsideDeviation: Double?
  /// `mean(r − R/P) / stdev(r) × √P`; `nil` with zero or undefined volatility.
  public var sharpe: Double?
  /// `√((1 + SR_p²/2) / m) × √P`; `nil` when the Sharpe ratio is.
  public var sharpeStandardError: Double?
  /// `mean(r) × P / downsideDeviation`; `nil` with no loss.
  public var sortino: Double?
  /// Maximum drawdown (≤ 0) with peak, trough and recovery dates.
  public var maxDrawdown: Drawdown
  /// `annualisedReturn / |maxDrawdown|`; `nil` with no drawdown.
  public var calmar: Double?

  /// The metrics of `navs` on `dates` (at least one NAV).
  ///
  /// - Parameters:
  ///   - riskFree: annual risk-free rate R for the Sharpe ratio (and its standard error), which uses `r − R/P`. The
  ///     Sortino ratio and downside deviation measure against 0 as DESIGN.md §8 writes them.
  public init(dates: [CalendarDay], navs: [Double], periodsPerYear p: Double, riskFree: Double = 0) {
    precondition(!navs.isEmpty && dates.count == navs.count, "at least one NAV, one per date")
    let r = NAVSeries.returns(navs)
    start = dates[0]
    end = dates[dates.count - 1]
    returnCount = r.count
    periodsPerYear = p
    cumulativeReturn = FundMetrics.cumulativeReturn(navs)!
    annualisedReturn = FundMetrics.annualisedReturn(navs, days: start.days(to: end))
    volatility = FundMetrics.volatility(r, periodsPerYear: p)
    downsideDeviation = FundMetrics.downsideDeviation(r, periodsPerYear: p)
    let perPeriod = FundMetrics.perPeriodSharpe(r, periodsPerYear: p, riskFree: riskFree)
    sharpe = perPeriod.map { $0 * p.squareRoot() }
    sharpeStandardError = perPeriod.flatMap {
      FundMetrics.sharpeStandardError(perPeriodSharpe: $0, returnCount: r.count, periodsPerYear: p)
    }
    sortino = FundMetrics.sortino(r, periodsPerYear: p)
    maxDrawdown = FundMetrics.maxDrawdown(dates: dates, navs: navs)
    calmar = FundMetrics.calmar(annualisedReturn: annualisedReturn, maxDrawdown: maxDrawdown.depth)
  }

  /// The metrics of a whole series.
  public init(_ series: NAVSeries, periodsPerYear: Double, riskFree: Double = 0) {
    self.init(dates: series.dates, navs: series.navs, periodsPerYear: periodsPerYear, riskFree: riskFree)
  }
}
