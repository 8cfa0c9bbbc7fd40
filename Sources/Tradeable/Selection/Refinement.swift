import LinearAlgebra

/// Local search from a starting set (DESIGN.md §6b): while one exists, apply the single best *move* — add an eligible
/// `j ∉ S` (while `|S| < maxInstruments`), drop an `i ∈ S` (while `|S| > 1`), or swap `i ∈ S` for `j ∉ S` — among the
/// admissible ones (every member of the new set feasible at the capital under the weighting scheme), if it raises
/// `SR(S)` by more than `improvementTolerance` (1e-12).
///
/// The best move has the highest Sharpe ratio; ties go to fewer members, then the lower total annual SR cost, then
/// the added code, then the removed code, in byte order (an absent code sorts first).
///
/// Every Sharpe ratio a decision compares is a function of the set alone: a set is evaluated with its members in
/// input order, whatever order they joined it, so two starts that reach the same set agree on it to the last bit and
/// the tie rules above decide what they say. Moves are ranked from incremental formulas (`Refinement+EqualWeights`
/// for equal weights; the weighting scheme's bordered evaluation of each base set otherwise); the move taken is then
/// evaluated from scratch, and that value is what the tolerance test and the move's record use.
struct Refinement {
  /// The candidates, all eligible at the capital.
  let candidates: [SelectionCandidate]
  let capital: Double
  let sizing: PositionSizing
  let rules: SelectionRules
  let codeRank: [Int]
  let netSR: [Double]
  let cost: [Double]
  let unitRisk: [Double]
  let method: any WeightingMethod
  /// Row `i` of the candidates' correlation matrix (cached by the caller).
  let row: (Int) -> [Double]
  /// Computes the rows of the candidates given, together, ahead of `row` asking for them one by one.
  let prefetch: ([Int]) -> Void

  init(
    candidates: [SelectionCandidate], capital: Double, sizing: PositionSizing, rules: SelectionRules,
    row: @escaping (Int) -> [Double], prefetch: @escaping ([Int]) -> Void = { _ in }
  ) {
    self.candidates = candidates
    self.capital = capital
    self.sizing = sizing
    self.rules = rules
    codeRank = byteOrderRanks(candidates.map(\.code))
    netSR = candidates.map(\.netSR)
    cost = candidates.map(\.annualSRCost)
    unitRisk = candidates.map(\.unitRisk)
    method = rules.weighting.method
    self.row = row
    self.prefetch = prefetch
  }

  var n: Int { candidates.count }

  /// A greedy state holding `members` (added in the order given) at the capital, every other candidate open.
  func state(of members: [Int], closing closed: [Int] = []) -> GreedyState {
    var state = GreedyState(
      capital: capital, sizing: sizing, codeRank: codeRank, netSR: netSR, cost: cost, unitRisk: unitRisk, admitted: nil)
    for m in members { state.add(m, row: row(m)) }
    for c in closed { state.open[c] = false }
    return state
  }

  /// The set `members` under the weighting scheme (`EvaluatedSet.evaluate`), members in input order; `nil` when the
  /// scheme cannot weight it or, with `feasible`, some member is not feasible at the capital.
  func evaluate(_ members: [Int], feasible: Bool = true) -> EvaluatedSet? {
    let sorted = members.sorted()
    let k = sorted.count
    guard k > 0 else { return nil }
    var c = Matrix(rows: k, columns: k)
    for (b, j) in sorted.enumerated() {
      let r = row(j)
      for (a, i) in sorted.enumerated() { c[a, b] = a == b ? 1 : r[i] }
    }
    guard
      let set = EvaluatedSet.evaluate(
        sorted, correlation: c, method: method, netSR: netSR, unitRisk: unitRisk, codeRank: codeRank, sizing: sizing)
    else { return nil }
    return !feasible || set.isFeasible(at: capital) ? set : nil
  }

  /// Total annual SR cost of a set, summed in input order.
  func totalCost(_ members: [Int]) -> Double {
    members.sorted().reduce(0) { $0 + cost[$1] }
  }

