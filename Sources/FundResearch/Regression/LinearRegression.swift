import LinearAlgebra
import Tradeable

/// Ordinary least squares with the classical statistics, through LAPACK.
///
/// Coefficients come from `dgels` (QR; `Matrix.leastSquares`), which is accurate even when the factors are strongly
/// correlated. Their covariance `σ² (XᵀX)⁻¹` uses `XᵀX` from `dsyrk` (`Matrix.gram`) inverted through its Cholesky
/// factor (`dpotrf`, `dpotri`); `σ² = Σe² / (n − k)`. t-statistics are coefficient / standard error; p-values are
/// two-sided from Student's t with `n − k` degrees of freedom.
///
/// Two cases where those statistics mean nothing are reported as warnings instead of printed as numbers:
/// - a rank-deficient design: a regressor that is (numerically) a linear combination of the ones before it — or
///   constant beside the intercept — is *aliased*, as R's `lm` calls it: its coefficient is not estimated (`nil`) and
///   the fit runs on the other columns (`k` counts the estimated ones);
/// - an exact fit (`Σe² ≤ perfectFitTolerance × Σ(y − ȳ)²`, R² = 1 to twelve digits: the product *is* a combination
///   of the factors): estimates are kept, standard errors, t-statistics and p-values are `nil` (they would be ratios
///   of rounding noise, t of 1e17).
public struct LinearRegression: Sendable, Equatable {
  /// One coefficient.
  public struct Coefficient: Sendable, Equatable {
    /// `alpha` for the intercept, else the regressor's name.
    public var name: String
    /// The estimate; `nil` when the regressor is aliased (a combination of the others).
    public var estimate: Double?
    /// `√(σ² (XᵀX)⁻¹_jj)`; `nil` with no residual degree of freedom, an exact fit or an aliased regressor.
    public var standardError: Double?
    /// `estimate / standardError`.
    public var tStatistic: Double?
    /// Two-sided p-value of the t-statistic, `n − k` degrees of freedom.
    public var pValue: Double?
  }

  /// What makes some statistics meaningless.
  public enum Warning: Sendable, Equatable, CustomStringConvertible {
    /// The regressor is a linear combination of the ones before it (or constant beside the intercept):
    /// `unexplained` is the part of its sum of squares the others leave, `1 − R²` of it on them (uncentred).
    case aliased(name: String, unexplained: Double)
    /// The fit is exact: `Σe² / Σ(y − ȳ)²` (uncentred without an intercept) is at most `perfectFitTolerance`.
    case perfectFit(unexplained: Double)

    public var description: String {
      switch self {
      case .aliased(let name, let unexplained):
        return "rank-deficient design: '\(name)' is a linear combination of the other regressors"
          + (name == "alpha" ? "" : " or constant") + " (1 − R² on them = "
          + NumberFormat.scientific(max(unexplained, 0), digits: 1) + "); its coefficient is not estimated — drop it"
      case .perfectFit(let unexplained):
        return "the product's returns are an exact combination of the regressors (R² = 1, 1 − R² = "
          + NumberFormat.scientific(max(unexplained, 0), digits: 1) + "): standard errors, t-statistics and "
          + "p-values are not meaningful and are not given; is the product one of the factors?"
      }
    }
  }

  /// Intercept first (when fitted), then one per regressor in the given order.
  public var coefficients: [Coefficient]
  /// Observations n.
  public var observations: Int
  /// `n − k`, k the estimated coefficients.
  public var degreesOfFreedom: Int
  /// `1 − Σe² / Σ(y − ȳ)²` with an intercept; `1 − Σe² / Σy²` (uncentred) without.
  public var rSquared: Double?
  /// `1 − (1 − R²)(n − 1)/(n − k)` with an intercept, `1 − (1 − R²) n/(n − k)` without.
  public var adjustedRSquared: Double?
  /// `√(Σe² / (n − k))`, in the units of y.
  public var residualStandardError: Double?
  /// Residuals `y − Xb`, in observation order.
  public var residuals: [Double]
  /// Aliased regressors and an exact fit; empty when the statistics are all meaningful.
  public var warnings: [Warning]

  /// A regressor whose part not explained by the ones before it is below this fraction of its sum of squares
  /// (1 − R² < 1e-12, uncentred) makes the design rank deficient: about 4,500 units in the last place of a double, so
  /// rounding alone never gets there, and a genuine regressor (a factor that is not a combination of the others to
  /// twelve digits) never does either.
  public static let collinearityTolerance = 1e-12

