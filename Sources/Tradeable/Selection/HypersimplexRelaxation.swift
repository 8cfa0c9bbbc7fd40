import LinearAlgebra

/// The bound the exact search prunes equal-weight subtrees with: the largest Sharpe ratio over the convex hull of the
/// equal-weight portfolios of the sets it still allows.
///
/// A node holds the members fixed in (`I`, p of them), the candidates still free (`R`) and the set size k, so
/// `m = k − p` of `R` remain to choose. Every such set S has weights `1/k` on S; those weight vectors are the vertices
/// of `{w : w_I = 1/k, 0 ≤ w_R ≤ 1/k, Σw_R = m/k}`, and `SR(w) = sᵀw / √(wᵀCw)` is homogeneous of degree 0, so its
/// largest value over that polytope — an upper bound on `SR(S)` of every set below the node — is `1/√q` with
///
///     q = min zᵀMz  subject to  aᵀz = 1,  Σ_R y = m·τ,  0 ≤ y_r ≤ τ,
///
/// `z = (τ, y)`, `τ` the common weight of `I`, `M = [[T_I, ρᵀ], [ρ, C_RR]]` (`T_I = Σ_{I×I} C`, `ρ_r = Σ_{i∈I} C_ir`)
/// and `a = (Σ_I s, s_R)` — a convex quadratic programme, since `M` is the Gram matrix of the aggregated columns of
/// the positive definite repaired matrix. The bound is valid whatever the signs of the entries of C.
///
/// It is solved by a primal active-set method over the partition of `R` into `Z` (y = 0), `U` (y = τ, merged with
/// `I` into one block of common weight) and `F` (free): each iteration solves the equality-constrained problem on
/// `(τ, y_F)` (Cholesky, LAPACK), steps to the first bound a coordinate reaches, or, at a feasible point, releases
/// the bound with the most negative multiplier (`ν_r = (Mz)_r − λ·a_r − μ` for `Z`, `−ν_r` for `U`). At a vertex
/// (`F` empty, `|U| = m`) the cardinality constraint is implied and its multiplier μ only has an interval; the vertex
/// is optimal when `max_U ν ≤ min_Z ν` (with μ = 0 in ν), else one member of `U` and one of `Z` are released
/// together. Multipliers down to `−1e-12·λ` count as zero (λ = q at the optimum), far below the 1e-9 margin the
/// search prunes with. `nil` when the method does not settle (an iteration cap) or a system is singular: the caller
/// then does not prune.
struct HypersimplexRelaxation {
  /// The candidates' correlation matrix, column-major, `n × n`.
  let correlation: [Double]
  let n: Int
  /// Net Sharpe ratios.
  let netSR: [Double]

  /// The optimum: `q`, and each free candidate's `y_r / τ` in `[0, 1]` (same order as `R`).
  struct Solution {
    var value: Double
    var fractions: [Double]
    /// Whether the optimum is a vertex: every `y_r / τ` exactly 0 or 1, so the bound is attained by one set.
    var integral: Bool
  }

  /// Solves the relaxation at a node from the feasible point `start`: each free candidate's `y_r / τ` in `[0, 1]`,
  /// summing to m (a vertex when every entry is 0 or 1; the parent's optimum, adjusted, when warm-starting). `nil`
  /// when it does not settle, or when no set below the node can have a positive Sharpe ratio.
  func solve(included: [Int], free: [Int], remaining m: Int, start: [Double]) -> Solution? {
    correlation.withUnsafeBufferPointer { solve(included: included, free: free, remaining: m, start: start, $0) }
  }

