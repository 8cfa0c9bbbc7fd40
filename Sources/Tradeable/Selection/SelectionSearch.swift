import LinearAlgebra

/// The selection at one capital, DESIGN.md §6 and §6b: the greedy path, then — by `rules.search.mode` — nothing
/// more (`greedy`), the refinement of several starting sets (`refined`, the default), or the exact search from the
/// refined set (`exact`).
///
/// `refined`: the starts are the greedy set at the capital K and, in this order, the greedy sets at the capitals of
/// the ladder `K_j = K_min × 2^(j/4)`, j = 0, 1, … while `K_j < K` (`K_min` the smallest capital that admits a
/// candidate: the smallest, over the candidates, of the larger of its capital-filter minimum and the capital to hold
/// it alone). Each ladder path runs over the candidates eligible at `K_j` (capital ≥ their filter minimum) with
/// feasibility at `K_j`; with one correlation matrix for every capital, each such set is feasible at K, so every start
/// is admissible. Each start is refined (`Refinement`); the best end in the order of sets (higher Sharpe ratio, fewer
/// members, lower total cost, codes) wins, and of starts that end on the same set the first.
///
/// What the starts share: one cache of correlation rows (`RowCache`), so a row — a pass over the weekly panel when
/// matrix-free — is computed once for every greedy path, refinement and the exact search; the ladder's greedy paths
/// run in lockstep and so do the refinements, so the rows each round needs are computed in one pass for all of them;
/// a start whose set an earlier start already had is not refined, and of two refinements that come to the same set
/// the later start's is dropped (from there they go the same way, and the earlier start wins the tie).
///
/// A sweep passes the set it reported at the previous, smaller capital as `carried`: it is refined too, and reported
/// instead when it ends strictly earlier in the order of sets than the selection's own answer (an identical set is
/// not carried), so a sweep's Sharpe ratio never falls as capital grows.
public struct SelectionSearch: Sendable {
  /// Capital, base currency.
  public var capital: Double
  /// How positions are sized: the feasibility test of every member.
  public var sizing: PositionSizing
  /// Weighting, stopping rules and the search mode.
  public var rules: SelectionRules

  public init(capital: Double, sizing: PositionSizing = PositionSizing(), rules: SelectionRules = SelectionRules()) {
    self.capital = capital
    self.sizing = sizing
    self.rules = rules
  }

  /// A set carried from a smaller capital: its members (positions in the candidates, in the order they joined it)
  /// and that capital.
  public struct Carried: Sendable, Equatable {
    public var members: [Int]
    public var capital: Double
    public init(members: [Int], capital: Double) {
      self.members = members
      self.capital = capital
    }
  }

  /// Runs the search over `candidates` with correlations `correlation` (same indexing), calling `progress(step)` after
  /// each step of the greedy path at the capital.
  public func run(
    _ candidates: [SelectionCandidate], correlation: some CorrelationRows, carried: Carried? = nil,
    progress: ((Int) -> Void)? = nil
  ) -> SearchOutcome {
    runKeepingRows(candidates, correlation: correlation, carried: carried, progress: progress).outcome
  }

  /// `run`, and the chosen set's correlation matrix (members in their order) from the rows the search computed, so
  /// the caller need not compute them again (matrix-free, a row is a pass over the weekly panel).
  func runKeepingRows(
    _ candidates: [SelectionCandidate], correlation: some CorrelationRows, carried: Carried?,
    progress: ((Int) -> Void)?
  ) -> (outcome: SearchOutcome, selected: Matrix) {
    let clock = ContinuousClock()
    let began = clock.now
    let cache = RowCache(correlation)
    let outcome = search(candidates, cache: cache, carried: carried, progress: progress, clock: clock, began: began)
    let members = outcome.final?.members ?? []
    var selected = Matrix(rows: members.count, columns: members.count)
    for (b, j) in members.enumerated() {
      let row = cache.row(j)
      for (a, i) in members.enumerated() { selected[a, b] = row[i] }
    }
    return (outcome, selected)
  }

