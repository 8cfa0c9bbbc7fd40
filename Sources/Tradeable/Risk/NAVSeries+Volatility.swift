extension NAVSeries {
  /// A fund's annual volatility for FOF selection (DESIGN.md §8): the sample standard deviation of its returns over
  /// the last `months` calendar months (every return when the series is shorter) × √periodsPerYear; `nil` with fewer
  /// than two returns.
  public func trailingVolatility(months: Int, periodsPerYear: Double) -> Double? {
    annualisedStandardDeviation(trailingReturns(months: months), periodsPerYear: periodsPerYear)
  }
}
