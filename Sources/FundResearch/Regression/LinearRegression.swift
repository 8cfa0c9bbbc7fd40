import LinearAlgebra
import Tradeable

/// Ordinary least squares with the classical statistics, through LAPACK (issue 4 item 5).
///
/// Coefficients come from `dgels` (QR; `Matrix.leastSquares`), which is accurate even when the factors are strongly
/// correlated. Their covariance `σ² (XᵀX)⁻¹` uses `XᵀX` from `dsyrk` (`Matrix.gram`) inverted through its Cholesky
/// factor (`dpotrf`, `dpotri`); `σ² = Σe² / (n − k)`. t-statistics are coefficient / standard error; p-values are
/// two-sided from Student's t with `n − k` degrees of freedom.
public struct LinearRegression: Sendable, Equatable {
  /// One estimated coefficient.
  public struct Coefficient: Sendable, Equatable {
    /// `alpha` for the intercept, else the regressor's name.
    public var name: String
    public var estimate: Double
    /// `√(σ² (XᵀX)⁻¹_jj)`; `nil` with no residual degree of freedom.
    public var standardError: Double?
    /// `estimate / standardError`.
    public var tStatistic: Double?
    /// Two-sided p-value of the t-statistic, `n − k` degrees of freedom.
    public var pValue: Double?
  }

  /// Intercept first (when fitted), then one per regressor in the given order.
  public var coefficients: [Coefficient]
  /// Observations n.
  public var observations: Int
  /// `n − k`.
  public var degreesOfFreedom: Int
  /// `1 − Σe² / Σ(y − ȳ)²` with an intercept; `1 − Σe² / Σy²` (uncentred) without.
  public var rSquared: Double?
  /// `1 − (1 − R²)(n − 1)/(n − k)` with an intercept, `1 − (1 − R²) n/(n − k)` without.
  public var adjustedRSquared: Double?
  /// `√(Σe² / (n − k))`, in the units of y.
  public var residualStandardError: Double?
  /// Residuals `y − Xb`, in observation order.
  public var residuals: [Double]

  /// A regressor whose part not explained by the ones before it is below this fraction of its sum of squares
  /// (1 − R² < 1e-12) makes the design collinear.
  public static let collinearityTolerance = 1e-12

  /// The error for a collinear design.
  static func collinear(_ name: String, unexplained: Double) -> LinearAlgebraError {
    LinearAlgebraError(
      routine: "dgels", info: 1,
      explanation: "'\(name)' is (almost) a linear combination of the other regressors"
        + (name == "alpha" ? "" : " or constant") + "; drop it")
  }

  /// Fits `y = α + Σ βⱼ xⱼ + e` (without α when `intercept` is false).
  ///
  /// Throws `LinearAlgebraError` when the design matrix is (numerically) rank deficient: a regressor is a
  /// combination of others, or constant alongside the intercept. Needs `n ≥ k`.
  public init(y: [Double], regressors: [[Double]], names: [String], intercept: Bool = true) throws {
    precondition(regressors.count == names.count, "one name per regressor")
    let n = y.count
    let k = regressors.count + (intercept ? 1 : 0)
    precondition(regressors.allSatisfy { $0.count == n }, "every regressor has one value per observation")
    precondition(n >= k, "at least as many observations as coefficients")
    var storage: [Double] = []
    storage.reserveCapacity(n * k)
    if intercept { storage += [Double](repeating: 1, count: n) }
    for x in regressors { storage += x }
    let design = Matrix(rows: n, columns: k, storage: storage)
    let allNames = (intercept ? ["alpha"] : []) + names
    // Collinearity check on the Cholesky factor U of XᵀX: U_jj² is what is left of column j's sum of squares after
    // projecting it on the columns before it, so U_jj² / (XᵀX)_jj = 1 − R²_j (uncentred). dgels only fails on an
    // exactly zero pivot; a column explained to 1 part in 10¹² is rejected here instead of giving absurd errors.
    let gram = design.gram()
    let factor: CholeskyFactor
    do {
      factor = try gram.cholesky()
    } catch let error as LinearAlgebraError {
      throw LinearRegression.collinear(allNames[max(0, Int(error.info) - 1)], unexplained: 0)
    }
    for j in 0..<k {
      let unexplained = factor.upper[j, j] * factor.upper[j, j] / gram[j, j]
      if !(unexplained >= LinearRegression.collinearityTolerance) {
        throw LinearRegression.collinear(allNames[j], unexplained: unexplained)
      }
    }
    let b = try design.leastSquares(y)
    let fitted = design.multiplied(by: b)
    let residuals = zip(y, fitted).map { $0 - $1 }
    let sse = residuals.reduce(0) { $0 + $1 * $1 }
    let dof = n - k
    var covarianceDiagonal: [Double]? = nil
    if dof > 0 {
      let inverse = try factor.inverse()
      let sigma2 = sse / Double(dof)
      covarianceDiagonal = (0..<k).map { sigma2 * inverse[$0, $0] }
    }
    coefficients = (0..<k).map { j in
      let se = covarianceDiagonal.map { $0[j].squareRoot() }
      let t = se.flatMap { $0 > 0 ? b[j] / $0 : nil }
      return Coefficient(
        name: allNames[j], estimate: b[j], standardError: se, tStatistic: t,
        pValue: t.map { StudentT.twoSidedPValue($0, degreesOfFreedom: Double(dof)) })
    }
    let total: Double
    if intercept {
      let mean = y.reduce(0, +) / Double(n)
      total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    } else {
      total = y.reduce(0) { $0 + $1 * $1 }
    }
    observations = n
    degreesOfFreedom = dof
    let r2: Double? = total > 0 ? 1 - sse / total : nil
    rSquared = r2
    adjustedRSquared = dof > 0 ? r2.map { 1 - (1 - $0) * Double(intercept ? n - 1 : n) / Double(dof) } : nil
    residualStandardError = dof > 0 ? (sse / Double(dof)).squareRoot() : nil
    self.residuals = residuals
  }
}
