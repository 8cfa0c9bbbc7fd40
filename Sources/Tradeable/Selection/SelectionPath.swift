/// The portfolio after one greedy step.
public struct SelectionStep: Sendable, Equatable {
  /// Candidate index added at this step.
  public var added: Int
  /// Members (candidate indices) in the order they were added.
  public var members: [Int]
  /// Risk weights of the members, same order, summing to 1.
  public var weights: [Double]
  /// `SR(S) = Σ wᵢ sᵢ / √(wᵀCw)`.
  public var sharpe: Double
  /// `IDM(S) = min(idmCap, 1/√(wᵀCw))`.
  public var idm: Double
  /// Capital each member needs, same order: `maxUnits × unitRiskᵢ / (IDM × wᵢ × targetVolatility)`.
  public var memberCapital: [Double]
  /// The set's minimum capital: the largest of `memberCapital`.
  public var minimumCapital: Double { memberCapital.max() ?? 0 }
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
}
