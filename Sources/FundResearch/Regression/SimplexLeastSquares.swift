import LinearAlgebra
import Tradeable

/// Least squares on the simplex: `min ‖y − X w‖²` subject to `w ≥ 0`, `Σ w = 1` — the quadratic programme of
/// returns-based style analysis (Sharpe 1992), solved exactly by a primal active-set method over LAPACK.
///
/// The method keeps a feasible `w` and a free set `F` (the weights allowed above 0; the others are held at 0). Each
/// step solves the equality-constrained least squares on `F`, `min ‖y − X_F v‖²` with `Σ v = 1`, by eliminating one
/// weight (`v_p = 1 − Σ_{i≠p} v_i`, so `y − x_p ≈ Σ_{i≠p} v_i (x_i − x_p)`, an unconstrained problem for `dgels`):
/// - if `v > 0`, `w = v`; then the multipliers of the weights at 0 are checked — with `g = Xᵀ(Xw − y)` and `λ` the
///   common value of `−g_i` over `F`, a weight at 0 whose `g_i + λ` is negative would lower the objective if it
///   grew — and the most negative one joins `F`; with none, `w` is optimal (the KKT conditions hold);
/// - else `w` moves towards `v` as far as it stays feasible, and the weights that reach 0 leave `F`.
///
/// The objective is strictly convex on the simplex when the factors are affinely independent over the observations
/// (no factor is a combination, with weights summing to 1, of the others), which is checked first; then every
/// sub-problem has one solution and the method ends in finitely many steps (at most a few times the number of
/// factors in practice). The answer is the exact optimum to rounding, not an iterative approximation.
public enum SimplexLeastSquares {
  /// Why there is no unique answer.
  public enum Failure: Error, Equatable {
    /// Factor `index` is (numerically) a combination, with weights summing to 1, of the factors before it and the
    /// last one: `unexplained` is what is left of its difference from the last factor after projecting on the
    /// others' (1 − R², uncentred). Many weight vectors then fit equally well.
    case affinelyDependent(index: Int, unexplained: Double)
    /// The active set did not settle within `iterations` steps (not expected; reported rather than looped on).
    case noConvergence(iterations: Int)
  }

  /// The optimum.
  public struct Solution: Sendable, Equatable {
    /// One weight per column of `X`, each ≥ 0, summing to 1 (exactly 0 for the weights held at the bound).
    public var weights: [Double]
    /// Active-set steps taken.
    public var iterations: Int
  }

  /// A factor whose difference from the last factor keeps less than this fraction of its sum of squares after
  /// projecting on the others' differences makes the factors affinely dependent: the rank tolerance of
  /// `LinearRegression`.
  public static let dependenceTolerance = LinearRegression.collinearityTolerance

