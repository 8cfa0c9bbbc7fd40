/// The portfolio after one greedy step.
public struct SelectionStep: Sendable, Equatable {
  /// Candidate added at this step.
  public var added: Int
  /// Members in the order they were added.
  public var members: [Int]
  /// Risk weights of the members, same order, summing to 1.
  public var weights: [Double]
  /// `SR(S) = Σ wᵢ sᵢ / √(wᵀCw)`.
  public var sharpe: Double
  /// `IDM(S) = min(idmCap, 1/√(wᵀCw))`.
  public var idm: Double
  /// Capital each member needs, same order: `maxContracts × unitRiskᵢ / (IDM × wᵢ × targetVolatility)`.
  public var memberCapital: [Double]
  /// The set's minimum capital: the largest of `memberCapital`.
  public var minimumCapital: Double { memberCapital.max() ?? 0 }

  public init(
    added: Int, members: [Int], weights: [Double], sharpe: Double, idm: Double, memberCapital: [Double]
  ) {
    self.added = added
    self.members = members
    self.weights = weights
    self.sharpe = sharpe
    self.idm = idm
    self.memberCapital = memberCapital
  }
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
        s.members = step.members.map { names[$0] }
        return s
      }, stopReason: stopReason)
  }
}
