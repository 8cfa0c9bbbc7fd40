import LinearAlgebra

/// Where an instrument ended up.
public enum InstrumentStatus: String, Sendable {
  /// In the chosen set.
  case selected
  /// Passed every filter but was not chosen.
  case eligible
  /// Failed at least one filter.
  case excluded
}

/// A selection at one capital, with everything the reports need.
public struct SelectionResult: Sendable {
  /// The capital-independent analysis it came from.
  public let analysis: UniverseAnalysis
  /// Settings, with `capital` set.
  public let settings: SelectionSettings
  /// Capital, base currency.
  public let capital: Double
  /// Screening of every instrument, input order, capital filter included.
  public let screening: [Screening]
  /// Input indices of the eligible instruments (the selection's candidates), input order.
  public let eligible: [Int]
  /// Correlation matrix the selection used (eligible order), after any repair.
  public let correlation: Matrix
  /// Positive-definiteness check of the eligible set's matrix.
  public let repair: CorrelationRepair
  /// The greedy path, in candidate indices (positions in `eligible`).
  public let path: SelectionPath

  /// Input indices of the selected instruments, in the order they were added.
  public var selected: [Int] { path.final?.members.map { eligible[$0] } ?? [] }

  /// Status of each instrument, input order.
  public var statuses: [InstrumentStatus] {
    var status = screening.map { $0.isEligible ? InstrumentStatus.eligible : .excluded }
    for i in selected { status[i] = .selected }
    return status
  }

  /// Number of excluded instruments per reason (an instrument may count under several).
  public var exclusionCounts: [(ExclusionReason, Int)] {
    ExclusionReason.allCases.map { reason in (reason, screening.filter { $0.reasons.contains(reason) }.count) }
  }

  /// Instruments.
  public var metrics: [InstrumentMetrics] { analysis.metrics }
  /// Specifications.
  public var instruments: [InstrumentSpecification] { analysis.universe.instruments }
}
