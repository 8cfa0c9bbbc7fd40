/// Settings of the risk stage's correlation estimate (DESIGN.md §3), with its defaults.
public struct CorrelationSettings: Codable, Sendable, Equatable {
  /// ISO weeks in the correlation window (260, five years).
  public var weeks: Int = 260
  /// Correlations below this are raised to it (0): a trend strategy can be long or short, so a negative price
  /// correlation is no promise of a hedge, and it would inflate the expected Sharpe ratio.
  public var floor: Double = 0
  /// Whether to form the full correlation matrix or compute only the rows of selected instruments.
  public var mode: CorrelationMode = .automatic
  /// With `.automatic`, pools larger than this go matrix-free (2,500): beyond it the `N × N` matrix and its
  /// positive-definite repair (an O(N³) eigen-decomposition) cost more than the whole rest of the run.
  public var matrixFreeThreshold: Int = 2_500
  /// Whether to check the matrix for positive definiteness and repair it (DESIGN.md §3). Only the full path can:
  /// matrix-free never has the matrix.
  public var repair: Bool = true
  /// A correlation matrix whose smallest eigenvalue is below this is repaired (1e-10): far below any eigenvalue a
  /// sound estimate has, far above rounding noise of the eigen-solver.
  public var positiveDefiniteThreshold: Double = 1e-10
  /// Eigenvalues are clipped to this in the repair (1e-6): positive definite with a condition number the Cholesky
  /// solves of the max-Sharpe weights can bear.
  public var eigenvalueFloor: Double = 1e-6

  public init(
    weeks: Int = 260, floor: Double = 0, mode: CorrelationMode = .automatic, matrixFreeThreshold: Int = 2_500,
    repair: Bool = true, positiveDefiniteThreshold: Double = 1e-10, eigenvalueFloor: Double = 1e-6
  ) {
    self.weeks = weeks
    self.floor = floor
    self.mode = mode
    self.matrixFreeThreshold = matrixFreeThreshold
    self.repair = repair
    self.positiveDefiniteThreshold = positiveDefiniteThreshold
    self.eigenvalueFloor = eigenvalueFloor
  }

  /// Whether a pool of `count` instruments is selected matrix-free under these settings.
  public func usesMatrixFree(poolSize count: Int) -> Bool {
    switch mode {
    case .full: return false
    case .matrixFree: return true
    case .automatic: return count > matrixFreeThreshold
    }
  }

  /// Correlation window: at least 2 ISO weeks (a correlation needs two weekly differences); a window longer than the
  /// data uses all of it, so its memory never exceeds the data's own.
  public static let weeksRange = ValidRange.atLeast(
    2, unit: .count, note: "a correlation needs two weekly differences; a window longer than the data uses all of it")
  /// Floor: a correlation, from -1 (no floor) to 1.
  public static let floorRange = ValidRange.between(-1, 1, note: "a correlation; -1 leaves every pair as estimated")
  /// Threshold of automatic matrix-free mode: 0 instruments or more (0: always matrix-free).
  public static let matrixFreeThresholdRange = ValidRange.atLeast(0, unit: .count)
  /// Positive-definiteness threshold: at least 0 and below 1 (an eigenvalue of a correlation matrix is at most its
  /// size, and the repair targets tiny ones).
  public static let positiveDefiniteThresholdRange = ValidRange.atLeast(0).below(1)
  /// Eigenvalue floor of the repair: above 0 and below 1 (1 would turn every matrix into the identity).
  public static let eigenvalueFloorRange = ValidRange.above(0).below(1)

  /// Every setting outside its range, by key.
  public var violations: [SettingViolation] {
    [
      Self.weeksRange.check("weeks", weeks),
      Self.floorRange.check("floor", floor),
      Self.matrixFreeThresholdRange.check("matrixFreeThreshold", matrixFreeThreshold),
      Self.positiveDefiniteThresholdRange.check("positiveDefiniteThreshold", positiveDefiniteThreshold),
      Self.eigenvalueFloorRange.check("eigenvalueFloor", eigenvalueFloor),
    ].compactMap { $0 }
  }
}
