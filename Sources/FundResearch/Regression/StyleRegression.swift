import Tradeable

/// A product's returns regressed on factor returns: `r_t = α + Σ βⱼ fⱼ,t + e_t`.
///
/// Returns are taken over the same intervals: the dates on which the product and every factor all have a value
/// (optionally within `start … end`), and `r_t = v_t / v_{t'} − 1` between consecutive such dates. So a monthly
/// product against daily factors is regressed on the factors' returns over the product's months, and a holiday in one
/// market merges two days rather than mismatching them.
public struct StyleRegression: Sendable {
  /// Product code.
  public var code: String
  /// Factor names, in the regression's order.
  public var factors: [String]
  /// Common dates used (the first is the base of the first return).
  public var dates: [CalendarDay]
  /// Periods a year of the common dates (their detected frequency, or the override); annualises α.
  public var periodsPerYear: Double?
  /// The fit.
  public var fit: LinearRegression

  /// `α × P`: the intercept as an annual return (simple scaling); `nil` without intercept or P.
  public var annualisedAlpha: Double? {
    guard fit.coefficients.first?.name == "alpha", let alpha = fit.coefficients[0].estimate, let p = periodsPerYear
    else { return nil }
    return alpha * p
  }

  /// The dates on which every series has a value, within `start … end`.
  public static func commonDates(_ series: [NAVSeries], start: CalendarDay? = nil, end: CalendarDay? = nil)
    -> [CalendarDay]
  {
    guard var common = series.first.map({ Set($0.dates) }) else { return [] }
    for s in series.dropFirst() { common.formIntersection(s.dates) }
    return common.filter { d in (start.map { d >= $0 } ?? true) && (end.map { d <= $0 } ?? true) }.sorted()
  }

  /// Regresses `product` on `factors`; `nil` when there are fewer common returns than coefficients + 1 (no degree of
  /// freedom left for the standard errors). Collinear factors and an exact fit are the fit's `warnings`.
  public init?(
    product: NAVSeries, factors: [NAVSeries], start: CalendarDay? = nil, end: CalendarDay? = nil,
    intercept: Bool = true, periodsPerYear: Double? = nil
  ) throws {
    let dates = StyleRegression.commonDates([product] + factors, start: start, end: end)
    let k = factors.count + (intercept ? 1 : 0)
    guard dates.count >= k + 2 else { return nil }
    func returns(_ s: NAVSeries) -> [Double] {
      var values: [Double] = []
      values.reserveCapacity(dates.count)
      var j = 0
      for d in dates {
        while s.dates[j] < d { j += 1 }
        values.append(s.navs[j])
      }
      return NAVSeries.returns(values)
    }
    self.code = product.code
    self.factors = factors.map(\.code)
    self.dates = dates
    self.periodsPerYear = periodsPerYear ?? ReportingFrequency.detect(dates)?.periodsPerYear
    self.fit = try LinearRegression(
      y: returns(product), regressors: factors.map(returns), names: factors.map(\.code), intercept: intercept)
  }
}
