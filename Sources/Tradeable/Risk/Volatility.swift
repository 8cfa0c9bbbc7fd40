/// Daily-price volatility (DESIGN.md §3): sample standard deviation of the last `window` daily differences,
/// annualised by √256 = 16. Differences, not percentage returns, because back-adjusted prices can be zero or negative.

/// Differences `p[t] - p[t-1]` between consecutive prices.
public func dailyDifferences(_ prices: [Double]) -> [Double] {
  guard prices.count > 1 else { return [] }
  var d = [Double](repeating: 0, count: prices.count - 1)
  for t in 1..<prices.count { d[t - 1] = prices[t] - prices[t - 1] }
  return d
}

/// The last `window` daily differences (fewer when the history is shorter).
public func volatilityWindow(_ prices: [Double], window: Int) -> [Double] {
  let d = dailyDifferences(prices)
  return Array(d.suffix(window))
}

/// Sample standard deviation (n − 1 in the denominator), two-pass for accuracy; `nil` for fewer than two values.
public func sampleStandardDeviation(_ values: [Double]) -> Double? { sampleStandardDeviation(values[...]) }

/// `sampleStandardDeviation` of a slice (a window of a longer series, without copying it): the same sums in the same
/// order.
public func sampleStandardDeviation(_ values: ArraySlice<Double>) -> Double? {
  guard values.count >= 2 else { return nil }
  var sum = 0.0
  for v in values { sum += v }
  let mean = sum / Double(values.count)
  var squares = 0.0
  for v in values {
    let e = v - mean
    squares += e * e
  }
  return (squares / Double(values.count - 1)).squareRoot()
}

/// A per-period sample standard deviation made annual: `stdev(values, n − 1) × √periodsPerYear`; `nil` for fewer
/// than two values. Futures' daily price differences (256 a year) and funds' returns (at their reporting frequency)
/// are both annualised here.
public func annualisedStandardDeviation(_ values: [Double], periodsPerYear: Double) -> Double? {
  annualisedStandardDeviation(values[...], periodsPerYear: periodsPerYear)
}

/// `annualisedStandardDeviation` of a slice.
public func annualisedStandardDeviation(_ values: ArraySlice<Double>, periodsPerYear: Double) -> Double? {
  sampleStandardDeviation(values).map { $0 * periodsPerYear.squareRoot() }
}

/// Annualised standard deviation of daily price differences, price points: `stdev(window) × √businessDaysPerYear`.
public func annualisedPriceVolatility(_ window: [Double], businessDaysPerYear: Double = 256) -> Double? {
  annualisedStandardDeviation(window, periodsPerYear: businessDaysPerYear)
}
