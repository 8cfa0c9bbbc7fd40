/// The portfolio after one greedy step: the candidate added and the set it ends on, evaluated as every record of a
/// set is (`EvaluatedSet.evaluate`).
public struct SelectionStep: Sendable, Equatable {
  /// Candidate added at this step.
  public var added: Int
  /// The set after the step, members in the order they were added.
  public var set: EvaluatedSet

  public init(added: Int, set: EvaluatedSet) {
    self.added = added
    self.set = set
  }

  /// Members in the order they were added.
  public var members: [Int] { self.set.members }
  /// Risk weights of the members, same order, summing to 1.
  public var weights: [Double] { self.set.weights }
  /// `SR(S) = Σ wᵢ sᵢ / √(wᵀCw)`.
  public var sharpe: Double { self.set.sharpe }
  /// `IDM(S) = min(idmCap, 1/√(wᵀCw))`.
  public var idm: Double { self.set.idm }
  /// Capital each member needs, same order (`EvaluatedSet.memberCapital`).
  public var memberCapital: [Double] { self.set.memberCapital }
  /// The set's minimum capital: the largest of `memberCapital`.
  public var minimumCapital: Double { self.set.minimumCapital }
}

/// Why the greedy selection stopped.
public enum StopReason: String, Sendable, Equatable {
  /// No instrument passed the filters.
  case noEligibleInstrument = "no eligible instrument"
  /// Eligible instruments exist but none is affordable alone.
  case nothingAffordableAlone = "no instrument is affordable alone"
  /// Every remaining candidate would break some member's capital requirement.
  case nothingAffordable = "no further instrument is affordable"
  /// The best affordable candidate does not raise the Sharpe ratio by more than the tolerance.
  case noImprovement = "no candidate raises the Sharpe ratio"
  /// `maxInstruments` reached.
  case maximumReached = "maximum number of instruments reached"
  /// Every eligible instrument is selected.
  case allSelected = "every eligible instrument is selected"
}

/// The steps of a greedy selection and why it stopped.
public struct SelectionPath: Sendable, Equatable {
  /// Portfolios after each step; the last is the selection.
  public var steps: [SelectionStep]
  /// Why it stopped.
  public var stopReason: StopReason
  /// The selected portfolio, `nil` when nothing was selected.
  public var final: SelectionStep? { steps.last }

  public init(steps: [SelectionStep], stopReason: StopReason) {
    self.steps = steps
    self.stopReason = stopReason
  }

  /// The same path with every candidate renamed by `names` (e.g. candidate positions to input indices).
  public func renamed(_ names: [Int]) -> SelectionPath {
    SelectionPath(
      steps: steps.map { step in
        var s = step
        s.added = names[step.added]
        s.set = step.set.renamed(names)
        return s
      }, stopReason: stopReason)
  }
}
