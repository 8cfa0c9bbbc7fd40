import LinearAlgebra

/// The feasible set of highest Sharpe ratio over every subset of the eligible instruments (DESIGN.md §6b `exact`),
/// by branch and bound from the refined set, pruning with valid bounds only; ties as for every comparison of sets:
/// fewer members, then lower total annual SR cost, then the sorted codes in byte order.
///
/// Necessary conditions every member i of a feasible set S meets, whatever the weights (`w_i ≥ 0`, `Σw = 1`,
/// `IDM ≤ idmCap`): its need `maxContracts × u_i / (IDM × w_i × targetVolatility) ≤ K` gives
/// `w_i ≥ u_i / B` with `B = K × idmCap × targetVolatility / maxContracts`, so `Σ_{i∈S} u_i ≤ B`; with equal weights
/// (`w_i = 1/|S|`) every member caps the size, `|S| ≤ B / u_i`. Neither assumes anything of the correlations: the
/// repaired matrix may hold small negative entries.
///
/// - Equal weights: one search per set size k (sizes with no candidate meeting `k·u ≤ B` are skipped); the largest
///   unit risk of a set is that of its first member in the order of decreasing unit risk, so the tree for k is split
///   by that member. A node fixes members `I` and keeps candidates `R`; its bound is the largest Sharpe ratio over the
///   convex hull of the equal-weight portfolios of the k-sets it allows (`HypersimplexRelaxation`), which is attained
///   by a set when the optimum is a vertex. It branches on the free candidate whose relaxed weight is largest below
///   the full `1/k`, the branch that includes it first.
/// - Max-Sharpe and handcrafted weights: one tree over include/exclude decisions; a node's bound is the long-only
///   max-Sharpe ratio of `I ∪ R` (verified by its optimality conditions), which no set below it can beat under either
///   scheme — handcrafted weights are one long-only weighting, and the max-Sharpe ratio of a set never exceeds that
///   of a superset. It branches on the candidate the relaxed optimum weights most. (For handcrafted weights the bound
///   is loose: only small pools are proved.)
///
/// A subtree is pruned when its bound × (1 + 1e-9) is below the best Sharpe ratio found: the margin covers the
/// rounding of the bound's own computation, so no set that could tie or win is ever pruned. The clock is read at
/// every node; when `budgetSeconds` runs out the best set found is returned, never worse than the refined one, and
/// the report says it is not proved. The search holds the `n × n` matrix of the eligible instruments: beyond
/// `largestPool` (2,000) it does not start. Both bounds are convex programmes only when that matrix is positive
/// definite (it is after the repair of DESIGN.md §3); otherwise — repair turned off, or matrix-free without a repair
/// — the search enumerates every subset within the risk budget, which proves small pools only.
struct ExactSearch {
  let refinement: Refinement
  /// Seconds left for the search (`.infinity` for no limit).
  let budgetSeconds: Double
  /// The budget as set (`--search-budget`), for the report's words; `nil` for no limit.
  var configuredBudget: Double? = nil

  /// The largest eligible pool the search takes on: its `n × n` matrix is built from the rows (32 MB at 2,000).
  static let largestPool = 2_000

  /// Runs the search from `incumbent` (the refined set, or `nil` when there is none); returns the report and the best
  /// set found (the incumbent when nothing beat it).
  func run(incumbent: EvaluatedSet?) -> (ExactSearchReport, EvaluatedSet?) {
    let n = refinement.n
    guard n <= Self.largestPool else {
      return (
        ExactSearchReport(
          proved: false, nodes: 0,
          limit: "\(NumberFormat.integer(n)) eligible instruments, more than the \(NumberFormat.integer(Self.largestPool)) "
            + "whose full matrix the exact search holds"),
        incumbent
      )
    }
    let search = BranchAndBound(refinement: refinement, incumbent: incumbent, budgetSeconds: budgetSeconds)
    if !search.isPositiveDefinite {
      // Both bounds are convex programmes only for a positive definite matrix (repair off, or matrix-free).
      search.searchByEnumeration()
    } else {
      switch refinement.rules.weighting {
      case .equal: search.searchEqualWeights()
      case .maxSharpe, .handcrafted: search.searchByMaxSharpeBound()
      }
    }
    let budget = configuredBudget ?? budgetSeconds
    let limit =
      search.outOfTime
      ? "the budget of \(NumberFormat.fixed(max(0, budget), decimals: budget < 1 ? 2 : 1)) s ran out" : nil
    return (ExactSearchReport(proved: !search.outOfTime, nodes: search.nodes, limit: limit), search.best)
  }
}