  /// A fit leaving less than this fraction of the sum of squares unexplained (1 − R² ≤ 1e-12) is exact: the same
  /// margin over rounding as `collinearityTolerance`. A fund tracking an index to a basis point a day is far above it
  /// (1 − R² ≈ 1e-4).
  public static let perfectFitTolerance = 1e-12

  /// Fits `y = α + Σ βⱼ xⱼ + e` (without α when `intercept` is false). Needs `n ≥ k`. Throws `LinearAlgebraError`
  /// only when LAPACK fails on the design that is left after dropping aliased regressors.
  public init(y: [Double], regressors: [[Double]], names: [String], intercept: Bool = true) throws {
    precondition(regressors.count == names.count, "one name per regressor")
    let n = y.count
    let k = regressors.count + (intercept ? 1 : 0)
    precondition(regressors.allSatisfy { $0.count == n }, "every regressor has one value per observation")
    precondition(n >= k, "at least as many observations as coefficients")
    let columns = (intercept ? [[Double](repeating: 1, count: n)] : []) + regressors
    let allNames = (intercept ? ["alpha"] : []) + names
    let gram = Matrix(rows: n, columns: k, storage: columns.flatMap { $0 }).gram()

    // Keep each column in order unless it is a combination of the columns kept before it. With U the Cholesky factor
    // of the kept columns' XᵀX and this one, U_jj² is what is left of its sum of squares after projecting it on
    // them, so U_jj² / (XᵀX)_jj = 1 − R²_j (uncentred). dgels only fails on an exactly zero pivot; a column explained
    // to one part in 10¹² is dropped here instead of giving absurd standard errors.
    var kept: [Int] = []
    var warnings: [Warning] = []
    var factor: CholeskyFactor? = nil
    for j in 0..<k {
      let candidate = kept + [j]
      let unexplained: Double
      var trial: CholeskyFactor? = nil
      if gram[j, j] > 0, let f = try? gram.principalSubmatrix(candidate).cholesky() {
        let u = f.upper[candidate.count - 1, candidate.count - 1]
        unexplained = u * u / gram[j, j]
        trial = f
      } else {
        unexplained = 0
      }
      if unexplained >= LinearRegression.collinearityTolerance, let trial {
        kept = candidate
        factor = trial
      } else {
        warnings.append(.aliased(name: allNames[j], unexplained: unexplained))
      }
    }

    let design = Matrix(rows: n, columns: kept.count, storage: kept.flatMap { columns[$0] })
    let b = kept.isEmpty ? [] : try design.leastSquares(y)
    let fitted = kept.isEmpty ? [Double](repeating: 0, count: n) : design.multiplied(by: b)
    let residuals = zip(y, fitted).map { $0 - $1 }
    let sse = residuals.reduce(0) { $0 + $1 * $1 }
    let total: Double
    if intercept {
      let mean = y.reduce(0, +) / Double(n)
      total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    } else {
      total = y.reduce(0) { $0 + $1 * $1 }
    }
    let exact = total > 0 && sse <= LinearRegression.perfectFitTolerance * total
    if exact { warnings.append(.perfectFit(unexplained: sse / total)) }
    let dof = n - kept.count
    var covarianceDiagonal: [Double]? = nil
    if dof > 0, !exact, let factor {
      let inverse = try factor.inverse()
      let sigma2 = sse / Double(dof)
      covarianceDiagonal = kept.indices.map { sigma2 * inverse[$0, $0] }
    }
    var coefficients = allNames.map { Coefficient(name: $0) }
    for (position, j) in kept.enumerated() {
      let se = covarianceDiagonal.map { $0[position].squareRoot() }
      let t = se.flatMap { $0 > 0 ? b[position] / $0 : nil }
      coefficients[j] = Coefficient(
        name: allNames[j], estimate: b[position], standardError: se, tStatistic: t,
        pValue: t.map { StudentT.twoSidedPValue($0, degreesOfFreedom: Double(dof)) })
    }
    self.coefficients = coefficients
    observations = n
    degreesOfFreedom = dof
    let r2: Double? = total > 0 ? 1 - sse / total : nil
    rSquared = r2
    adjustedRSquared = dof > 0 ? r2.map { 1 - (1 - $0) * Double(intercept ? n - 1 : n) / Double(dof) } : nil
    residualStandardError = dof > 0 ? (sse / Double(dof)).squareRoot() : nil
    self.residuals = residuals
    self.warnings = warnings
  }
}
