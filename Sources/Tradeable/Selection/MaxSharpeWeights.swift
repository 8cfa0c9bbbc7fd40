import LinearAlgebra

/// Long-only weights maximising the Sharpe ratio `wᵀs / √(wᵀCw)` subject to `w ≥ 0`, `Σw = 1`.
///
/// Solved as the equivalent convex problem `min ½·yᵀCy` subject to `sᵀy = 1`, `y ≥ 0`, then `w = y / Σy`. Its KKT
/// conditions: `C·y = λ·s + μ`, `μ ≥ 0`, `μᵢ·yᵢ = 0`; on the support `P` (where `y > 0`), `y_P = λ·C_P⁻¹·s_P` with
/// `λ = yᵀCy = 1 / SR²`. An active-set method in the style of Lawson and Hanson: solve on the support by Cholesky
/// (LAPACK `dpotrf`/`dpotrs`); if some coordinate is not positive, step back towards the last feasible point and drop
/// the coordinate that reaches zero; when all are positive, add the outside coordinate with the most negative
/// multiplier `μᵢ = (C·y)ᵢ − λ·sᵢ`; stop when none is negative.
///
/// - Returns: weights (zero outside the support) and the Sharpe ratio; `nil` when no `sᵢ` is positive (no long-only
///   portfolio has a positive Sharpe ratio) or the matrix is not positive definite on the support.
public func maxSharpeWeights(correlation c: Matrix, netSR s: [Double]) -> (weights: [Double], sharpe: Double)? {
  let m = s.count
  precondition(c.rows == m && c.columns == m)
  // Start from the single best instrument: y = e_i / s_i is feasible.
  var start = -1
  for i in 0..<m where s[i] > 0 && (start < 0 || s[i] > s[start]) { start = i }
  guard start >= 0 else { return nil }
  var support = [start]
  var y = [Double](repeating: 0, count: m)
  y[start] = 1 / s[start]
  /// Multipliers below this (relative to λ) count as zero: rounding in `C·y` is around 1e-16 of its size.
  let tolerance = 1e-12
  func solve(_ p: [Int]) -> [Double]? {
    guard let factor = try? c.principalSubmatrix(p).cholesky(), let z = try? factor.solve(p.map { s[$0] }) else {
      return nil
    }
    return z
  }
  for _ in 0..<(10 * m + 10) {
    let cy = c.multiplied(by: y)
    var lambda = 0.0
    for i in support { lambda += y[i] * cy[i] }
    var entering = -1
    var mostNegative = -tolerance * lambda
    for i in 0..<m where !support.contains(i) {
      let multiplier = cy[i] - lambda * s[i]
      if multiplier < mostNegative {
        mostNegative = multiplier
        entering = i
      }
    }
    if entering < 0 { break }
    support.append(entering)
    while true {
      guard let z = solve(support) else { return nil }
      let scale = zip(support, z).reduce(0) { $0 + s[$1.0] * $1.1 }
      guard scale > 0 else { return nil }
      let target = z.map { $0 / scale }  // the solution on the support, scaled onto sᵀy = 1
      if target.allSatisfy({ $0 > 0 }) {
        for (k, i) in support.enumerated() { y[i] = target[k] }
        break
      }
      // Step from y toward target until the first coordinate reaches zero; drop it and solve again.
      var alpha = 1.0
      var leaving = -1
      for (k, i) in support.enumerated() where target[k] <= 0 {
        let a = y[i] / (y[i] - target[k])
        if leaving < 0 || a < alpha {
          alpha = a
          leaving = i
        }
      }
      for (k, i) in support.enumerated() { y[i] += alpha * (target[k] - y[i]) }
      y[leaving] = 0
      support.removeAll { $0 == leaving }
      for i in support where y[i] < 0 { y[i] = 0 }
    }
  }
  let total = y.reduce(0, +)
  let variance = c.quadraticForm(y)
  guard total > 0, variance > 0 else { return nil }
  let sharpe = zip(y, s).reduce(0) { $0 + $1.0 * $1.1 } / variance.squareRoot()
  return (y.map { $0 / total }, sharpe)
}