/// The state of one exact search: the matrix, the best set so far, the node count and the clock.
final class BranchAndBound {
  let refinement: Refinement
  let n: Int
  /// The candidates' correlation matrix, column-major.
  let matrix: [Double]
  var best: EvaluatedSet?
  var nodes = 0
  var outOfTime = false
  let clock = ContinuousClock()
  let deadline: ContinuousClock.Instant?
  /// `B = K × idmCap × targetVolatility / maxContracts`, a hair larger so that rounding never excludes a feasible set.
  let riskBudget: Double
  /// Bounds are trusted to this relative error.
  let margin = 1e-9
  /// Whether the matrix is positive definite (smallest eigenvalue above 0), so the relaxations are convex.
  let isPositiveDefinite: Bool

  init(refinement: Refinement, incumbent: EvaluatedSet?, budgetSeconds: Double) {
    self.refinement = refinement
    n = refinement.n
    var matrix = [Double](repeating: 0, count: n * n)
    refinement.prefetch(Array(0..<n))
    for j in 0..<n {
      let row = refinement.row(j)
      for i in 0..<n { matrix[i + j * n] = row[i] }
    }
    self.matrix = matrix
    isPositiveDefinite = n == 0 || ((try? Matrix(rows: n, columns: n, storage: matrix).smallestEigenvalue()) ?? 0) > 0
    best = incumbent
    let now = clock.now
    if budgetSeconds.isNaN || budgetSeconds <= 0 {
      deadline = now
    } else if budgetSeconds.isFinite && budgetSeconds < 1e9 {
      deadline = now + .nanoseconds(Int64(budgetSeconds * 1e9))
    } else {
      deadline = nil
    }
    let sizing = refinement.sizing
    riskBudget = refinement.capital * sizing.idmCap * sizing.targetVolatility / sizing.maxContracts * (1 + 1e-12)
  }

  @inline(__always) func c(_ i: Int, _ j: Int) -> Double { matrix[i + j * n] }

  /// Counts a node; false (and `outOfTime`) once the budget is spent.
  @inline(__always) func visit() -> Bool {
    if outOfTime { return false }
    if let deadline, clock.now >= deadline {
      outOfTime = true
      return false
    }
    nodes += 1
    return true
  }

  /// Whether a bound cannot reach the best set: below its Sharpe ratio by more than the margin.
  @inline(__always) func prunes(_ bound: Double) -> Bool {
    guard let best else { return false }
    return bound * (1 + margin) < best.sharpe || (bound <= 0 && best.sharpe > 0)
  }

  /// Evaluates a complete set and keeps it when it beats the best.
  func consider(_ members: [Int]) {
    guard let set = refinement.evaluate(members) else { return }
    if let b = best, !refinement.precedes(set, b) { return }
    best = set.reordered(SelectionSearch.order(set.members, after: best?.members ?? []))
  }

  // MARK: - Equal weights

  /// One tree per set size, split by the member of largest unit risk.
  func searchEqualWeights() {
    let unitRisk = refinement.unitRisk
    let order = (0..<n).sorted { unitRisk[$0] != unitRisk[$1] ? unitRisk[$0] > unitRisk[$1] : $0 < $1 }
    let largest = min(refinement.rules.maxInstruments ?? n, n)
    guard largest >= 1 else { return }
    let relaxation = HypersimplexRelaxation(correlation: matrix, n: n, netSR: refinement.netSR)
    for k in 1...largest {
      // A member of a k-set needs k × u ≤ B.
      let allowed = order.filter { Double(k) * unitRisk[$0] <= riskBudget }
      if allowed.count < k { break }
      for (p, first) in allowed.enumerated() {
        let rest = Array(allowed[(p + 1)...])
        if rest.count < k - 1 { break }
        equalNode(included: [first], free: rest, size: k, hint: nil, relaxation: relaxation)
        if outOfTime { return }
      }
    }
  }

