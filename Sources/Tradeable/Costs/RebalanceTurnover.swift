/// Trades a year caused by volatility targeting (DESIGN.md §4.3).
///
/// A volatility-targeting system holds a position proportional to `1/σ`. With `v_t` an EWMA of squared daily
/// differences, `v_t = (1 − a)·v_{t−1} + a·d_t²`, `a = 2/36`, started at the mean of the first 35 squared differences
/// of the window, the position is `q_t = 1/√v_t` for t = 35 … n (the start included). The fraction of the average
/// position traded a day is `mean|q_t − q_{t−1}| / mean q_t` (means over the n − 35 changes and the n − 34 positions);
/// × 256 gives trades a year in units of the average position.
///
/// - Returns: 0 when the window has fewer than `span + 1` differences, or when a variance is zero (the position
///   would be infinite: a series that did not move for `span` days has no measurable rebalancing).
public func volatilityTargetingTurnover(
  _ window: [Double], span: Int = 35, decay: Double = 2.0 / 36, businessDaysPerYear: Double = 256
) -> Double {
  let n = window.count
  guard span > 0, n > span else { return 0 }
  var v = 0.0
  for t in 0..<span { v += window[t] * window[t] }
  v /= Double(span)
  guard v > 0 else { return 0 }
  var previous = 1 / v.squareRoot()
  var sumPositions = previous
  var sumChanges = 0.0
  for t in span..<n {
    v = (1 - decay) * v + decay * window[t] * window[t]
    guard v > 0 else { return 0 }
    let q = 1 / v.squareRoot()
    sumChanges += abs(q - previous)
    sumPositions += q
    previous = q
  }
  let meanChange = sumChanges / Double(n - span)
  let meanPosition = sumPositions / Double(n - span + 1)
  return businessDaysPerYear * meanChange / meanPosition
}
