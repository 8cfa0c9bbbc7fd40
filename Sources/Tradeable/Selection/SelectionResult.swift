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
  /// Correlation matrix the selection used (eligible order), after the repair; `nil` when it was not formed for the
  /// eligible set: matrix-free, or the full path without the repair (which reads the pool's matrix in place rather
  /// than copying a submatrix).
  public let eligibleCorrelation: Matrix?
  /// Positive-definiteness check of the eligible set's matrix; `nil` when matrix-free (there is no matrix) or when
  /// the repair is turned off.
  public let repair: CorrelationRepair?
  /// The greedy path, in candidate indices (positions in `eligible`).
  public let path: SelectionPath
  /// Correlations of the selected set (selection order), `k × k`, as the selection used them.
  public let selectedCorrelation: Matrix

  init(
    analysis: UniverseAnalysis, settings: SelectionSettings, capital: Double, screening: [Screening], eligible: [Int],
    eligibleCorrelation: Matrix?, repair: CorrelationRepair?, path: SelectionPath, rows: (any CorrelationRows)? = nil,
    matrixFree: Bool
  ) {
    self.matrixFree = matrixFree
    self.analysis = analysis
    self.settings = settings
    self.capital = capital
    self.screening = screening
    self.eligible = eligible
    self.eligibleCorrelation = eligibleCorrelation
    self.repair = repair
    self.path = path
    let members = path.final?.members ?? []
    if let eligibleCorrelation {
      selectedCorrelation = eligibleCorrelation.principalSubmatrix(members)
    } else if let rows {
      var c = Matrix(rows: members.count, columns: members.count)
      for (a, m) in members.enumerated() {
        let row = rows.row(m)
        for (b, other) in members.enumerated() { c[b, a] = row[other] }
      }
      selectedCorrelation = c
    } else {
      selectedCorrelation = Matrix(rows: 0, columns: 0)
    }
  }

  /// Whether the selection was matrix-free.
  public let matrixFree: Bool

  /// Smallest eigenvalue of the selected set's correlation matrix (`nil` with fewer than two members): positive
  /// means its variance estimates are sound; checked on both paths, the only check matrix-free selection can make.
  public var selectedSmallestEigenvalue: Double? {
    selectedCorrelation.rows < 2 ? nil : try? selectedCorrelation.smallestEigenvalue()
  }

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
