extension Refinement {
  /// The best move with equal weights, one pass over every add, drop and swap in O(k·N) from running sums — no
  /// matrix is built or inverted per candidate.
  ///
  /// With `T = Σ_{a,b∈S} C_ab` and each candidate's sum `R_j = Σ_{a∈S} C_aj` (for a member, `R_i` includes
  /// `C_ii = 1`), a set of k' members with `T'` and `σ' = Σ sᵢ` has `SR = σ'/k' / √(T'/k'²)` and
  /// `IDM = min(cap, k'/√T')`, and is feasible when `capital ≥ maxContracts × u_max / (IDM × (1/k') × targetVolatility)`
  /// (`u_max` its largest unit risk):
  /// - add j: `T' = T + 2R_j + 1`;
  /// - drop i: `T' = T − 2R_i + 1`;
  /// - swap i → j: `T' = T − 2R_i + 2 + 2(R_j − C_ij)`, with `C_ij` read from member i's row.
  /// The largest unit risk without i comes from the two largest of S. The sums are rebuilt from the members' rows,
  /// in input order, at every pass (O(k·N), the cost of the pass itself), so nothing drifts from move to move.
  /// Matrix-free, the members' rows are all it reads: each is computed once per selection (`RowCache`).
  func bestEqualWeightMove(from current: [Int]) -> Move? {
    let n = self.n
    let k = current.count
    var sums = [Double](repeating: 0, count: n)
    var isMember = [Bool](repeating: false, count: n)
    let rows = current.map { row($0) }
    for r in rows {
      r.withUnsafeBufferPointer { rp in
        sums.withUnsafeMutableBufferPointer { sp in for j in 0..<n { sp[j] += rp[j] } }
      }
    }
    var total = 0.0
    var sum = 0.0
    var largest = -Double.infinity, second = -Double.infinity, largestMember = -1
    for i in current {
      isMember[i] = true
      total += sums[i]
      sum += netSR[i]
      if unitRisk[i] > largest {
        second = largest
        largest = unitRisk[i]
        largestMember = i
      } else if unitRisk[i] > second {
        second = unitRisk[i]
      }
    }
    let cap = sizing.idmCap
    @inline(__always) func sharpe(_ sum: Double, _ total: Double, _ size: Double) -> Double? {
      let variance = total / (size * size)
      guard variance > 0 else { return nil }
      return sum / size / variance.squareRoot()
    }
    @inline(__always) func feasible(_ total: Double, _ size: Double, _ risk: Double) -> Bool {
      let deviation = (total / (size * size)).squareRoot()
      return capital >= sizing.capitalNeeded(unitRisk: risk, weight: 1 / size, idm: min(cap, 1 / deviation))
    }
    var best: Move? = nil
    var bestSharpe = -Double.infinity
    func consider(_ move: Move) {
      if let b = best, !beats(move, b, from: current) { return }
      best = move
      bestSharpe = move.sharpe
    }
    // Each candidate's `σ'·|σ'| / T'` for a base set — increasing in `SR = σ'/√T'`, without a square root — in one
    // branch-free pass; only candidates within a hair (1e-12) of the best so far get their Sharpe ratio, and those
    // that can still win are checked for feasibility and ties.
    var scratch = [Double](repeating: 0, count: n)
    func scan(baseSum: Double, baseTotal: Double, size k: Int, removed: Int?, baseRisk: Double, row memberRow: [Double]?) {
      let size = Double(k)
      scratch.withUnsafeMutableBufferPointer { out in
        sums.withUnsafeBufferPointer { sp in
          netSR.withUnsafeBufferPointer { np in
            if let memberRow {
              memberRow.withUnsafeBufferPointer { rp in
                for j in 0..<n {
                  let t = baseTotal + 2 * (sp[j] - rp[j])
                  let sigma = baseSum + np[j]
                  out[j] = sigma * abs(sigma) / t
                }
              }
            } else {
              for j in 0..<n {
                let t = baseTotal + 2 * sp[j] + 1
                let sigma = baseSum + np[j]
                out[j] = sigma * abs(sigma) / t
              }
            }
          }
        }
      }
      let threshold = bestSharpe == -.infinity ? -Double.infinity : bestSharpe * abs(bestSharpe) - 1e-12 * bestSharpe * bestSharpe
      for j in 0..<n where scratch[j] >= threshold && !isMember[j] {
        let t = memberRow.map { baseTotal + 2 * (sums[j] - $0[j]) } ?? baseTotal + 2 * sums[j] + 1
        guard let sr = sharpe(baseSum + netSR[j], t, size), sr >= bestSharpe,
          feasible(t, size, max(baseRisk, unitRisk[j]))
        else { continue }
        consider(Move(sharpe: sr, size: k, added: j, removed: removed))
      }
    }

    // Adds.
    if k < rules.maxInstruments ?? Int.max {
      scan(baseSum: sum, baseTotal: total, size: k + 1, removed: nil, baseRisk: largest, row: nil)
    }
    // Drops.
    if k > 1 {
      let size = Double(k - 1)
      for i in current {
        let t = total - 2 * sums[i] + 1
        let risk = i == largestMember ? second : largest
        guard let sr = sharpe(sum - netSR[i], t, size), sr >= bestSharpe, feasible(t, size, risk) else { continue }
        consider(Move(sharpe: sr, size: k - 1, added: nil, removed: i))
      }
    }
    // Swaps.
    for (r, i) in current.enumerated() {
      let baseRisk = k == 1 ? 0 : (i == largestMember ? second : largest)
      scan(
        baseSum: sum - netSR[i], baseTotal: total - 2 * sums[i] + 2, size: k, removed: i, baseRisk: baseRisk,
        row: rows[r])
    }
    return best
  }
}