  func equalNode(included: [Int], free: [Int], size k: Int, hint: [Double]?, relaxation: HypersimplexRelaxation) {
    guard visit() else { return }
    let m = k - included.count
    if m == 0 {
      consider(included)
      return
    }
    if free.count < m { return }
    let netSR = refinement.netSR
    if m == 1 {
      // The last member: each candidate's Sharpe ratio from sums, the promising ones evaluated in full.
      var total = 0.0, sum = 0.0
      for i in included {
        sum += netSR[i]
        for j in included { total += c(i, j) }
      }
      let size = Double(k)
      for r in free {
        var rho = 0.0
        for i in included { rho += c(r, i) }
        let t = total + 2 * rho + 1
        guard t > 0 else { continue }
        let sharpe = (sum + netSR[r]) / size / (t / (size * size)).squareRoot()
        if !prunes(sharpe) { consider(included + [r]) }
      }
      return
    }
    // Start from the parent's optimum, adjusted to this node (`hint`), else from the vertex of the m largest net SRs.
    var solution = hint.flatMap { relaxation.solve(included: included, free: free, remaining: m, start: $0) }
    if solution == nil {
      let priority = free.map { netSR[$0] }
      var start = [Double](repeating: 0, count: free.count)
      for r in free.indices.sorted(by: { priority[$0] != priority[$1] ? priority[$0] > priority[$1] : $0 < $1 })
        .prefix(m)
      {
        start[r] = 1
      }
      solution = relaxation.solve(included: included, free: free, remaining: m, start: start)
    }
    var branch: Int
    if let solution {
      if prunes(1 / solution.value.squareRoot()) { return }
      if solution.integral {
        let chosen = free.indices.filter { solution.fractions[$0] == 1 }.map { free[$0] }
        if refinement.evaluate(included + chosen) != nil {
          // The relaxation's unique optimum is this set: nothing below the node beats it.
          consider(included + chosen)
          return
        }
        // Not feasible: branch on its chosen candidate of largest unit risk.
        branch = free.indices.filter { solution.fractions[$0] == 1 }.max {
          refinement.unitRisk[free[$0]] < refinement.unitRisk[free[$1]]
        }!
      } else {
        branch = -1
        var value = -1.0
        for (r, f) in solution.fractions.enumerated() where f < 1 && f > value {
          value = f
          branch = r
        }
        if branch < 0 { branch = 0 }
      }
    } else {
      branch = 0
    }
    let next = free[branch]
    var rest = free
    rest.remove(at: branch)
    let fractions = solution?.fractions
    equalNode(
      included: included + [next], free: rest, size: k,
      hint: fractions.flatMap { Self.shifted($0, removing: branch, by: -(1 - $0[branch])) }, relaxation: relaxation)
    equalNode(
      included: included, free: rest, size: k,
      hint: fractions.flatMap { Self.shifted($0, removing: branch, by: $0[branch]) }, relaxation: relaxation)
  }

  /// A feasible starting point for a child from the parent's relaxed fractions: candidate `removed` leaves `R`, and
  /// the rest must carry `mass` more (the excluded candidate's fraction) or, when negative, less (including it fixes
  /// a full member, so the others carry `1 − f` less). Mass goes first to the fractional candidates, the largest
  /// first, then to the others; it comes first from the fractional ones, the smallest first. `nil` when it does not
  /// fit (the caller then starts from a vertex).
  static func shifted(_ fractions: [Double], removing removed: Int, by mass: Double) -> [Double]? {
    var f = fractions
    f.remove(at: removed)
    var left = abs(mass)
    guard left > 0 else { return f }
    let fractional = f.indices.filter { f[$0] > 0 && f[$0] < 1 }
    if mass > 0 {
      let order = fractional.sorted { f[$0] > f[$1] } + f.indices.filter { f[$0] == 0 }
      for r in order where left > 0 {
        let take = min(1 - f[r], left)
        f[r] += take
        left -= take
      }
    } else {
      let order = fractional.sorted { f[$0] < f[$1] } + f.indices.filter { f[$0] == 1 }
      for r in order where left > 0 {
        let take = min(f[r], left)
        f[r] -= take
        left -= take
      }
    }
    guard left <= 1e-12 else { return nil }
    // Rounding: entries within 1e-15 of a bound are put on it.
    for r in f.indices { if f[r] < 1e-15 { f[r] = 0 } else if f[r] > 1 - 1e-15 { f[r] = 1 } }
    return f
  }

