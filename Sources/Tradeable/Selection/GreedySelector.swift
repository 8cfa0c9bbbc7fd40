import Dispatch
import LinearAlgebra

/// Greedy forward selection (DESIGN.md §6) with a choice of weighting scheme.
///
/// Start with the affordable candidate of lowest annual cost; then repeatedly add the affordable candidate that gives
/// the highest `SR(S ∪ {j})`, ties to lower annual cost, then code in byte order; stop when the best does not beat
/// `SR(S)` by more than the tolerance, when nothing is affordable, or at `maxInstruments`.
///
/// Every scheme evaluates the N candidates of a step incrementally from what the step before left, never by
/// re-optimising each candidate set from scratch, and reads only the correlation rows of the instruments already
/// selected (so the same code runs on a full matrix or matrix-free):
/// - `equal` (`wᵢ = 1/k`): `wᵀCw = (Σ_{a,b∈S} C_ab + 2·Σ_{a∈S} C_aj + 1) / k²`. Each candidate keeps its running sum
///   of correlations with `S`: a step is O(N).
/// - `maxSharpe`: with `C_S = UᵀU` (Cholesky) and `z_S = C_S⁻¹·s_S`, the optimum over `S ∪ {j}` on full support is a
///   rank-one border of it: `u = U⁻ᵀ·c_j`, `γ = 1 − uᵀu`, `z_j = (s_j − c_jᵀ·z_S)/γ`, `z_S' = z_S − z_j·C_S⁻¹·c_j` and
///   `SR² = SR_S² + (s_j − c_jᵀz_S)²/γ`. Two triangular solves over all candidates at once (`dtrsm`, BLAS 3) and
///   O(k) per candidate. A set whose optimum is not strictly positive would give some member zero weight (and the
///   true long-only optimum then drops a member): it counts as not affordable.
/// - `handcrafted`: complete-linkage clustering of the (k+1) × (k+1) matrix — the k × k part shared by every
///   candidate, only the candidate's row new — with cached nearest neighbours, O(k²) per candidate, on two cores.
public struct GreedySelector: Sendable {
  /// Capital and stopping rules.
  public var rules: GreedyRules
  /// How weights are set within a set.
  public var weighting: WeightingScheme

  public init(rules: GreedyRules, weighting: WeightingScheme = .equal) {
    self.rules = rules
    self.weighting = weighting
  }

  /// One candidate's evaluation in a step.
  struct Evaluation {
    var sharpe: Double
    var candidate: Int
  }

  /// Selects from `candidates` with correlations `correlation` (same indexing).
  public func select(_ candidates: [SelectionCandidate], correlation: some CorrelationRows) -> SelectionPath {
    select(candidates, correlation: correlation, progress: nil)
  }

  /// Selects, calling `progress(step)` after each step.
  public func select(
    _ candidates: [SelectionCandidate], correlation: some CorrelationRows, progress: ((Int) -> Void)?
  ) -> SelectionPath {
    let n = candidates.count
    precondition(correlation.count == n, "one correlation row per candidate")
    guard n > 0 else { return SelectionPath(steps: [], stopReason: .noEligibleInstrument) }
    var state = State(candidates: candidates, rules: rules)

    // Step 1: the cheapest candidate affordable alone (w = 1, IDM = 1).
    var first: Int? = nil
    for j in 0..<n where rules.capital >= rules.capitalNeeded(unitRisk: state.unitRisk[j], weight: 1, idm: 1) {
      if let f = first, !state.breaksTieBefore(j, f) { continue }
      first = j
    }
    guard let start = first else { return SelectionPath(steps: [], stopReason: .nothingAffordableAlone) }
    state.add(start, row: correlation.row(start))
    var steps = [state.step(added: start, weights: [1])]
    progress?(1)

    while true {
      if state.members.count == n { return SelectionPath(steps: steps, stopReason: .allSelected) }
      if let limit = rules.maxInstruments, state.members.count >= limit {
        return SelectionPath(steps: steps, stopReason: .maximumReached)
      }
      let best: Evaluation?
      switch weighting {
      case .equal: best = state.bestEqualWeight()
      case .maxSharpe: best = state.bestMaxSharpe()
      case .handcrafted: best = state.bestHandcrafted()
      }
      guard let best else { return SelectionPath(steps: steps, stopReason: .nothingAffordable) }
      guard best.sharpe - steps[steps.count - 1].sharpe > rules.improvementTolerance else {
        return SelectionPath(steps: steps, stopReason: .noImprovement)
      }
      state.add(best.candidate, row: correlation.row(best.candidate))
      steps.append(state.step(added: best.candidate, weights: state.weightsOfMembers(weighting)))
      progress?(steps.count)
    }
  }
}

extension GreedySelector {
  /// What a selection carries from step to step.
  struct State {
    let rules: GreedyRules
    let n: Int
    let codeRank: [Int]
    let netSR: [Double]
    let cost: [Double]
    let unitRisk: [Double]
    var members: [Int] = []
    var inSet: [Bool]
    /// Correlation rows of the members (`rows[r][j]`: member r with candidate j).
    var rows: [[Double]] = []
    /// Equal weights: Σ over S×S of C, and each candidate's Σ over S.
    var setTotal = 0.0
    var rowSums: [Double]
    var sumNetSR = 0.0
    var largestUnitRisk = 0.0