  /// Whether set `a` comes before set `b` in DESIGN.md §6b's order of sets: higher Sharpe ratio, then fewer members,
  /// then lower total annual SR cost, then the sorted list of codes in byte order.
  func precedes(_ a: EvaluatedSet, _ b: EvaluatedSet) -> Bool {
    if a.sharpe != b.sharpe { return a.sharpe > b.sharpe }
    if a.members.count != b.members.count { return a.members.count < b.members.count }
    let ca = totalCost(a.members), cb = totalCost(b.members)
    if ca != cb { return ca < cb }
    let ra = a.members.map { codeRank[$0] }.sorted(), rb = b.members.map { codeRank[$0] }.sorted()
    return ra.lexicographicallyPrecedes(rb)
  }

  /// A move under consideration: its Sharpe ratio (from the incremental formulas), the size of the set it leads to,
  /// and what it adds and removes.
  struct Move {
    var sharpe: Double
    var size: Int
    var added: Int?
    var removed: Int?
  }

  /// Whether move `a` beats move `b` from the set `current` (sorted): DESIGN.md §6b's tie rules.
  func beats(_ a: Move, _ b: Move, from current: [Int]) -> Bool {
    if a.sharpe != b.sharpe { return a.sharpe > b.sharpe }
    if a.size != b.size { return a.size < b.size }
    let ca = totalCost(applying(a, to: current)), cb = totalCost(applying(b, to: current))
    if ca != cb { return ca < cb }
    let addedA = a.added.map { codeRank[$0] } ?? -1, addedB = b.added.map { codeRank[$0] } ?? -1
    if addedA != addedB { return addedA < addedB }
    return (a.removed.map { codeRank[$0] } ?? -1) < (b.removed.map { codeRank[$0] } ?? -1)
  }

  /// The set `move` leads to from `current`, sorted.
  func applying(_ move: Move, to current: [Int]) -> [Int] {
    var next = current
    if let removed = move.removed { next.removeAll { $0 == removed } }
    if let added = move.added { next.append(added) }
    return next.sorted()
  }

  /// What a refinement found: the set it ended on (members in the order they joined), its moves and why it stopped.
  struct Result {
    var end: EvaluatedSet
    var moves: [RefinementMove]
    var stop: RefinementStop
  }

  /// One refinement under way, a move at a time: `propose` finds the best move (and the candidate whose row the move
  /// needs), `advance` evaluates the set it leads to and takes it or stops. Splitting the two lets the refinements of
  /// every start fetch their rows together.
  struct Trajectory {
    /// The set now, sorted, and the same in the order its members joined.
    var current: [Int]
    var order: [Int]
    var set: EvaluatedSet
    var moves: [RefinementMove] = []
    var stop: RefinementStop? = nil
    var pending: Move? = nil

    var result: Result { Result(end: set.reordered(order), moves: moves, stop: stop ?? .noImprovement) }
  }

  /// A refinement from `start` (members in the order they joined it); `nil` when the scheme cannot weight it. A start
  /// is feasible at the capital by construction (DESIGN.md §6b); its record is not re-tested, so rounding at the
  /// boundary never turns the greedy set away.
  func begin(_ start: [Int]) -> Trajectory? {
    guard let set = evaluate(start, feasible: false) else { return nil }
    return Trajectory(current: start.sorted(), order: start, set: set)
  }

  /// Finds the trajectory's best move; returns the candidate it adds (whose row `advance` reads), `nil` for a drop or
  /// when it stops (no admissible move).
  func propose(_ t: inout Trajectory) -> Int? {
    guard t.stop == nil else { return nil }
    guard let move = bestMove(from: t.current, set: t.set) else {
      t.stop = .noAdmissibleMove
      return nil
    }
    t.pending = move
    return move.added
  }