  // MARK: - Any matrix

  /// Every subset within the risk budget (`Σ u ≤ B`, and `k·u ≤ B` with equal weights), no other bound.
  func searchByEnumeration() {
    enumerationNode(included: [], next: 0, risk: 0, largestRisk: 0)
  }

  func enumerationNode(included: [Int], next: Int, risk: Double, largestRisk: Double) {
    guard visit() else { return }
    if !included.isEmpty { consider(included) }
    if let limit = refinement.rules.maxInstruments, included.count >= limit { return }
    let unitRisk = refinement.unitRisk
    let equal = refinement.rules.weighting == .equal
    for j in next..<n {
      let total = risk + unitRisk[j]
      let largest = max(largestRisk, unitRisk[j])
      guard total <= riskBudget, !equal || Double(included.count + 1) * largest <= riskBudget else { continue }
      enumerationNode(included: included + [j], next: j + 1, risk: total, largestRisk: largest)
      if outOfTime { return }
    }
  }

  // MARK: - Max-Sharpe and handcrafted weights

  /// One include/exclude tree with the long-only max-Sharpe bound.
  func searchByMaxSharpeBound() {
    maxSharpeNode(included: [], free: Array(0..<n), risk: 0)
  }

  func maxSharpeNode(included: [Int], free: [Int], risk: Double) {
    guard visit() else { return }
    if !included.isEmpty { consider(included) }
    if let limit = refinement.rules.maxInstruments, included.count >= limit { return }
    // Σ u over the set stays within B.
    let unitRisk = refinement.unitRisk
    let free = free.filter { risk + unitRisk[$0] <= riskBudget }
    if free.isEmpty { return }
    let members = included + free
    var weights: [Double]? = nil
    if let bound = verifiedMaxSharpe(members) {
      if prunes(bound.sharpe) { return }
      weights = bound.weights
    } else if !members.contains(where: { refinement.netSR[$0] > 0 }) {
      // No long-only portfolio of these has a positive Sharpe ratio.
      if prunes(0) { return }
    }
    var branch = 0
    if let weights {
      var value = -1.0
      for r in free.indices where weights[included.count + r] > value {
        value = weights[included.count + r]
        branch = r
      }
    }
    let next = free[branch]
    var rest = free
    rest.remove(at: branch)
    maxSharpeNode(included: included + [next], free: rest, risk: risk + unitRisk[next])
    maxSharpeNode(included: included, free: rest, risk: risk)
  }

  /// The long-only max-Sharpe weights and ratio of `members`, when their optimality is verified: with
  /// `y = w / sᵀw`, `λ = yᵀCy`, every multiplier `(Cy)_i − λ·s_i` is at least `−1e-10·λ`. `nil` otherwise.
  func verifiedMaxSharpe(_ members: [Int]) -> (weights: [Double], sharpe: Double)? {
    var sub = Matrix(rows: members.count, columns: members.count)
    for (b, j) in members.enumerated() { for (a, i) in members.enumerated() { sub[a, b] = c(i, j) } }
    let s = members.map { refinement.netSR[$0] }
    guard let result = maxSharpeWeights(correlation: sub, netSR: s) else { return nil }
    let expected = zip(result.weights, s).reduce(0) { $0 + $1.0 * $1.1 }
    guard expected > 0 else { return nil }
    let y = result.weights.map { $0 / expected }
    let cy = sub.multiplied(by: y)
    let lambda = zip(y, cy).reduce(0) { $0 + $1.0 * $1.1 }
    for i in 0..<members.count where cy[i] - lambda * s[i] < -1e-10 * lambda { return nil }
    return result
  }
}