  private func search<Rows: CorrelationRows>(
    _ candidates: [SelectionCandidate], cache: RowCache<Rows>, carried: Carried?, progress: ((Int) -> Void)?,
    clock: ContinuousClock, began: ContinuousClock.Instant
  ) -> SearchOutcome {
    precondition(cache.count == candidates.count, "one correlation row per candidate")
    func elapsed() -> Double {
      let d = clock.now - began
      return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
    let row = { (i: Int) in cache.row(i) }
    let greedy = GreedySelector(capital: capital, sizing: sizing, rules: rules)
    let path = greedy.path(candidates, admitted: nil, row: row, progress: progress)
    let greedySet = path.final.map(\.set)
    let mode = rules.search.mode
    let refinement = Refinement(
      candidates: candidates, capital: capital, sizing: sizing, rules: rules, row: row, prefetch: { cache.prefetch($0) })
    guard mode != .greedy, let greedySet else {
      var exact: ExactSearchReport? = nil
      var final = greedySet
      if mode == .exact {
        // Nothing is feasible alone; a set can still be (negative correlations lift its IDM): search every subset.
        let (report, found) = ExactSearch(
          refinement: refinement, budgetSeconds: rules.search.budgetSeconds ?? .infinity,
          configuredBudget: rules.search.budgetSeconds)
          .run(incumbent: nil)
        exact = report
        final = found
      }
      return SearchOutcome(
        mode: mode, path: path, start: .greedy, startSet: greedySet?.members ?? [], moves: [], refinementStop: nil,
        startsRefined: 0, exact: exact, final: final, seconds: elapsed())
    }

    // The starts: the greedy set at K, then the ladder's greedy sets (their paths in lockstep, rows fetched together).
    let capitals = ladderCapitals(candidates)
    let ladderPaths = GreedySelector.paths(
      capitals: capitals, admitted: capitals.map { k in candidates.map { k >= $0.standaloneCapital } },
      candidates: candidates, sizing: sizing, rules: rules, rows: cache)
    let starts: [(SearchStart, [Int])] =
      [(.greedy, greedySet.members)]
      + zip(capitals, ladderPaths).map { (.ladder(capital: $0.0), $0.1.final?.members ?? []) }
    let results = refinement.refineAll(starts.map(\.1))
    var best: (start: SearchStart, startSet: [Int], result: Refinement.Result)? = nil
    var refined = 0
    for (start, result) in zip(starts, results) {
      guard let result else { continue }
      refined += 1
      if let b = best, !refinement.precedes(result.end, b.result.end) { continue }
      best = (start.0, start.1, result)
    }
    guard var winner = best else {
      // Unreachable in practice: the greedy set at K is admissible at K. Report it as greedy.
      return SearchOutcome(
        mode: mode, path: path, start: .greedy, startSet: greedySet.members, moves: [], refinementStop: nil,
        startsRefined: refined, exact: nil, final: greedySet, seconds: elapsed())
    }
    var final = winner.result.end
    var exact: ExactSearchReport? = nil
    if mode == .exact {
      let search = ExactSearch(
        refinement: refinement, budgetSeconds: (rules.search.budgetSeconds ?? .infinity) - elapsed(),
        configuredBudget: rules.search.budgetSeconds)
      let (report, found) = search.run(incumbent: final)
      exact = report
      if let found, refinement.precedes(found, final) { final = found.reordered(Self.order(found.members, after: final.members)) }
    }
    if let carried, carried.members.allSatisfy({ candidates.indices.contains($0) }) {
      if let result = refinement.refineAll([carried.members])[0],
        result.end.members.sorted() != final.members.sorted(), refinement.precedes(result.end, final)
      {
        winner = (.carried(from: carried.capital), carried.members, result)
        final = result.end
        if exact?.proved == true { exact?.proved = false }
      }
    }
    return SearchOutcome(
      mode: mode, path: path, start: winner.start, startSet: winner.startSet, moves: winner.result.moves,
      refinementStop: winner.result.stop, startsRefined: refined, exact: exact, final: final, seconds: elapsed())
  }

  /// The capitals of the ladder below the capital: `K_j = K_min × 2^(j/4)` while `K_j < capital`, `K_min` the
  /// smallest over `candidates` of the larger of its capital-filter minimum and the capital to hold it alone.
  public func ladderCapitals(_ candidates: [SelectionCandidate]) -> [Double] {
    let smallest = candidates.map { max($0.standaloneCapital, sizing.capitalToHoldAlone(unitRisk: $0.unitRisk)) }.min()
    guard let smallest, smallest > 0, smallest.isFinite else { return [] }
    var capitals: [Double] = []
    var j = 0
    while true {
      let k = smallest * pow(2, Double(j) / 4)
      guard k < capital else { return capitals }
      capitals.append(k)
      j += 1
    }
  }

  /// `members` ordered as in `previous` for those it shares, the others after them in input order.
  static func order(_ members: [Int], after previous: [Int]) -> [Int] {
    let kept = previous.filter { members.contains($0) }
    return kept + members.filter { !kept.contains($0) }.sorted()
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
