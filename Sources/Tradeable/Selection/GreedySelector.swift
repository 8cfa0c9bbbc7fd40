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

  /// The greedy path over the candidates `admitted` marks (all when `nil`), reading rows through `row`.
  func path(
    _ candidates: [SelectionCandidate], admitted: [Bool]?, row: (Int) -> [Double], progress: ((Int) -> Void)?
  ) -> SelectionPath {
    var run = GreedyRun(selector: self, candidates: candidates, admitted: admitted)
    while let next = run.proposal() {
      run.accept(next, row: row(next))
      progress?(run.steps.count)
    }
    return run.path
  }

  /// Greedy paths at several capitals over one set of candidates (the ladder of `SelectionSearch`), run in lockstep:
  /// at each round every path that goes on proposes its next candidate, and the rows of all the proposals are
  /// fetched together (`RowCache.prefetch`, one pass over the weekly panel matrix-free), then added.
  /// `admitted[p]` marks the candidates eligible at capital `capitals[p]`.
  static func paths<Rows: CorrelationRows>(
    capitals: [Double], admitted: [[Bool]], candidates: [SelectionCandidate], sizing: PositionSizing,
    rules: SelectionRules, rows: RowCache<Rows>
  ) -> [SelectionPath] {
    var runs = zip(capitals, admitted).map { capital, admitted in
      GreedyRun(
        selector: GreedySelector(capital: capital, sizing: sizing, rules: rules), candidates: candidates,
        admitted: admitted)
    }
    while true {
      var proposals: [(run: Int, candidate: Int)] = []
      for r in runs.indices { if let next = runs[r].proposal() { proposals.append((r, next)) } }
      if proposals.isEmpty { break }
      rows.prefetch(proposals.map(\.candidate))
      for (r, candidate) in proposals { runs[r].accept(candidate, row: rows.row(candidate)) }
    }
    return runs.map(\.path)
  }
}

/// One greedy path (DESIGN.md §6), a step at a time: `proposal()` names the candidate the next step adds (or stops
/// the path), `accept(_:row:)` adds it with its correlation row. Splitting the two lets several paths fetch their
/// rows together.
struct GreedyRun {
  let selector: GreedySelector
  let method: any WeightingMethod
  let admittedCount: Int
  var state: GreedyState
  var steps: [SelectionStep] = []
  var stopReason: StopReason? = nil
  /// The proposal not yet accepted, with its Sharpe ratio.
  var pending: GreedyState.Evaluation? = nil

  init(selector: GreedySelector, candidates: [SelectionCandidate], admitted: [Bool]?) {
    self.selector = selector
    method = selector.rules.weighting.method
    admittedCount = admitted.map { $0.filter { $0 }.count } ?? candidates.count
    state = GreedyState(candidates: candidates, capital: selector.capital, sizing: selector.sizing, admitted: admitted)
    if admittedCount == 0 { stopReason = .noEligibleInstrument }
  }

  var path: SelectionPath { SelectionPath(steps: steps, stopReason: stopReason ?? .noImprovement) }

  /// The candidate the next step adds, `nil` once the path has stopped (`stopReason` then says why).
  mutating func proposal() -> Int? {
    if stopReason != nil { return nil }
    if let pending { return pending.candidate }
    if steps.isEmpty {
      // Step 1: the cheapest candidate affordable alone (w = 1, IDM = 1).
      var first: Int? = nil
      for j in 0..<state.n
      where state.open[j] && selector.capital >= selector.sizing.capitalToHoldAlone(unitRisk: state.unitRisk[j]) {
        if let f = first, !state.breaksTieBefore(j, f) { continue }
        first = j
      }
      guard let first else {
        stopReason = .nothingAffordableAlone
        return nil
      }
      pending = GreedyState.Evaluation(sharpe: state.netSR[first], candidate: first)
      return first
    }
    if state.members.count == admittedCount {
      stopReason = .allSelected
      return nil
    }
    if let limit = selector.rules.maxInstruments, state.members.count >= limit {
      stopReason = .maximumReached
      return nil
    }
    guard let best = method.bestAddition(to: state) else {
      stopReason = .nothingAffordable
      return nil
    }
    guard best.sharpe - steps[steps.count - 1].sharpe > selector.rules.improvementTolerance else {
      stopReason = .noImprovement
      return nil
    }
    pending = best
    return best.candidate
  }

  /// Adds the proposed candidate, whose correlation row is `row`.
  mutating func accept(_ candidate: Int, row: [Double]) {
    precondition(pending?.candidate == candidate, "accept the proposal")
    pending = nil
    state.add(candidate, row: row)
    steps.append(steps.isEmpty ? state.singleMemberStep(added: candidate) : state.record(added: candidate, method: method))
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
      added: added,
      set: EvaluatedSet(
        members: members, weights: [1], sharpe: netSR[added], idm: sizing.idm(variance: 1),
        memberCapital: [sizing.capitalNeeded(unitRisk: unitRisk[added], weight: 1, idm: sizing.idm(variance: 1))]))
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
    return SelectionStep(added: added, set: set.reordered(members))
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
