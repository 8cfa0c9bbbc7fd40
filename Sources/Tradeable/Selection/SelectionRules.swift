/// Rules of the selection stage (DESIGN.md §6), with their defaults; the capital rules are `PositionSizing`'s.
public struct SelectionRules: Codable, Sendable, Equatable {
  /// How weights are set within a candidate set (equal, handcrafted, max-Sharpe).
  public var weighting: WeightingScheme = .equal
  /// Largest number of instruments to select; `nil` for no limit.
  public var maxInstruments: Int? = nil
  /// A step must raise the Sharpe ratio by more than this to be taken (1e-12, far below any real improvement but
  /// above rounding noise).
  public var improvementTolerance: Double = 1e-12
  /// What runs after the greedy path (DESIGN.md §6b): greedy alone, refinement, or the exact search, and its budget.
  /// The refinement's moves take the same `improvementTolerance`.
  public var search = SearchSettings()

  public init(
    weighting: WeightingScheme = .equal, maxInstruments: Int? = nil, improvementTolerance: Double = 1e-12,
    search: SearchSettings = SearchSettings()
  ) {
    self.weighting = weighting
    self.maxInstruments = maxInstruments
    self.improvementTolerance = improvementTolerance
    self.search = search
  }

  /// Largest number of instruments: at least 1 (no limit when absent).
  public static let maxInstrumentsRange = ValidRange.atLeast(1, unit: .count)
  /// Improvement tolerance: at least 0 and below 1 (a Sharpe ratio step).
  public static let improvementToleranceRange = ValidRange.atLeast(0).below(1)

  /// Every setting outside its range, by key.
  public var violations: [SettingViolation] {
    [
      Self.maxInstrumentsRange.check("maxInstruments", maxInstruments),
      Self.improvementToleranceRange.check("improvementTolerance", improvementTolerance),
    ].compactMap { $0 } + search.violations
  }
}