    init(candidates: [SelectionCandidate], rules: GreedyRules) {
      self.rules = rules
      n = candidates.count
      codeRank = byteOrderRanks(candidates.map(\.code))
      netSR = candidates.map(\.netSR)
      cost = candidates.map(\.annualSRCost)
      unitRisk = candidates.map(\.unitRisk)
      inSet = [Bool](repeating: false, count: n)
      rowSums = [Double](repeating: 0, count: n)
    }

    /// Whether a is preferred to b at equal Sharpe: lower cost, then code in byte order.
    @inline(__always) func breaksTieBefore(_ a: Int, _ b: Int) -> Bool {
      if cost[a] != cost[b] { return cost[a] < cost[b] }
      return codeRank[a] < codeRank[b]
    }

    /// Whether `(sharpe, a)` beats the best so far.
    @inline(__always) func better(_ sharpe: Double, _ a: Int, than best: Evaluation?) -> Bool {
      guard let best else { return true }
      return sharpe > best.sharpe || (sharpe == best.sharpe && breaksTieBefore(a, best.candidate))
    }

    mutating func add(_ j: Int, row: [Double]) {
      // Equal-weight running sums: Σ_{S∪j} = Σ_S + 2·Σ_{a∈S} C_aj + C_jj.
      setTotal += 2 * rowSums[j] + 1
      for i in 0..<n { rowSums[i] += row[i] }
      members.append(j)
      inSet[j] = true
      rows.append(row)
      sumNetSR += netSR[j]
      largestUnitRisk = max(largestUnitRisk, unitRisk[j])
    }

    /// The k × k correlation matrix of the members, in selection order.
    var memberCorrelation: Matrix {
      let k = members.count
      var c = Matrix(rows: k, columns: k)
      for a in 0..<k { for b in 0..<k { c[a, b] = a == b ? 1 : rows[a][members[b]] } }
      return c
    }

    /// The step record for the current members with `weights`.
    func step(added: Int, weights: [Double]) -> SelectionStep {
      let c = memberCorrelation
      let variance = c.quadraticForm(weights)
      let deviation = variance.squareRoot()
      let idm = min(rules.idmCap, 1 / deviation)
      var expected = 0.0
      for (k, m) in members.enumerated() { expected += weights[k] * netSR[m] }
      let sharpe: Double
      if weights.allSatisfy({ $0 == weights[0] }) {
        // Equal weights: the same running-sum arithmetic the candidates were ranked by.
        let k = Double(members.count)
        let equalDeviation = (setTotal / (k * k)).squareRoot()
        sharpe = sumNetSR / k / equalDeviation
        return SelectionStep(
          added: added, members: members, weights: weights, sharpe: sharpe, idm: min(rules.idmCap, 1 / equalDeviation),
          memberCapital: members.map {
            rules.capitalNeeded(unitRisk: unitRisk[$0], weight: 1 / k, idm: min(rules.idmCap, 1 / equalDeviation))
          })
      }
      sharpe = expected / deviation
      return SelectionStep(
        added: added, members: members, weights: weights, sharpe: sharpe, idm: idm,
        memberCapital: zip(members, weights).map { rules.capitalNeeded(unitRisk: unitRisk[$0.0], weight: $0.1, idm: idm) })
    }

    /// Weights of the current members under `scheme`, computed exactly for the set (not incrementally).
    func weightsOfMembers(_ scheme: WeightingScheme) -> [Double] {
      let k = members.count
      switch scheme {
      case .equal: return [Double](repeating: 1 / Double(k), count: k)
      case .handcrafted: return handcraftedWeights(memberCorrelation)
      case .maxSharpe:
        // Accepted sets have a strictly positive optimum on full support (the step test demands it), so it is
        // C⁻¹s normalised: one Cholesky solve. The general active-set solver covers anything else.
        let c = memberCorrelation
        let s = members.map { netSR[$0] }
        if let z = try? c.cholesky().solve(s), z.allSatisfy({ $0 > 0 }) {
          let total = z.reduce(0, +)
          return z.map { $0 / total }
        }
        return maxSharpeWeights(correlation: c, netSR: s)?.weights ?? [Double](repeating: 1 / Double(k), count: k)
      }
    }

    // MARK: Equal weights

    func bestEqualWeight() -> Evaluation? {
      let k = Double(members.count + 1)
      var best: Evaluation? = nil
      for j in 0..<n where !inSet[j] {
        let total = setTotal + 2 * rowSums[j] + 1
        let variance = total / (k * k)
        guard variance > 0 else { continue }
        let deviation = variance.squareRoot()
        let idm = min(rules.idmCap, 1 / deviation)
        let needed = rules.capitalNeeded(unitRisk: max(largestUnitRisk, unitRisk[j]), weight: 1 / k, idm: idm)
        guard rules.capital >= needed else { continue }
        let sharpe = (sumNetSR + netSR[j]) / k / deviation
        if better(sharpe, j, than: best) { best = Evaluation(sharpe: sharpe, candidate: j) }
      }
      return best
    }

