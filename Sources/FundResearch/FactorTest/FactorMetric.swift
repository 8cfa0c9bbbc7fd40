import Tradeable

/// The metrics a factor test ranks products by (DESIGN.md §8), each over a trailing window.
///
/// Higher is better for every one as defined — maximum drawdown is ≤ 0, so a shallower drawdown ranks higher —
/// except volatility and downside deviation, which are reported as they are: a negative IC of volatility means the
/// calmer products did better the next month.
public enum FactorMetric: String, Sendable, CaseIterable, Codable {
  case cumulativeReturn
  case annualisedReturn
  case volatility
  case downsideDeviation
  case maxDrawdown
  case sharpe
  case sortino
  case calmar

  /// Words for tables.
  public var title: String {
    switch self {
    case .cumulativeReturn: return "Cumulative return"
    case .annualisedReturn: return "Annualised return"
    case .volatility: return "Volatility"
    case .downsideDeviation: return "Downside deviation"
    case .maxDrawdown: return "Maximum drawdown"
    case .sharpe: return "Sharpe ratio"
    case .sortino: return "Sortino ratio"
    case .calmar: return "Calmar ratio"
    }
  }

  /// Whether a higher value is the better one (all but volatility and downside deviation).
  public var higherIsBetter: Bool { self != .volatility && self != .downsideDeviation }

  /// The metrics of one window, in `allCases` order: the NAVs `navs` (base first) on `dates` and their returns, at `P`
  /// periods a year, the Sharpe ratio over `riskFree` — `FundMetrics` on slices, the same numbers as
  /// `PerformanceMetrics`.
  static func values(
    dates: ArraySlice<CalendarDay>, navs: ArraySlice<Double>, returns: ArraySlice<Double>, periodsPerYear p: Double,
    riskFree: Double
  ) -> [Double?] {
    let annualised = FundMetrics.annualisedReturn(navs, days: dates.first!.days(to: dates.last!))
    let drawdown = FundMetrics.maxDrawdownDepth(navs).depth
    return allCases.map { metric in
      switch metric {
      case .cumulativeReturn: return FundMetrics.cumulativeReturn(navs)
      case .annualisedReturn: return annualised
      case .volatility: return FundMetrics.volatility(returns, periodsPerYear: p)
      case .downsideDeviation: return FundMetrics.downsideDeviation(returns, periodsPerYear: p)
      case .maxDrawdown: return drawdown
      case .sharpe: return FundMetrics.sharpe(returns, periodsPerYear: p, riskFree: riskFree)
      case .sortino: return FundMetrics.sortino(returns, periodsPerYear: p)
      case .calmar: return FundMetrics.calmar(annualisedReturn: annualised, maxDrawdown: drawdown)
      }
    }
  }
}
