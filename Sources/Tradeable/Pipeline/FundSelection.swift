/// A FOF selection at one capital: the fund counterpart of `SelectionResult`, flat — the entries, their measurements
/// and screening, the path and the portfolio, no correlation matrix. Every entry is named by its position among the
/// cleaned entries (the input order, managers merged where asked).
public struct FundSelection: Sendable {
  /// Capital, base currency.
  public let capital: Double
  /// The universe as a whole (source, currency, counts, last date, settings).
  public let universe: FundUniverseSummary
  /// Cleaned entries, input order.
  public let entries: [FundEntry]
  /// Measurements of every entry.
  public let metrics: [FundSelectionMetrics]
  /// Capital each entry needs alone at its best case.
  public let standaloneCapital: [Double?]
  /// Screening of every entry, capital filter included.
  public let screening: [Screening]
  /// Entry indices of the candidates, input order.
  public let eligible: [Int]
  /// The greedy path, in entry indices.
  public var path: SelectionPath { search.path }
  /// How the chosen set was found (DESIGN.md §6b), in entry indices.
  public let search: SearchOutcome
  /// The chosen set (members named by entry index).
  public let portfolio: Portfolio
  /// Positive-definiteness check of the pool's correlation matrix (made once, for every capital); matrix-free, of
  /// the chosen set's own matrix, never repaired.
  public let repair: CorrelationRepair
  /// Whether the selection worked matrix-free (`FundAnalysis.matrixFree`).
  public let matrixFree: Bool

  /// Settings of the run.
  public var settings: FundSelectionSettings { universe.settings }

  /// Entry indices of the selected products, in the order added.
  public var selected: [Int] { portfolio.indices }

  /// Why each entry is excluded; empty when eligible.
  public var reasons: [[ExclusionReason]] { screening.map(\.reasons) }

  /// Status of each entry.
  public var statuses: [InstrumentStatus] {
    var status = screening.map { $0.isEligible ? InstrumentStatus.eligible : .excluded }
    for k in selected { status[k] = .selected }
    return status
  }
}

/// What reports say about the fund universe a selection ran on, independent of the capital.
public struct FundUniverseSummary: Sendable {
  /// Where the NAVs came from.
  public var source: String
  /// The products file.
  public var productsFile: String?
  /// Currency of every amount.
  public var baseCurrency: String
  /// Codes of the input products (a manager series names its members by them).
  public var productCodes: [String]
  /// Latest NAV date.
  public var lastDate: CalendarDay?
  /// Entries that pass every filter but capital.
  public var poolSize: Int
  /// The smallest capital that admits a product.
  public var smallestWorkable: WorkableCapital?
  /// Pool pairs without a defined correlation, set to 0; `nil` when matrix-free (the pool's matrix is never formed).
  public var undefinedPairs: Int?
  /// Settings of the run.
  public var settings: FundSelectionSettings
}
