import LinearAlgebra

/// Long-only max-Sharpe weights (`WeightingScheme.maxSharpe`) in the greedy selection.
///
/// With `C_S = UᵀU` (Cholesky) and `z_S = C_S⁻¹·s_S`, the optimum over `S ∪ {j}` on full support is a rank-one border
/// of it: `u = U⁻ᵀ·c_j`, `γ = 1 − uᵀu`, `z_j = (s_j − c_jᵀ·z_S)/γ`, `z_S' = z_S − z_j·C_S⁻¹·c_j` and
/// `SR² = SR_S² + (s_j − c_jᵀz_S)²/γ`. Two triangular solves over all candidates at once (`dtrsm`, BLAS 3) and O(k) per
/// candidate. A set whose optimum is not strictly positive would give some member zero weight (and the true long-only
/// optimum then drops a member): it counts as not affordable. With `w = z/Σz`, `wᵀCw = SR²/(Σz)²`, so
/// `IDM = min(cap, Σz/SR)` and member r needs `maxContracts × unitRisk_r / (IDM × w_r × targetVolatility)`.
struct MaxSharpeWeighting: WeightingMethod {
  func bestAddition(to state: GreedyState) -> GreedyState.Evaluation? {
    var best: GreedyState.Evaluation? = nil
    for (j, sharpe) in additionSharpes(to: state).enumerated() where sharpe > -.infinity {
      if state.better(sharpe, j, than: best) { best = GreedyState.Evaluation(sharpe: sharpe, candidate: j) }
    }
    return best
  }

  func additionSharpes(to state: GreedyState) -> [Double] {
    let k = state.members.count
    let n = state.n
    let c = state.memberCorrelation
    var sharpes = [Double](repeating: -.infinity, count: n)
    guard let factor = try? c.cholesky() else { return sharpes }
    let sS = state.members.map { state.netSR[$0] }
    guard let zS = try? factor.solve(sS) else { return sharpes }
    var sharpeSquared = 0.0
    for a in 0..<k { sharpeSquared += sS[a] * zS[a] }
    // R (n × k): column r = member r's correlations with every candidate.
    var y = [Double](repeating: 0, count: n * k)
    for r in 0..<k { for j in 0..<n { y[r * n + j] = state.rows[r][j] } }
    // c_jᵀ z_S for every j: R·z_S.
    let projected = Matrix(rows: n, columns: k, storage: y).multiplied(by: zS)
    // Y = R·U⁻¹ (row j = u_jᵀ, u_j = U⁻ᵀ c_j); V = Y·U⁻ᵀ (row j = (C_S⁻¹ c_j)ᵀ).
    var v = [Double](repeating: 0, count: n * k)
    factor.upper.storage.withUnsafeBufferPointer { u in
      y.withUnsafeMutableBufferPointer { yp in
        BLAS.trsmUpper(.right, .none, m: n, n: k, alpha: 1, u: u.baseAddress!, ldu: k, b: yp.baseAddress!, ldb: n)
      }
      v = y
      v.withUnsafeMutableBufferPointer { vp in
        BLAS.trsmUpper(.right, .transpose, m: n, n: k, alpha: 1, u: u.baseAddress!, ldu: k, b: vp.baseAddress!, ldb: n)
      }
    }
    var z = [Double](repeating: 0, count: k + 1)
    for j in 0..<n where state.open[j] {
      var uu = 0.0
      for r in 0..<k { uu += y[r * n + j] * y[r * n + j] }
      let gamma = 1 - uu
      // γ is the variance of j left unexplained by S; at or below ~1e-12 the bordered matrix is singular.
      guard gamma > 1e-12 else { continue }
      let d = state.netSR[j] - projected[j]
      let zj = d / gamma
      guard zj > 0 else { continue }
      var total = zj
      var positive = true
      for r in 0..<k {
        let value = zS[r] - zj * v[r * n + j]
        if !(value > 0) {
          positive = false
          break
        }
        z[r] = value
        total += value
      }
      guard positive else { continue }
      z[k] = zj
      let sharpe = (sharpeSquared + d * d / gamma).squareRoot()
      let idm = min(state.sizing.idmCap, total / sharpe)
      var worst = state.unitRisk[j] / (zj / total)
      for r in 0..<k { worst = max(worst, state.unitRisk[state.members[r]] / (z[r] / total)) }
      guard state.capital >= state.sizing.capitalNeeded(unitRisk: worst, weight: 1, idm: idm) else { continue }
      sharpes[j] = sharpe
    }
    return sharpes
  }

  /// `C⁻¹s / Σ C⁻¹s` when every entry is positive (the long-only optimum on full support, which the greedy step test
  /// and every refinement move demand); `nil` otherwise — a member at zero weight would hold no position.
  func weights(correlation: Matrix, netSR: [Double], ranks: [Int]) -> [Double]? {
    guard let z = try? correlation.cholesky().solve(netSR), z.allSatisfy({ $0 > 0 }) else { return nil }
    let total = z.reduce(0, +)
    return z.map { $0 / total }
  }
}

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
