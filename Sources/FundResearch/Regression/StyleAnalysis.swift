import LinearAlgebra
import Tradeable

/// Returns-based style analysis (Sharpe 1992, DESIGN.md §8): the mix of factors, long only and fully invested, that
/// tracks a product best.
///
/// On the dates the product and every factor share (optionally within `start … end`), returns per §8 between
/// consecutive shared dates — so at the product's frequency when the factors report at least as often — and then
/// `min Σ_t (r_t − Σ_k w_k f_{k,t})²` over `w ≥ 0, Σ w = 1`, no intercept (`SimplexLeastSquares`). Reported: the
/// weights, `R² = 1 − var(e)/var(r)` (sample variances, centred, so negative when the factors explain less than a
/// constant would), the tracking error `sd(e, n − 1) × √P` and the mean of `e` (the return the style does not
/// explain, Sharpe's "selection"), per period and × P a year.
public struct StyleAnalysis: Sendable {
  /// Why a product has no style weights.
  public enum Failure: Error, Equatable, CustomStringConvertible {
    /// Fewer shared returns than `2 × (factors + 1)`.
    case tooFewReturns(have: Int, need: Int)
    /// A factor is a combination, with weights summing to 1, of the others over the shared dates.
    case collinearFactors(factor: String)

    public var description: String {
      switch self {
      case .tooFewReturns(let have, let need):
        return "\(have) shared return\(have == 1 ? "" : "s"), fewer than 2 × (factors + 1) = \(need): give fewer "
          + "factors or a longer span"
      case .collinearFactors(let factor):
        return "'\(factor)' is a combination, with weights summing to 1, of the other factors over these dates, so "
          + "the style weights are not unique: drop it"
      }
    }
  }

  /// Factor names, in the order of `weights`.
  public var factors: [String]
  /// The shared dates used, the first the base of the first return.
  public var dates: [CalendarDay]
  /// Number of returns, `dates.count − 1`.
  public var returnCount: Int { dates.count - 1 }
  /// Style weights, each ≥ 0, summing to 1.
  public var weights: [Double]
  /// `1 − var(e) / var(r)`; `nil` when the product's returns are constant.
  public var rSquared: Double?
  /// `sd(e, n − 1) × √P`; `nil` without P.
  public var trackingError: Double?
  /// `mean(e)`: the return a period the style leaves unexplained.
  public var meanResidual: Double
  /// Periods a year (the shared dates' detected frequency, or the override); `nil` when irregular.
  public var periodsPerYear: Double?
  /// Active-set steps of the solve.
  public var iterations: Int

  /// `meanResidual × P`, a year; `nil` without P.
  public var annualisedResidual: Double? { periodsPerYear.map { meanResidual * $0 } }

  /// The minimum number of shared returns for `factors` factors: `2 × (factors + 1)`.
  public static func minimumReturns(factors: Int) -> Int { 2 * (factors + 1) }

  /// The analysis of `product` on `factors` over their shared dates within `start … end`.
  public init(
    product: NAVSeries, factors: [NAVSeries], start: CalendarDay? = nil, end: CalendarDay? = nil,
    periodsPerYear: Double? = nil
  ) throws(Failure) {
    let dates = StyleRegression.commonDates([product] + factors, start: start, end: end)
    try self.init(
      product: product, factors: factors, dates: dates,
      periodsPerYear: periodsPerYear ?? ReportingFrequency.detect(dates)?.periodsPerYear)
  }

  /// The analysis on `dates` (shared by the product and every factor, increasing) at `periodsPerYear`.
  public init(product: NAVSeries, factors: [NAVSeries], dates: [CalendarDay], periodsPerYear: Double?)
    throws(Failure)
  {
    let need = StyleAnalysis.minimumReturns(factors: factors.count)
    let have = max(dates.count - 1, 0)
    guard have >= need else { throw .tooFewReturns(have: have, need: need) }
    let r = NAVSeries.returns(product.values(on: dates))
    var storage: [Double] = []
    storage.reserveCapacity(have * factors.count)
    for f in factors { storage += NAVSeries.returns(f.values(on: dates)) }
    let x = Matrix(rows: have, columns: factors.count, storage: storage)
    let solution: SimplexLeastSquares.Solution
    do {
      solution = try SimplexLeastSquares.solve(x: x, y: r)
    } catch .affinelyDependent(let index, _) {
      throw .collinearFactors(factor: factors[index].code)
    } catch {
      // The active set always settles for affinely independent factors; a failure here is a defect.
      preconditionFailure("style analysis did not converge: \(error)")
    }
    let fitted = x.multiplied(by: solution.weights)
    let e = (0..<have).map { r[$0] - fitted[$0] }
    let sdE = sampleStandardDeviation(e)!
    let sdR = sampleStandardDeviation(r)!
    self.factors = factors.map(\.code)
    self.dates = dates
    self.weights = solution.weights
    self.rSquared = sdR > 0 ? 1 - (sdE * sdE) / (sdR * sdR) : nil
    self.periodsPerYear = periodsPerYear
    self.trackingError = periodsPerYear.map { sdE * $0.squareRoot() }
    self.meanResidual = e.reduce(0, +) / Double(have)
    self.iterations = solution.iterations
  }
}

