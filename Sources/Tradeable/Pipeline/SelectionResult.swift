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

/// A selection at one capital: flat, with what the reports need and nothing else — no price histories, panels or
/// `N × N` matrices. Every instrument is named by its input index; the path and the portfolio speak of input
/// instruments only.
public struct SelectionResult: Sendable {
  /// Capital, base currency.
  public let capital: Double
  /// The universe as a whole (source, currency, counts, last date, settings).
  public let universe: UniverseSummary
  /// Specifications of every instrument, input order.
  public let instruments: [InstrumentSpecification]
  /// Metrics of every instrument, input order.
  public let metrics: [InstrumentMetrics]
  /// Capital each instrument needs alone at its best case, input order.
  public let standaloneCapital: [Double?]
  /// Screening of every instrument, input order, capital filter included.
  public let screening: [Screening]
  /// Input indices of the eligible instruments (the selection's candidates), input order.
  public let eligible: [Int]
  /// The greedy path, in input indices.
  public let path: SelectionPath
  /// How the chosen set was found (DESIGN.md §6b): the winning start, its refinement moves, the exact search's proof;
  /// in input indices.
  public let search: SearchOutcome
  /// The chosen set.
  public let portfolio: Portfolio
  /// The correlation estimate as the selection used it.
  public let correlation: CorrelationSummary

  public init(
    capital: Double, universe: UniverseSummary, instruments: [InstrumentSpecification], metrics: [InstrumentMetrics],
    standaloneCapital: [Double?], screening: [Screening], eligible: [Int], search: SearchOutcome, portfolio: Portfolio,
    correlation: CorrelationSummary
  ) {
    self.capital = capital
    self.universe = universe
    self.instruments = instruments
    self.metrics = metrics
    self.standaloneCapital = standaloneCapital
    self.screening = screening
    self.eligible = eligible
    self.path = search.path
    self.search = search
    self.portfolio = portfolio
    self.correlation = correlation
  }

  /// Settings of the run.
  public var settings: PipelineSettings { universe.settings }

  /// Input indices of the selected instruments, in the order they were added.
  public var selected: [Int] { portfolio.indices }

  /// Status of each instrument, input order.
  public var statuses: [InstrumentStatus] {
    var status = screening.map { $0.isEligible ? InstrumentStatus.eligible : .excluded }
    for i in selected { status[i] = .selected }
    return status
  }

  /// Number of excluded instruments per reason of the pipeline's filters, in pipeline order (an instrument may count
  /// under several).
  public var exclusionCounts: [(ExclusionReason, Int)] {
    settings.filters.all.filters.map { filter in
      (filter.reason, screening.filter { $0.reasons.contains(filter.reason) }.count)
    }
  }
}

/// The correlation estimate as a selection used it: how it was computed, whether it was repaired, and the chosen set's
/// own `k × k` matrix.
public struct CorrelationSummary: Sendable {
  /// Whether the selection was matrix-free (only the rows of selected instruments computed).
  public var matrixFree: Bool
  /// Instruments in the pool (every filter but capital).
  public var poolSize: Int
  /// ISO weeks of the panel.
  public var weeks: Int
  /// Whether some instrument lacks some week of the window.
  public var panelHasGaps: Bool
  /// Instruments that pass every filter at this capital.
  public var eligibleCount: Int
  /// Pool pairs without a defined correlation, set to 0 before the floor; `nil` when matrix-free.
  public var undefinedPairs: Int?
  /// Positive-definiteness check of the matrix the selection used; `nil` when matrix-free or with the repair off.
  public var repair: CorrelationRepair?
  /// Correlations of the selected set (selection order), `k × k`, as the selection used them (repaired when the
  /// matrix was repaired).
  public var selected: Matrix
  /// The same pairs after the floor and before any repair, `k × k`: what the repair started from. Equal to
  /// `selected` when nothing was repaired.
  public var selectedFloored: Matrix

  public init(
    matrixFree: Bool, poolSize: Int, weeks: Int, panelHasGaps: Bool, eligibleCount: Int, undefinedPairs: Int?,
    repair: CorrelationRepair?, selected: Matrix, selectedFloored: Matrix? = nil
  ) {
    self.matrixFree = matrixFree
    self.poolSize = poolSize
    self.weeks = weeks
    self.panelHasGaps = panelHasGaps
    self.eligibleCount = eligibleCount
    self.undefinedPairs = undefinedPairs
    self.repair = repair
    self.selected = selected
    self.selectedFloored = selectedFloored ?? selected
  }

  /// How far the repair moved the chosen set's correlations: the largest `|selected − selectedFloored|` over its
  /// pairs, and the pair (positions in the set, `i < j`; the first in column order on ties); `nil` with fewer than
  /// two members. 0 when nothing was repaired.
  public var largestRepairChange: (change: Double, first: Int, second: Int)? {
    let k = selected.rows
    guard k >= 2, selectedFloored.rows == k else { return nil }
    var best = (change: -1.0, first: 0, second: 1)
    for j in 1..<k {
      for i in 0..<j {
        let change = abs(selected[i, j] - selectedFloored[i, j])
        if change > best.change { best = (change, i, j) }
      }
    }
    return best
  }

  /// Smallest eigenvalue of the selected set's correlation matrix (`nil` with fewer than two members): positive
  /// means its variance estimates are sound; checked on both paths, the only check matrix-free selection can make.
  public var selectedSmallestEigenvalue: Double? {
    selected.rows < 2 ? nil : try? selected.smallestEigenvalue()
  }
}