  /// `column(j)[i]` is `C_ij`; sums of columns are kept over all n candidates (contiguous, vectorised loops) and read
  /// at the free candidates' positions.
  private func solve(
    included: [Int], free: [Int], remaining m: Int, start: [Double], _ matrix: UnsafeBufferPointer<Double>
  ) -> Solution? {
    let n = self.n
    @inline(__always) func c(_ i: Int, _ j: Int) -> Double { matrix[i + j * n] }
    @inline(__always) func addColumn(_ j: Int, times factor: Double, to sums: inout [Double]) {
      let column = matrix.baseAddress! + j * n
      sums.withUnsafeMutableBufferPointer { s in for i in 0..<n { s[i] += factor * column[i] } }
    }
    let nR = free.count
    precondition(m >= 1 && m <= nR && start.count == nR)
    var totalI = 0.0, sumI = 0.0
    var rhoAll = [Double](repeating: 0, count: n)
    for i in included {
      sumI += netSR[i]
      for j in included { totalI += c(i, j) }
      addColumn(i, times: 1, to: &rhoAll)
    }
    let rho = free.map { rhoAll[$0] }
    let s = free.map { netSR[$0] }
    // Partition: 0 = Z, 1 = U, 2 = F; totalU = T(I ∪ U); sumU = Σ_{I∪U} s.
    var state = [UInt8](repeating: 0, count: nR)
    var uAll = [Double](repeating: 0, count: n)  // Σ_{u∈U} C_{·u} over every candidate
    var totalU = totalI, sumU = sumI, countU = 0
    func join(_ r: Int) {
      totalU += 2 * (rho[r] + uAll[free[r]]) + 1
      sumU += s[r]
      countU += 1
      addColumn(free[r], times: 1, to: &uAll)
      state[r] = 1
    }
    func leave(_ r: Int) {
      addColumn(free[r], times: -1, to: &uAll)
      totalU -= 2 * (rho[r] + uAll[free[r]]) + 1
      sumU -= s[r]
      countU -= 1
    }
    var vAll = [Double](repeating: 0, count: n)  // Σ_{f∈F} y_f C_{·f}
    var y = [Double](repeating: 0, count: nR)  // free coordinates, as fractions of τ until τ is known
    var freeSum = 0.0
    for r in 0..<nR {
      if start[r] >= 1 {
        join(r)
      } else if start[r] > 0 {
        state[r] = 2
        y[r] = start[r]
        freeSum += s[r] * start[r]
      }
    }
    // aᵀz = τ·(Σ_{I∪U} s + Σ_F s_r·f_r) = 1.
    guard sumU + freeSum > 0 else { return nil }
    var tau = 1 / (sumU + freeSum)
    for r in 0..<nR where state[r] == 2 { y[r] *= tau }
    let limit = 60 + 10 * nR
    for _ in 0..<limit {
      let freeList = (0..<nR).filter { state[$0] == 2 }
      if freeList.isEmpty {
        // A vertex: the set I ∪ U at common weight τ.
        guard sumU > 0 else { return nil }
        tau = 1 / sumU
        let lambda = totalU * tau * tau
        var worstU = -1, worstZ = -1
        var gU = -Double.infinity, gZ = Double.infinity
        for r in 0..<nR {
          let g = tau * (rho[r] + uAll[free[r]]) - lambda * s[r]
          if state[r] == 1 {
            if g > gU { gU = g; worstU = r }
          } else if g < gZ {
            gZ = g
            worstZ = r
          }
        }
        if worstU < 0 || worstZ < 0 || gU <= gZ + 1e-12 * lambda {
          return Solution(value: lambda, fractions: state.map { $0 == 1 ? 1 : 0 }, integral: true)
        }
        leave(worstU)
        state[worstU] = 2
        state[worstZ] = 2
        y[worstU] = tau
        y[worstZ] = 0
        continue
      }
      let d = freeList.count + 1
      let cardinality = Double(m - countU)
      // Reduced problem on (τ, y_F): M̃ = [[T(I∪U), m_F], [m_F, C_FF]], ã = (Σ s, s_F), h̃ = (−c, 1).
      var reduced = Matrix(rows: d, columns: d)
      reduced[0, 0] = totalU
      for (a, r) in freeList.enumerated() {
        let value = rho[r] + uAll[free[r]]
        reduced[0, a + 1] = value
        reduced[a + 1, 0] = value
        for (b, q) in freeList.enumerated() { reduced[a + 1, b + 1] = c(free[r], free[q]) }
      }
      var aTilde = [Double](repeating: 0, count: d)
      var hTilde = [Double](repeating: 1, count: d)
      aTilde[0] = sumU
      hTilde[0] = -cardinality
      for (a, r) in freeList.enumerated() { aTilde[a + 1] = s[r] }
      // M̃⁻¹[ã h̃]: the Cholesky factor (LAPACK), then both right-hand sides through two triangular solves (BLAS).
      guard let factor = try? reduced.cholesky() else { return nil }
      var solved = aTilde + hTilde
      factor.upper.storage.withUnsafeBufferPointer { u in
        solved.withUnsafeMutableBufferPointer { b in
          BLAS.trsmUpper(.left, .transpose, m: d, n: 2, alpha: 1, u: u.baseAddress!, ldu: d, b: b.baseAddress!, ldb: d)
          BLAS.trsmUpper(.left, .none, m: d, n: 2, alpha: 1, u: u.baseAddress!, ldu: d, b: b.baseAddress!, ldb: d)
        }
      }
      let xa = Array(solved[0..<d]), xh = Array(solved[d..<(2 * d)])
      var saa = 0.0, sah = 0.0, shh = 0.0
      for a in 0..<d {
        saa += aTilde[a] * xa[a]
        sah += aTilde[a] * xh[a]
        shh += hTilde[a] * xh[a]
      }
      let determinant = saa * shh - sah * sah
      guard determinant > 1e-14 * abs(saa * shh), determinant.isFinite else { return nil }
      let lambda = shh / determinant
      let mu = -sah / determinant
      var target = [Double](repeating: 0, count: d)
      for a in 0..<d { target[a] = lambda * xa[a] + mu * xh[a] }
      var feasible = target[0] > 0
      if feasible {
        for a in 1..<d where !(target[a] >= 0 && target[a] <= target[0]) {
          feasible = false
          break
        }
      }
      if feasible {
        tau = target[0]
        for (a, r) in freeList.enumerated() { y[r] = target[a + 1] }
        // Multipliers of the bounds held: ν_r = (Mz)_r − λ·s_r − μ.
        for i in 0..<n { vAll[i] = 0 }
        for q in freeList { addColumn(free[q], times: y[q], to: &vAll) }
        var worst = -1
        var worstValue = -1e-12 * abs(lambda)
        for r in 0..<nR where state[r] != 2 {
          let mz = tau * (rho[r] + uAll[free[r]]) + vAll[free[r]]
          let nu = mz - lambda * s[r] - mu
          let violation = state[r] == 0 ? nu : -nu
          if violation < worstValue {
            worstValue = violation
            worst = r
          }
        }
        if worst < 0 {
          var fractions = [Double](repeating: 0, count: nR)
          for r in 0..<nR { fractions[r] = state[r] == 1 ? 1 : (state[r] == 2 ? min(1, max(0, y[r] / tau)) : 0) }
          return Solution(value: lambda, fractions: fractions, integral: false)
        }
        if state[worst] == 1 {
          leave(worst)
          y[worst] = tau
        } else {
          y[worst] = 0
        }
        state[worst] = 2
        continue
      }
      // Step towards the target until the first coordinate reaches a bound.
      var alpha = 1.0
      var blocking = -1
      var toUpper = false
      let dTau = target[0] - tau
      for (a, r) in freeList.enumerated() {
        let dy = target[a + 1] - y[r]
        if dy < 0 {
          let step = -y[r] / dy
          if step < alpha {
            alpha = step
            blocking = r
            toUpper = false
          }
        }
        if dy - dTau > 0 {
          let step = (tau - y[r]) / (dy - dTau)
          if step < alpha {
            alpha = step
            blocking = r
            toUpper = true
          }
        }
      }
      guard blocking >= 0 else { return nil }
      alpha = max(0, alpha)
      let newTau = tau + alpha * dTau
      guard newTau > 0 else { return nil }
      for (a, r) in freeList.enumerated() { y[r] += alpha * (target[a + 1] - y[r]) }
      tau = newTau
      if toUpper {
        join(blocking)
      } else {
        state[blocking] = 0
      }
      y[blocking] = toUpper ? tau : 0
      // The cardinality constraint may now pin every remaining free coordinate.
      let remaining = (0..<nR).filter { state[$0] == 2 }
      let mass = m - countU
      if mass == 0 {
        for r in remaining { state[r] = 0 }
      } else if mass == remaining.count {
        for r in remaining { join(r) }
      }
    }
    return nil
  }
}
