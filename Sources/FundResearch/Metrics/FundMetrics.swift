#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

import Tradeable

/// Performance metrics as plain functions of a NAV series or its returns, with an explicit number of periods a year
/// `P` (DESIGN.md §8). Undefined values (too few points, a zero denominator) are `nil`, never NaN.
///
/// Conventions: returns `r_k = nav_k / nav_{k−1} − 1` (`NAVSeries.returns`); sample standard deviation with `n − 1`
/// (the core's `sampleStandardDeviation`); a year is 365.25 calendar days for the annualised return and `P` periods for
/// everything else.
public enum FundMetrics {
  // Each metric is written once, on a slice (a window of a longer series, read in place); the array forms call it.

  /// `nav_last / nav_first − 1`; `nil` with no NAV.
  public static func cumulativeReturn(_ navs: ArraySlice<Double>) -> Double? {
    guard let first = navs.first, let last = navs.last else { return nil }
    return last / first - 1
  }

  /// `(nav_last / nav_first)^(365.25 / days) − 1` with `days` the calendar days from the first to the last NAV;
  /// `nil` when `days` is not positive.
  public static func annualisedReturn(_ navs: ArraySlice<Double>, days: Int) -> Double? {
    guard let first = navs.first, let last = navs.last, days > 0 else { return nil }
    return pow(last / first, 365.25 / Double(days)) - 1
  }

  /// Arithmetic mean; `nil` when empty.
  public static func mean(_ x: ArraySlice<Double>) -> Double? {
    guard !x.isEmpty else { return nil }
    return x.reduce(0, +) / Double(x.count)
  }

  /// `stdev(r, n−1) × √P` (the core's `annualisedStandardDeviation`, which FOF selection uses too).
  public static func volatility(_ returns: ArraySlice<Double>, periodsPerYear: Double) -> Double? {
    annualisedStandardDeviation(returns, periodsPerYear: periodsPerYear)
  }

  /// `√(mean(min(r, 0)²)) × √P`: the mean is over every return, the gains counting as 0 (a minimum acceptable
  /// return of 0).
  public static func downsideDeviation(_ returns: ArraySlice<Double>, periodsPerYear: Double) -> Double? {
    guard !returns.isEmpty else { return nil }
    var sum = 0.0
    for r in returns where r < 0 { sum += r * r }
    return (sum / Double(returns.count)).squareRoot() * periodsPerYear.squareRoot()
  }

  /// Per-period Sharpe ratio `mean(r − R/P) / stdev(r)` (`riskFree` R a year); `nil` when the standard deviation is
  /// zero or undefined.
  public static func perPeriodSharpe(_ returns: ArraySlice<Double>, periodsPerYear: Double, riskFree: Double = 0)
    -> Double?
  {
    guard let sd = sampleStandardDeviation(returns), sd > 0, let m = mean(returns) else { return nil }
    return (m - riskFree / periodsPerYear) / sd
  }

  /// Annualised Sharpe ratio `mean(r − R/P) / stdev(r) × √P`.
  public static func sharpe(_ returns: ArraySlice<Double>, periodsPerYear: Double, riskFree: Double = 0) -> Double? {
    perPeriodSharpe(returns, periodsPerYear: periodsPerYear, riskFree: riskFree).map {
      $0 * periodsPerYear.squareRoot()
    }
  }

  /// Sortino ratio `mean(r) × P / downsideDeviation`; `nil` when there is no loss (zero downside deviation).
  public static func sortino(_ returns: ArraySlice<Double>, periodsPerYear: Double) -> Double? {
    guard let m = mean(returns), let dd = downsideDeviation(returns, periodsPerYear: periodsPerYear), dd > 0 else {
      return nil
    }
    return m * periodsPerYear / dd
  }

