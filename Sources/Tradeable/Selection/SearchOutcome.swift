/// Where the refinement that produced a set started (DESIGN.md §7's `search.start`).
public enum SearchStart: Sendable, Equatable {
  /// The greedy set at the capital itself.
  case greedy
  /// The greedy set at a capital of the ladder `K_j = K_min × 2^(j/4)` below the capital.
  case ladder(capital: Double)
  /// The set a sweep reported at the previous, smaller capital.
  case carried(from: Double)
}

/// Why a refinement stopped.
public enum RefinementStop: String, Sendable, Equatable {
  /// No add, drop or swap keeps every member feasible.
  case noAdmissibleMove = "no move keeps every member feasible"
  /// The best admissible move does not raise the Sharpe ratio by more than the tolerance.
  case noImprovement = "no move raises the Sharpe ratio"
}

/// One move of a refinement (DESIGN.md §6b): an add (`removed` nil), a drop (`added` nil) or a swap, and the set it
/// leads to.
public struct RefinementMove: Sendable, Equatable {
  /// Candidate added, `nil` for a drop.
  public var added: Int?
  /// Candidate removed, `nil` for an add.
  public var removed: Int?
  /// The set after the move.
  public var set: EvaluatedSet

  public init(added: Int?, removed: Int?, set: EvaluatedSet) {
    self.added = added
    self.removed = removed
    self.set = set
  }
}

/// What the exact search did.
public struct ExactSearchReport: Sendable, Equatable {
  /// Whether the optimum was proved: every subset not visited was excluded by a valid bound.
  public var proved: Bool
  /// Nodes of the branch-and-bound tree visited.
  public var nodes: Int
  /// Why it could not prove, when it did not (budget, a matrix too large to hold).
  public var limit: String?

  public init(proved: Bool, nodes: Int, limit: String? = nil) {
    self.proved = proved
    self.nodes = nodes
    self.limit = limit
  }
}

/// How the chosen set was found (DESIGN.md §6b, §7's `search` and `refinement`): the greedy path at the capital, the
/// winning start with its moves, the exact search's proof, and the set itself. Candidates are named by their position
/// in the selection's input until `renamed`.
public struct SearchOutcome: Sendable, Equatable {
  /// The mode that ran.
  public var mode: SearchMode
  /// The greedy path at the capital (DESIGN.md §6), shown step by step whatever the mode.
  public var path: SelectionPath
  /// The start whose refinement won.
  public var start: SearchStart
  /// The winning start's set, in the order its members joined it; `startSet` plus `moves` leads to the refined set.
  public var startSet: [Int]
  /// The moves from `startSet` (empty with `greedy`).
  public var moves: [RefinementMove]
  /// Why the winning refinement stopped (`nil` with `greedy` or when nothing is selectable).
  public var refinementStop: RefinementStop?
  /// Distinct starting sets refined (duplicates and starts that reached an already-visited set are skipped).
  public var startsRefined: Int
  /// The exact search's report (`nil` unless `exact` ran).
  public var exact: ExactSearchReport?
  /// The chosen set, `nil` when nothing is selectable.
  public var final: EvaluatedSet?
  /// Wall-clock seconds of the search after the greedy path (the one field that differs between identical runs).
  public var seconds: Double

  public init(
    mode: SearchMode, path: SelectionPath, start: SearchStart, startSet: [Int], moves: [RefinementMove],
    refinementStop: RefinementStop?, startsRefined: Int, exact: ExactSearchReport?, final: EvaluatedSet?,
    seconds: Double
  ) {
    self.mode = mode
    self.path = path
    self.start = start
    self.startSet = startSet
    self.moves = moves
    self.refinementStop = refinementStop
    self.startsRefined = startsRefined
    self.exact = exact
    self.final = final
    self.seconds = seconds
  }

  /// The capital of the previous sweep row whose set won, when one did.
  public var carriedFrom: Double? {
    if case .carried(let capital) = start { return capital }
    return nil
  }

  /// The same outcome with every candidate renamed by `names` (e.g. candidate positions to input indices).
  public func renamed(_ names: [Int]) -> SearchOutcome {
    var outcome = self
    outcome.path = path.renamed(names)
    outcome.startSet = startSet.map { names[$0] }
    outcome.moves = moves.map { move in
      RefinementMove(added: move.added.map { names[$0] }, removed: move.removed.map { names[$0] }, set: move.set.renamed(names))
    }
    outcome.final = final?.renamed(names)
    return outcome
  }
}
