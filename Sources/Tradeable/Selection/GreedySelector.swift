import LinearAlgebra

/// Greedy forward selection (DESIGN.md §6) under one weighting scheme.
///
/// Start with the affordable candidate of lowest annual cost; then repeatedly add the affordable candidate that gives
/// the highest `SR(S ∪ {j})`, ties to lower annual cost, then code in byte order; stop when the best does not beat
/// `SR(S)` by more than the tolerance, when nothing is affordable, or at `maxInstruments`.
///
/// Each scheme (`EqualWeighting`, `MaxSharpeWeighting`, `HandcraftedWeighting`, one type and file each) evaluates the
/// N candidates of a step incrementally from what the step before left (`GreedyState`), never by re-optimising each
/// candidate set from scratch, and reads only the correlation rows of the instruments already selected, so the same
/// code runs on a full matrix or matrix-free. The scheme is chosen by `rules.weighting`, never by looking at weights.
public struct GreedySelector: Sendable {
  /// Capital, base currency.
  public var capital: Double
  /// How positions are sized: the feasibility test of every member.
  public var sizing: PositionSizing
  /// Weighting, stopping rules.
  public var rules: SelectionRules

  public init(capital: Double, sizing: PositionSizing = PositionSizing(), rules: SelectionRules = SelectionRules()) {
    self.capital = capital
    self.sizing = sizing
    self.rules = rules
  }

  /// Selects from `candidates` with correlations `correlation` (same indexing).
  public func select(_ candidates: [SelectionCandidate], correlation: some CorrelationRows) -> SelectionPath {
    select(candidates, correlation: correlation, progress: nil)
  }


  /// Selects, calling `progress(step)` after each step.
  public func select(
    _ candidates: [SelectionCandidate], correlation: some CorrelationRows, progress: ((Int) -> Void)?
  ) -> SelectionPath {
    precondition(correlation.count == candidates.count, "one correlation row per candidate")
    return path(candidates, admitted: nil, row: { correlation.row($0) }, progress: progress)
  }

  /// The greedy path over the candidates `admitted` marks (all when `nil`), reading rows through `row`: the ladder of
  /// `SelectionSearch` runs it at smaller capitals over the instruments eligible there, sharing one row cache.
  func path(
    _ candidates: [SelectionCandidate], admitted: [Bool]?, row: (Int) -> [Double], progress: ((Int) -> Void)?
  ) -> SelectionPath {
    let n = candidates.count
    let admittedCount = admitted.map { $0.filter { $0 }.count } ?? n
    guard admittedCount > 0 else { return SelectionPath(steps: [], stopReason: .noEligibleInstrument) }
    let method = rules.weighting.method
    var state = GreedyState(candidates: candidates, capital: capital, sizing: sizing, admitted: admitted)

    // Step 1: the cheapest candidate affordable alone (w = 1, IDM = 1).
    var first: Int? = nil
    for j in 0..<n where state.open[j] && capital >= sizing.capitalToHoldAlone(unitRisk: state.unitRisk[j]) {
      if let f = first, !state.breaksTieBefore(j, f) { continue }
      first = j
    }
    guard let start = first else { return SelectionPath(steps: [], stopReason: .nothingAffordableAlone) }
    state.add(start, row: row(start))
    var steps = [state.singleMemberStep(added: start)]
    progress?(1)

    while true {
      if state.members.count == admittedCount { return SelectionPath(steps: steps, stopReason: .allSelected) }
      if let limit = rules.maxInstruments, state.members.count >= limit {
        return SelectionPath(steps: steps, stopReason: .maximumReached)
      }
      guard let best = method.bestAddition(to: state) else {
        return SelectionPath(steps: steps, stopReason: .nothingAffordable)
      }
      guard best.sharpe - steps[steps.count - 1].sharpe > rules.improvementTolerance else {
        return SelectionPath(steps: steps, stopReason: .noImprovement)
      }
      state.add(best.candidate, row: row(best.candidate))
      steps.append(state.record(added: best.candidate, method: method))
      progress?(steps.count)
    }
  }
}

/// How a weighting scheme takes part in the greedy selection: it ranks the candidates of a step and records the set a
/// step ends on. Each conforming type is one scheme (`WeightingScheme.method` picks it).
protocol WeightingMethod: Sendable {
  /// The best candidate to add to the state's members: highest `SR(S ∪ {j})` among the candidates whose addition keeps
  /// every member feasible at the capital, ties by lower annual cost, then code in byte order; `nil` when none is.
  func bestAddition(to state: GreedyState) -> GreedyState.Evaluation?
  /// `SR(S ∪ {j})` for every open candidate j whose addition keeps every member feasible at the capital, `-∞` for
  /// every other (members, candidates not admitted, infeasible sets): what a refinement move needs of a base set.
  func additionSharpes(to state: GreedyState) -> [Double]
  /// The weights of a set with correlation matrix `correlation`, net Sharpe ratios `netSR` and code ranks `ranks`
  /// (members in input order), summing to 1; `nil` when the scheme cannot weight it (max-Sharpe weights whose optimum
  /// leaves a member at zero).
  func weights(correlation: Matrix, netSR: [Double], ranks: [Int]) -> [Double]?
}

