import LinearAlgebra
import Tradeable

/// When a fixed-weight mix is brought back to its weights.
public enum BlendRebalancing: Sendable, Equatable {
  /// At the last common date of every calendar year.
  case annual
  /// Whenever some component's weight is more than `band` (absolute, 0.05 = 5 percentage points) from its target,
  /// checked at every date's close.
  case threshold(band: Double)
  /// Never: buy and hold.
  case never
}

/// A fixed-weight mix of series backtested on their common dates: "what if 20% of my 60/40 were a
/// trend sleeve".
///
/// The mix starts at its weights on the first date all components have a value; on each later common date every
/// holding grows by its component's return since the previous common date; it is reset to the weights as
/// `rebalancing` says (no costs). Metrics follow DESIGN.md §8 at the common dates' frequency.
public struct BlendBacktest: Sendable {
  /// Component codes and target weights (summing to 1), in the order given.
  public var codes: [String]
  public var weights: [Double]
  /// The rule.
  public var rebalancing: BlendRebalancing
  /// Common dates.
  public var dates: [CalendarDay]
  /// Value of the mix on each date (1 at the start).
  public var values: [Double]
  /// Component values on the common dates (their own NAVs there).
  public var componentValues: [[Double]]
  /// Dates at whose close the mix was rebalanced.
  public var rebalanceDates: [CalendarDay]
  /// Periods a year.
  public var periodsPerYear: Double
  /// Pearson correlation of the components' returns over the common dates (`dsyrk` on the centred returns).
  public var correlation: Matrix

  /// Why a mix cannot be run.
  public enum Failure: Error, Equatable {
    /// The components share fewer than three dates.
    case tooFewCommonDates(Int)
    /// The common dates are further apart than monthly (median gap in days) and no periods-a-year was given.
    case irregularDates(medianGapDays: Double)
  }

  /// Runs the mix. Periods a year: `periodsPerYear`, else the common dates' detected frequency.
  public init(
    series: [NAVSeries], weights: [Double], rebalancing: BlendRebalancing, periodsPerYear: Double? = nil
  ) throws(Failure) {
    precondition(series.count == weights.count && !series.isEmpty, "one weight per series")
    let dates = StyleRegression.commonDates(series)
    guard dates.count >= 3 else { throw .tooFewCommonDates(dates.count) }
    let gap = ReportingFrequency.medianGapDays(dates)!
    guard let p = periodsPerYear ?? ReportingFrequency.classify(medianGapDays: gap).periodsPerYear else {
      throw .irregularDates(medianGapDays: gap)
    }
    let components: [[Double]] = series.map { s in
      var values: [Double] = []
      var j = 0
      for d in dates {
        while s.dates[j] < d { j += 1 }
        values.append(s.navs[j])
      }
      return values
    }
    let n = series.count
    var holdings = weights
    var values = [1.0]
    var rebalanceDates: [CalendarDay] = []
    for t in 1..<dates.count {
      for i in 0..<n { holdings[i] *= components[i][t] / components[i][t - 1] }
      let total = holdings.reduce(0, +)
      values.append(total)
      guard t + 1 < dates.count else { break }
      let rebalance: Bool
      switch rebalancing {
      case .annual: rebalance = dates[t + 1].year != dates[t].year
      case .threshold(let band): rebalance = (0..<n).contains { abs(holdings[$0] / total - weights[$0]) > band }
      case .never: rebalance = false
      }
      if rebalance {
        for i in 0..<n { holdings[i] = weights[i] * total }
        rebalanceDates.append(dates[t])
      }
    }
    var returns = Matrix(rows: dates.count - 1, columns: n)
    for i in 0..<n {
      for (t, r) in NAVSeries.returns(components[i]).enumerated() { returns[t, i] = r }
    }
    self.codes = series.map(\.code)
    self.weights = weights
    self.rebalancing = rebalancing
    self.dates = dates
    self.values = values
    self.componentValues = components
    self.rebalanceDates = rebalanceDates
    self.periodsPerYear = p
    self.correlation = PairwiseCorrelation.correlation(values: returns, mask: nil)
  }

  /// The mix's metrics.
  public func metrics(riskFree: Double = 0) -> PerformanceMetrics {
    PerformanceMetrics(dates: dates, navs: values, periodsPerYear: periodsPerYear, riskFree: riskFree)
  }

  /// Component `i`'s metrics over the same dates.
  public func componentMetrics(_ i: Int, riskFree: Double = 0) -> PerformanceMetrics {
    PerformanceMetrics(dates: dates, navs: componentValues[i], periodsPerYear: periodsPerYear, riskFree: riskFree)
  }

  /// Calendar-year returns of the mix.
  public var calendarYears: [CalendarYearReturn] { CalendarYearReturn.of(dates: dates, navs: values) }
}