  /// The array forms.
  public static func cumulativeReturn(_ navs: [Double]) -> Double? { cumulativeReturn(navs[...]) }
  public static func annualisedReturn(_ navs: [Double], days: Int) -> Double? { annualisedReturn(navs[...], days: days) }
  public static func mean(_ x: [Double]) -> Double? { mean(x[...]) }
  public static func volatility(_ returns: [Double], periodsPerYear: Double) -> Double? {
    volatility(returns[...], periodsPerYear: periodsPerYear)
  }
  public static func downsideDeviation(_ returns: [Double], periodsPerYear: Double) -> Double? {
    downsideDeviation(returns[...], periodsPerYear: periodsPerYear)
  }
  public static func perPeriodSharpe(_ returns: [Double], periodsPerYear: Double, riskFree: Double = 0) -> Double? {
    perPeriodSharpe(returns[...], periodsPerYear: periodsPerYear, riskFree: riskFree)
  }
  public static func sharpe(_ returns: [Double], periodsPerYear: Double, riskFree: Double = 0) -> Double? {
    sharpe(returns[...], periodsPerYear: periodsPerYear, riskFree: riskFree)
  }
  public static func sortino(_ returns: [Double], periodsPerYear: Double) -> Double? {
    sortino(returns[...], periodsPerYear: periodsPerYear)
  }

  /// Standard error of the annualised Sharpe ratio, `√((1 + SR_p²/2) / m) × √P` with `SR_p` the per-period Sharpe
  /// and `m` the number of returns (Lo 2002, for independent returns).
  public static func sharpeStandardError(perPeriodSharpe: Double, returnCount m: Int, periodsPerYear: Double)
    -> Double?
  {
    guard m > 0 else { return nil }
    return ((1 + perPeriodSharpe * perPeriodSharpe / 2) / Double(m)).squareRoot() * periodsPerYear.squareRoot()
  }

  /// `annualisedReturn / |maxDrawdown|`; `nil` when there was no drawdown.
  public static func calmar(annualisedReturn: Double?, maxDrawdown: Double) -> Double? {
    guard let annualisedReturn, maxDrawdown < 0 else { return nil }
    return annualisedReturn / abs(maxDrawdown)
  }

  /// The deepest fall from a running peak, `min_k(nav_k / max_{j≤k} nav_j − 1)` (≤ 0), with the positions (slice
  /// indices) of its peak and trough; `nil` positions when the series never fell.
  public static func maxDrawdownDepth(_ navs: ArraySlice<Double>) -> (depth: Double, peak: Int?, trough: Int?) {
    guard var peakIndex = navs.indices.first else { return (0, nil, nil) }
    var worst = 0.0
    var worstPeak: Int? = nil
    var worstTrough: Int? = nil
    for k in navs.indices.dropFirst() {
      if navs[k] > navs[peakIndex] {
        peakIndex = k
        continue
      }
      let depth = navs[k] / navs[peakIndex] - 1
      if depth < worst {
        worst = depth
        worstPeak = peakIndex
        worstTrough = k
      }
    }
    return (worst, worstPeak, worstTrough)
  }

  /// The deepest fall from a running peak: `min_k(nav_k / max_{j≤k} nav_j − 1)` (≤ 0), with its dates.
  public static func maxDrawdown(dates: [CalendarDay], navs: [Double]) -> Drawdown {
    precondition(dates.count == navs.count, "one NAV per date")
    let (depth, peak, trough) = maxDrawdownDepth(navs[...])
    guard let peak, let trough else { return Drawdown(depth: 0, peak: nil, trough: nil, recovery: nil) }
    var recovery: CalendarDay? = nil
    for k in (trough + 1)..<navs.count where navs[k] >= navs[peak] {
      recovery = dates[k]
      break
    }
    return Drawdown(depth: depth, peak: dates[peak], trough: dates[trough], recovery: recovery)
  }
}

/// The maximum drawdown of a series and its dates.
public struct Drawdown: Sendable, Equatable {
  /// `min_k(nav_k / running peak − 1)`, ≤ 0 (0 for a series that never fell).
  public var depth: Double
  /// Date of the running peak the deepest fall started from (the first date that peak was reached); `nil` when
  /// `depth` is 0.
  public var peak: CalendarDay?
  /// Date of the lowest point (the first, if it was reached twice); `nil` when `depth` is 0.
  public var trough: CalendarDay?
  /// First date after the trough with a NAV back at or above the peak's; `nil` if none (or no drawdown).
  public var recovery: CalendarDay?

  public init(depth: Double, peak: CalendarDay?, trough: CalendarDay?, recovery: CalendarDay?) {
    self.depth = depth
    self.peak = peak
    self.trough = trough
    self.recovery = recovery
  }
}