extension NAVSeries {
  /// The NAVs on `dates`, each of which must be one of the series' dates (shared dates: `StyleRegression.commonDates`).
  public func values(on dates: [CalendarDay]) -> [Double] {
    var values: [Double] = []
    values.reserveCapacity(dates.count)
    var j = 0
    for d in dates {
      while self.dates[j] < d { j += 1 }
      precondition(self.dates[j] == d, "a shared date is one of the series' dates")
      values.append(navs[j])
    }
    return values
  }
}

/// Style weights over time (style drift): the analysis over each full window of `months` calendar months ending at a
/// month end (DESIGN.md §8).
///
/// On the shared dates of the whole span, the window ending at month end `m` holds the shared dates after
/// `m.windowStart(months:)` (the month end `months` earlier) and on or before `m`, plus, as base, the last shared date
/// on or before that start. The first window ends at the first month end whose start is on or after the first shared
/// date (the first month end `months` months after it); the last at the month end of the last shared date's month
/// (its last shared NAV standing for the month's end, as in the factor test and the FOF correlations). Each entry is
/// dated by its month end; a window with too few returns or collinear factors keeps its date with the reason instead
/// of weights.
public struct RollingStyleAnalysis: Sendable {
  /// One window.
  public struct Window: Sendable {
    /// The month end it is dated by.
    public var monthEnd: CalendarDay
    /// First (base) and last shared dates in it.
    public var start: CalendarDay
    public var end: CalendarDay
    /// Returns in it (shared dates − 1).
    public var returnCount: Int
    /// The analysis, or why there is none.
    public var result: Result<StyleAnalysis, StyleAnalysis.Failure>

    /// The analysis, `nil` when it failed.
    public var analysis: StyleAnalysis? { try? result.get() }
  }

  /// Window length: 1 to 1,200 calendar months (100 years).
  public static let monthsRange = ValidRange.between(
    1, 1_200, unit: .count, note: "calendar months; each window needs 2 × (factors + 1) shared returns")

  /// Calendar months of each window.
  public var months: Int
  /// Factor names.
  public var factors: [String]
  /// Windows in date order; empty when the span is shorter than one window.
  public var windows: [Window]

  /// The rolling analysis of `product` on `factors` over their shared dates within `start … end`.
  public init(
    product: NAVSeries, factors: [NAVSeries], months: Int, start: CalendarDay? = nil, end: CalendarDay? = nil,
    periodsPerYear: Double? = nil
  ) {
    let dates = StyleRegression.commonDates([product] + factors, start: start, end: end)
    let p = periodsPerYear ?? ReportingFrequency.detect(dates)?.periodsPerYear
    self.months = months
    self.factors = factors.map(\.code)
    var windows: [Window] = []
    if let first = dates.first, let last = dates.last {
      // The first month end m with m.windowStart(months:) — the month end `months` before it — on or after `first`.
      // That is the month end `months` after the first date's month: its start is the end of that month.
      var m = first.monthEnd(afterMonths: months)
      let lastMonthEnd = last.lastDayOfMonth
      while m <= lastMonthEnd {
        // base ≥ 0: the start is on or after the first date; through ≥ base: the start is before m.
        let base = dates.partitioningIndex { $0 > m.windowStart(months: months) } - 1
        let through = dates.partitioningIndex { $0 > m } - 1
        let span = Array(dates[base...through])
        let result = Result { () throws(StyleAnalysis.Failure) -> StyleAnalysis in
          try StyleAnalysis(product: product, factors: factors, dates: span, periodsPerYear: p)
        }
        windows.append(
          Window(
            monthEnd: m, start: span[0], end: span[span.count - 1], returnCount: span.count - 1, result: result))
        m = m.monthEnd(afterMonths: 1)
      }
    }
    self.windows = windows
  }
}