  /// Solves the programme for `x` (`n × K`, one column per factor, column-major) and `y` (`n`). Needs `K ≥ 1` and
  /// `n ≥ K − 1`.
  public static func solve(x: Matrix, y: [Double]) throws(Failure) -> Solution {
    let n = x.rows
    let k = x.columns
    precondition(k >= 1 && y.count == n, "one observation of y per row of X, at least one factor")
    if k == 1 { return Solution(weights: [1], iterations: 0) }
    let columns = (0..<k).map { x.column($0) }
    if let (index, unexplained) = firstDependentFactor(columns) {
      throw .affinelyDependent(index: index, unexplained: unexplained)
    }
    let g0 = x.multiplied(by: y, transposingSelf: true)
    let gram = x.gram()
    // Multipliers are compared on the scale of the gradient's terms: ‖Xᵀy‖∞ + max (XᵀX)ᵢᵢ.
    let scale = (g0.map { abs($0) }.max() ?? 0) + (0..<k).map { gram[$0, $0] }.max()!
    let tolerance = 1e-12 * max(scale, .leastNormalMagnitude)

    var w = [Double](repeating: 1 / Double(k), count: k)
    var free = [Bool](repeating: true, count: k)
    let limit = 20 * k + 100
    var iterations = 0
    while iterations < limit {
      iterations += 1
      let set = (0..<k).filter { free[$0] }
      let v = subproblem(columns: columns, y: y, set: set, pivot: set.max { w[$0] < w[$1] }!)
      if set.allSatisfy({ v[$0] > 0 }) {
        for i in set { w[i] = v[i] }
        // Gradient g = XᵀX w − Xᵀy; λ = −mean over F of g.
        let hw = gram.multiplied(by: w)
        let g = (0..<k).map { hw[$0] - g0[$0] }
        let lambda = -set.reduce(0) { $0 + g[$1] } / Double(set.count)
        var entering: Int? = nil
        var most = -tolerance
        for i in 0..<k where !free[i] && g[i] + lambda < most {
          most = g[i] + lambda
          entering = i
        }
        guard let entering else {
          // Optimal. Renormalise away the last rounding of Σ w = 1 (the free weights are positive).
          let total = w.reduce(0, +)
          return Solution(weights: w.map { $0 / total }, iterations: iterations)
        }
        free[entering] = true
      } else {
        // Step from w towards v until the first free weight reaches 0 (the blocking one); it leaves F, with any
        // other that reaches 0 in the same step.
        // (w_i > 0 ≥ v_i, so each reach w_i / (w_i − v_i) is in (0, 1].)
        var alpha = Double.infinity
        var blocking = set[0]
        for i in set where v[i] <= 0 {
          let reach = w[i] / (w[i] - v[i])
          if reach < alpha {
            alpha = reach
            blocking = i
          }
        }
        for i in set { w[i] += alpha * (v[i] - w[i]) }
        w[blocking] = 0
        free[blocking] = false
        for i in set where v[i] <= 0 && w[i] <= 1e-15 {
          w[i] = 0
          free[i] = false
        }
        let total = (0..<k).filter { free[$0] }.reduce(0) { $0 + w[$1] }
        for i in 0..<k { w[i] = free[i] ? w[i] / total : 0 }
      }
    }
    throw .noConvergence(iterations: limit)
  }

  /// The minimiser of `‖y − Σ_{i∈set} v_i x_i‖²` with `Σ v = 1` (zero outside `set`), eliminating `v_pivot`.
  static func subproblem(columns: [[Double]], y: [Double], set: [Int], pivot: Int) -> [Double] {
    var v = [Double](repeating: 0, count: columns.count)
    let others = set.filter { $0 != pivot }
    guard !others.isEmpty else {
      v[pivot] = 1
      return v
    }
    let n = y.count
    let base = columns[pivot]
    var storage: [Double] = []
    storage.reserveCapacity(n * others.count)
    for i in others { for t in 0..<n { storage.append(columns[i][t] - base[t]) } }
    let rhs = (0..<n).map { y[$0] - base[$0] }
    // Affine independence (checked first) keeps this design of full column rank.
    let u = try! Matrix(rows: n, columns: others.count, storage: storage).leastSquares(rhs)
    var sum = 0.0
    for (j, i) in others.enumerated() {
      v[i] = u[j]
      sum += u[j]
    }
    v[pivot] = 1 - sum
    return v
  }

  /// The first factor that is an affine combination of the ones before it and the last (see `Failure`), with the
  /// part of it left unexplained; `nil` when the factors are affinely independent. Tested on the differences
  /// `x_i − x_last` by the sequential Cholesky test of `LinearRegression`.
  static func firstDependentFactor(_ columns: [[Double]]) -> (Int, Double)? {
    let k = columns.count
    let last = columns[k - 1]
    let n = last.count
    let differences = (0..<(k - 1)).map { i in (0..<n).map { columns[i][$0] - last[$0] } }
    if n < k - 1 { return (n, 0) }
    let gram = Matrix(rows: n, columns: k - 1, storage: differences.flatMap { $0 }).gram()
    for j in 0..<(k - 1) {
      let leading = Array(0...j)
      guard gram[j, j] > 0, let factor = try? gram.principalSubmatrix(leading).cholesky() else { return (j, 0) }
      let unexplained = factor.upper[j, j] * factor.upper[j, j] / gram[j, j]
      if !(unexplained >= dependenceTolerance) { return (j, unexplained) }
    }
    return nil
  }
}