    // MARK: Max-Sharpe

    func bestMaxSharpe() -> Evaluation? {
      let k = members.count
      let c = memberCorrelation
      guard let factor = try? c.cholesky() else { return nil }
      let sS = members.map { netSR[$0] }
      guard let zS = try? factor.solve(sS) else { return nil }
      var sharpeSquared = 0.0
      for a in 0..<k { sharpeSquared += sS[a] * zS[a] }
      // R (n × k): column r = member r's correlations with every candidate.
      var y = [Double](repeating: 0, count: n * k)
      for r in 0..<k { for j in 0..<n { y[r * n + j] = rows[r][j] } }
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
      var best: Evaluation? = nil
      var z = [Double](repeating: 0, count: k + 1)
      for j in 0..<n where !inSet[j] {
        var uu = 0.0
        for r in 0..<k { uu += y[r * n + j] * y[r * n + j] }
        let gamma = 1 - uu
        // γ is the variance of j left unexplained by S; at or below ~1e-12 the bordered matrix is singular.
        guard gamma > 1e-12 else { continue }
        let d = netSR[j] - projected[j]
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
        // w = z / Σz; wᵀCw = SR² / (Σz)², so IDM = min(cap, Σz / SR).
        let idm = min(rules.idmCap, total / sharpe)
        var worst = unitRisk[j] / (zj / total)
        for r in 0..<k { worst = max(worst, unitRisk[members[r]] / (z[r] / total)) }
        guard rules.capital >= rules.capitalNeeded(unitRisk: worst, weight: 1, idm: idm) else { continue }
        if better(sharpe, j, than: best) { best = Evaluation(sharpe: sharpe, candidate: j) }
      }
      return best
    }

    // MARK: Handcrafted

    func bestHandcrafted() -> Evaluation? {
      let k = members.count
      let m = k + 1
      let shared = memberCorrelation
      // Candidates split into contiguous chunks, one best per chunk, then the best of the chunks (deterministic:
      // `better` is a total order on (Sharpe, cost, code)).
      let chunks = max(1, min(64, n / 256))
      let results = ConcurrentResults<Evaluation>(count: chunks)
      let size = (n + chunks - 1) / chunks
      let snapshot = self
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        var workspace = HandcraftedWorkspace(capacity: m)
        var matrix = [Double](repeating: 0, count: m * m)
        var weights = [Double](repeating: 0, count: m)
        for a in 0..<k { for b in 0..<k { matrix[a * m + b] = shared[a, b] } }
        matrix[k * m + k] = 1
        var best: Evaluation? = nil
        for j in (chunk * size)..<min(snapshot.n, (chunk + 1) * size) where !snapshot.inSet[j] {
          for r in 0..<k {
            let value = snapshot.rows[r][j]
            matrix[r * m + k] = value
            matrix[k * m + r] = value
          }
          matrix.withUnsafeBufferPointer { cp in
            weights.withUnsafeMutableBufferPointer { wp in
              workspace.weights(correlation: cp.baseAddress!, m: m, into: wp.baseAddress!)
            }
          }
          // wᵀCw and wᵀs.
          var variance = 0.0
          var expected = 0.0
          for a in 0..<m {
            var inner = 0.0
            for b in 0..<m { inner += matrix[a * m + b] * weights[b] }
            variance += weights[a] * inner
            expected += weights[a] * snapshot.netSR[a < k ? snapshot.members[a] : j]
          }
          guard variance > 0 else { continue }
          let deviation = variance.squareRoot()
          let idm = min(snapshot.rules.idmCap, 1 / deviation)
          var worst = 0.0
          for a in 0..<m { worst = max(worst, snapshot.unitRisk[a < k ? snapshot.members[a] : j] / weights[a]) }
          guard snapshot.rules.capital >= snapshot.rules.capitalNeeded(unitRisk: worst, weight: 1, idm: idm) else {
            continue
          }
          let sharpe = expected / deviation
          if snapshot.better(sharpe, j, than: best) { best = Evaluation(sharpe: sharpe, candidate: j) }
        }
        results[chunk] = best
      }
      var best: Evaluation? = nil
      for c in 0..<chunks {
        if let e = results[c], better(e.sharpe, e.candidate, than: best) { best = e }
      }
      return best
    }
  }
}

/// Rank of each string in byte (UTF-8) order; equal strings get equal ranks.
func byteOrderRanks(_ codes: [String]) -> [Int] {
  let bytes = codes.map { Array($0.utf8) }
  let order = bytes.indices.sorted { bytes[$0].lexicographicallyPrecedes(bytes[$1]) }
  var rank = [Int](repeating: 0, count: codes.count)
  for (position, index) in order.enumerated() { rank[index] = position }
  return rank
}
