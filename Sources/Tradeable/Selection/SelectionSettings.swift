/// Every number the method uses, with DESIGN.md's defaults. Each is also a command-line option.
public struct SelectionSettings: Sendable, Equatable {
  /// Capital to deploy, base currency. Required for selection; the capital filter is skipped when `nil`.
  public var capital: Double?
  /// Pre-cost Sharpe ratio assumed for every instrument (0.4): measured pre-cost Sharpes are too noisy to tell apart.
  public var preCostSR: Double = 0.4
  /// Instruments whose annual cost exceeds this many SR units are excluded (0.10).
  public var maxSRCost: Double = 0.10
  /// Contracts of the instrument held at its target position in the capital test (4): fewer and the position cannot be
  /// adjusted finely enough to follow the volatility target.
  public var maxContracts: Double = 4
  /// Cap on the instrument diversification multiplier (2.5).
  public var idmCap: Double = 2.5
  /// Largest weight one instrument is assumed to get in the standalone capital test (0.10).
  public var maxWeight: Double = 0.10
  /// Annualised volatility target of the whole portfolio, a fraction (0.20 = 20%).
  public var targetVolatility: Double = 0.20
  /// Correlations below this are raised to it (0): a trend strategy can be long or short, so a negative price
  /// correlation is no promise of a hedge.
  public var correlationFloor: Double = 0
  /// Largest number of instruments to select; `nil` for no limit.
  public var maxInstruments: Int? = nil
  /// How weights are set within a candidate set (equal, handcrafted, max-Sharpe).
  public var weighting: WeightingScheme = .equal
  /// Whether to form the full correlation matrix or compute only the rows of selected instruments.
  public var correlationMode: CorrelationMode = .automatic
  /// With `.automatic`, pools larger than this go matrix-free (2,500): beyond it the `N × N` matrix and its
  /// positive-definite repair (an O(N³) eigen-decomposition) cost more than the whole rest of the run.
  public var matrixFreeThreshold: Int = 2_500
  /// Whether to check the eligible set's matrix for positive definiteness and repair it (DESIGN.md §3). Only the full
  /// path can: matrix-free never has the matrix.
  public var repairCorrelation: Bool = true

  // Conventions of DESIGN.md §3–§6 that are settings too (same defaults for everyone; change them knowingly).

  /// Business days a year (256): a daily standard deviation × 16 is annual.
  public var businessDaysPerYear: Double = 256
  /// Daily differences in the volatility window (512, two years).
  public var volatilityWindow: Int = 512
  /// Fewer daily prices than this and the instrument fails the `history` filter (512).
  public var minimumHistory: Int = 512
  /// More weekdays than this without a price before the universe's last date and it is `stale` (10).
  public var staleWeekdays: Int = 10
  /// ISO weeks in the correlation window (260, five years).
  public var correlationWeeks: Int = 260
  /// Last daily rows averaged by the liquidity filter (20).
  public var liquidityDays: Int = 20
  /// Mean contracts a day below which an instrument is illiquid (100).
  public var minimumVolume: Double = 100
  /// Mean daily traded value, base currency, below which an instrument is illiquid (10,000,000).
  public var minimumTradedValue: Double = 10_000_000
  /// Span of the EWMA variance that drives volatility-targeting rebalances: `a = 2 / (span + 1)` (35, so 2/36).
  public var rebalanceSpan: Int = 35
  /// A step must raise the Sharpe ratio by more than this to be taken (1e-12, far below any real improvement but
  /// above rounding noise).
  public var improvementTolerance: Double = 1e-12
  /// A correlation matrix whose smallest eigenvalue is below this is repaired (1e-10).
  public var positiveDefiniteThreshold: Double = 1e-10
  /// Eigenvalues are clipped to this in the repair (1e-6).
  public var eigenvalueFloor: Double = 1e-6

  public init(capital: Double? = nil) { self.capital = capital }

  /// Whether a pool of `count` instruments is selected matrix-free under these settings.
  public func usesMatrixFree(poolSize count: Int) -> Bool {
    switch correlationMode {
    case .full: return false
    case .matrixFree: return true
    case .automatic: return count > matrixFreeThreshold
    }
  }

  /// The EWMA weight `a = 2 / (span + 1)`.
  public var rebalanceDecay: Double { 2 / Double(rebalanceSpan + 1) }

  /// √(business days a year): multiplies a daily standard deviation into an annual one (16).
  public var annualisation: Double { businessDaysPerYear.squareRoot() }
}