  /// Takes the proposed move if the set it leads to, evaluated from scratch, raises the Sharpe ratio by more than
  /// the tolerance; stops otherwise.
  func advance(_ t: inout Trajectory) {
    guard t.stop == nil, let move = t.pending else { return }
    t.pending = nil
    let next = applying(move, to: t.current)
    guard let nextSet = evaluate(next), nextSet.sharpe - t.set.sharpe > rules.improvementTolerance else {
      t.stop = .noImprovement
      return
    }
    if let removed = move.removed { t.order.removeAll { $0 == removed } }
    if let added = move.added { t.order.append(added) }
    t.moves.append(RefinementMove(added: move.added, removed: move.removed, set: nextSet.reordered(t.order)))
    t.current = next
    t.set = nextSet
  }

  /// Refines every start, in lockstep: each round, every refinement still going finds its best move, the rows of
  /// the candidates those moves add are fetched together (`prefetch`), and each move is taken or its refinement
  /// stops. Results by start (`nil` for an empty start, a duplicate of an earlier start, or a start whose refinement
  /// came to a set an earlier start's also passed through: from there the two go the same way, and the earlier start
  /// wins the tie, so the later one is dropped — as soon as either reaches the other's set).
  func refineAll(_ starts: [[Int]]) -> [Result?] {
    var trajectories: [Trajectory?] = []
    var visitor: [[Int]: Int] = [:]  // a set passed through → the earliest start that did
    for (i, start) in starts.enumerated() {
      let key = start.sorted()
      guard !start.isEmpty, visitor[key] == nil, let t = begin(start) else {
        trajectories.append(nil)
        continue
      }
      visitor[key] = i
      trajectories.append(t)
    }
    while true {
      var needed: [Int] = []
      var going = false
      for i in trajectories.indices where trajectories[i]?.stop == nil && trajectories[i] != nil {
        if let added = propose(&trajectories[i]!) { needed.append(added) }
        going = going || trajectories[i]!.stop == nil
      }
      guard going else { break }
      prefetch(needed)
      for i in trajectories.indices where trajectories[i]?.pending != nil {
        advance(&trajectories[i]!)
        guard trajectories[i]!.stop == nil else { continue }
        let key = trajectories[i]!.current
        if let other = visitor[key], other != i {
          if other < i {
            trajectories[i] = nil
            continue
          }
          trajectories[other] = nil
        }
        visitor[key] = i
      }
    }
    return trajectories.map { $0?.result }
  }

  /// The best admissible move from `current` (sorted) whose set is `set`, `nil` when none is admissible.
  func bestMove(from current: [Int], set: EvaluatedSet) -> Move? {
    switch rules.weighting {
    case .equal: return bestEqualWeightMove(from: current)
    case .handcrafted, .maxSharpe: return bestMoveByBaseSets(from: current)
    }
  }

  /// Moves for any scheme: each swap `i → j` is the addition of `j` to the base set `S ∖ {i}`, so the scheme's
  /// evaluation of every candidate added to a base set (`WeightingMethod.additionSharpes`) ranks the adds (base `S`)
  /// and the swaps (the k bases `S ∖ {i}`); each drop is evaluated directly. O(k) base sets per pass.
  func bestMoveByBaseSets(from current: [Int]) -> Move? {
    let k = current.count
    var best: Move? = nil
    func consider(_ move: Move) {
      if let b = best, !beats(move, b, from: current) { return }
      best = move
    }
    var bases: [(members: [Int], removed: Int?)] = []
    if k < rules.maxInstruments ?? Int.max { bases.append((current, nil)) }
    for i in current { bases.append((current.filter { $0 != i }, i)) }
    for base in bases {
      let sharpes = method.additionSharpes(to: state(of: base.members, closing: current))
      for (j, sharpe) in sharpes.enumerated() where sharpe > -.infinity {
        consider(Move(sharpe: sharpe, size: base.members.count + 1, added: j, removed: base.removed))
      }
    }
    if k > 1 {
      for i in current {
        guard let dropped = evaluate(current.filter { $0 != i }) else { continue }
        consider(Move(sharpe: dropped.sharpe, size: k - 1, added: nil, removed: i))
      }
    }
    return best
  }
}
