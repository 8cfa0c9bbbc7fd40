/// Settings of the risk stage of FOF selection (DESIGN.md §8), with their defaults: the windows of a product's
/// volatility and of the correlations, and the positive-definiteness check of the correlation matrix (the same
/// thresholds as the futures', `CorrelationSettings`). Correlations have no floor: a fund cannot be shorted, so a
/// negative correlation is a real hedge.
public struct FundRiskSettings: Codable, Sendable, Equatable {
  /// Calendar months of returns behind a product's volatility (36).
  public var volatilityMonths: Int = 36
  /// Calendar months of monthly returns behind the correlations (60, five years).
  public var correlationMonths: Int = 60
  /// A correlation matrix whose smallest eigenvalue is below this is repaired (the futures' threshold, 1e-10).
  public var positiveDefiniteThreshold: Double = CorrelationSettings().positiveDefiniteThreshold
  /// Eigenvalues are clipped to this in the repair (the futures' floor, 1e-6).
  public var eigenvalueFloor: Double = CorrelationSettings().eigenvalueFloor
  /// Whether selection forms the full correlation matrix of the candidates (and repairs it) or computes only the rows
  /// of the products it picks from the monthly panel (the futures' `CorrelationMode`; automatic by default).
  public var correlationMode: CorrelationMode = CorrelationSettings().mode
  /// With `.automatic`, pools larger than this go matrix-free (the futures' 2,500): beyond it the `N × N` matrix and
  /// its positive-definite repair (an O(N³) eigen-decomposition) cost more than the whole rest of the run — minutes
  /// for the 10,000 products of a CTA database.
  public var matrixFreeThreshold: Int = CorrelationSettings().matrixFreeThreshold

  public init(
    volatilityMonths: Int = 36, correlationMonths: Int = 60,
    positiveDefiniteThreshold: Double = CorrelationSettings().positiveDefiniteThreshold,
    eigenvalueFloor: Double = CorrelationSettings().eigenvalueFloor,
    correlationMode: CorrelationMode = CorrelationSettings().mode,
    matrixFreeThreshold: Int = CorrelationSettings().matrixFreeThreshold
  ) {
    self.volatilityMonths = volatilityMonths
    self.correlationMonths = correlationMonths
    self.positiveDefiniteThreshold = positiveDefiniteThreshold
    self.eigenvalueFloor = eigenvalueFloor
    self.correlationMode = correlationMode
    self.matrixFreeThreshold = matrixFreeThreshold
  }

  /// Whether a pool of `count` products is selected matrix-free under these settings.
  public func usesMatrixFree(poolSize count: Int) -> Bool {
    CorrelationSettings(mode: correlationMode, matrixFreeThreshold: matrixFreeThreshold).usesMatrixFree(poolSize: count)
  }

  /// The correlation floor of FOF selection: none, i.e. the smallest correlation there is (−1), so that the core's
  /// `flooredCorrelation` leaves every pair as estimated.
  public static let noCorrelationFloor = -1.0
}