extension WeightingScheme {
  /// The type that implements this scheme.
  var method: any WeightingMethod {
    switch self {
    case .equal: return EqualWeighting()
    case .handcrafted: return HandcraftedWeighting()
    case .maxSharpe: return MaxSharpeWeighting()
    }
  }
}

/// What a greedy selection carries from step to step, whatever the scheme: the members, their correlation rows, and
/// the running sums equal weights rank by.
struct GreedyState {
  /// One candidate's evaluation in a step.
  struct Evaluation {
    var sharpe: Double
    var candidate: Int
  }

  let capital: Double
  let sizing: PositionSizing
  let n: Int
  let codeRank: [Int]
  let netSR: [Double]
  let cost: [Double]
  let unitRisk: [Double]
  var members: [Int] = []
  var inSet: [Bool]
  /// Whether a candidate may still be added: admitted (eligible at the state's capital) and not a member.
  var open: [Bool]
  /// Correlation rows of the members (`rows[r][j]`: member r with candidate j).
  var rows: [[Double]] = []
  /// Σ over S×S of C, and each candidate's Σ over S: `wᵀCw = (setTotal + 2·rowSums[j] + 1) / k²` for equal weights.
  var setTotal = 0.0
  var rowSums: [Double]
  var sumNetSR = 0.0
  var largestUnitRisk = 0.0

  init(candidates: [SelectionCandidate], capital: Double, sizing: PositionSizing, admitted: [Bool]? = nil) {
    self.init(
      capital: capital, sizing: sizing, codeRank: byteOrderRanks(candidates.map(\.code)),
      netSR: candidates.map(\.netSR), cost: candidates.map(\.annualSRCost), unitRisk: candidates.map(\.unitRisk),
      admitted: admitted)
  }

  init(
    capital: Double, sizing: PositionSizing, codeRank: [Int], netSR: [Double], cost: [Double], unitRisk: [Double],
    admitted: [Bool]?
  ) {
    self.capital = capital
    self.sizing = sizing
    n = netSR.count
    self.codeRank = codeRank
    self.netSR = netSR
    self.cost = cost
    self.unitRisk = unitRisk
    inSet = [Bool](repeating: false, count: n)
    open = admitted ?? [Bool](repeating: true, count: n)
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
    open[j] = false
    rows.append(row)
    sumNetSR += netSR[j]
    largestUnitRisk = max(largestUnitRisk, unitRisk[j])
  }

  /// Code ranks of the members, in selection order: the order handcrafted weights break ties by.
  var memberRanks: [Int] { members.map { codeRank[$0] } }

  /// The k × k correlation matrix of the members, in selection order.
  var memberCorrelation: Matrix {
    let k = members.count
    var c = Matrix(rows: k, columns: k)
    for a in 0..<k { for b in 0..<k { c[a, b] = a == b ? 1 : rows[a][members[b]] } }
    return c
  }

  /// The first step: one member, weight 1, so `wᵀCw = 1`, SR = its net SR and IDM 1 under every scheme.
  func singleMemberStep(added: Int) -> SelectionStep {
    SelectionStep(
      added: added, members: members, weights: [1], sharpe: netSR[added], idm: sizing.idm(variance: 1),
      memberCapital: [sizing.capitalNeeded(unitRisk: unitRisk[added], weight: 1, idm: sizing.idm(variance: 1))])
  }

  /// The record of the members after `added` joined: the set evaluated as every record of it is
  /// (`EvaluatedSet.evaluate`), members in selection order.
  func record(added: Int, method: any WeightingMethod) -> SelectionStep {
    let order = members.indices.sorted { members[$0] < members[$1] }
    let k = members.count
    var c = Matrix(rows: k, columns: k)
    for (b, pb) in order.enumerated() {
      for (a, pa) in order.enumerated() { c[a, b] = a == b ? 1 : rows[pa][members[pb]] }
    }
    let sorted = order.map { members[$0] }
    let set = EvaluatedSet.evaluate(
      sorted, correlation: c, method: method, netSR: netSR, unitRisk: unitRisk, codeRank: codeRank, sizing: sizing,
      fallback: true)!
    let inOrder = set.reordered(members)
    return SelectionStep(
      added: added, members: members, weights: inOrder.weights, sharpe: inOrder.sharpe, idm: inOrder.idm,
      memberCapital: inOrder.memberCapital)
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
