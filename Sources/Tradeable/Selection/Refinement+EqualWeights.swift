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
    func consider(_ move: Move) {
      if let b = best, !beats(move, b, from: current) { return }
      best = move
    }
    let bestSharpe = { best?.sharpe ?? -Double.infinity }

    // Adds.
    if k < rules.maxInstruments ?? Int.max {
      let size = Double(k + 1)
      for j in 0..<n where !isMember[j] {
        let t = total + 2 * sums[j] + 1
        guard let sr = sharpe(sum + netSR[j], t, size), sr >= bestSharpe(),
          feasible(t, size, max(largest, unitRisk[j]))
        else { continue }
        consider(Move(sharpe: sr, size: k + 1, added: j, removed: nil))
      }
    }
    // Drops.
    if k > 1 {
      let size = Double(k - 1)
      for i in current {
        let t = total - 2 * sums[i] + 1
        let risk = i == largestMember ? second : largest
        guard let sr = sharpe(sum - netSR[i], t, size), sr >= bestSharpe(), feasible(t, size, risk) else { continue }
        consider(Move(sharpe: sr, size: k - 1, added: nil, removed: i))
      }
    }
    // Swaps.
    let size = Double(k)
    for (r, i) in current.enumerated() {
      let baseTotal = total - 2 * sums[i] + 2
      let baseSum = sum - netSR[i]
      let baseRisk = k == 1 ? 0 : (i == largestMember ? second : largest)
      rows[r].withUnsafeBufferPointer { rowI in
        for j in 0..<n where !isMember[j] {
          let t = baseTotal + 2 * (sums[j] - rowI[j])
          guard let sr = sharpe(baseSum + netSR[j], t, size), sr >= bestSharpe(),
            feasible(t, size, max(baseRisk, unitRisk[j]))
          else { continue }
          consider(Move(sharpe: sr, size: k, added: j, removed: i))
        }
      }
    }
    return best
  }
}
