import LinearAlgebra

/// What the positive-definiteness check found and did (DESIGN.md §3).
public struct CorrelationRepair: Sendable, Equatable {
  /// Smallest eigenvalue of the matrix as given (`+∞` for an empty matrix).
  public var smallestEigenvalue: Double
  /// Whether the matrix was rebuilt.
  public var repaired: Bool
  /// Eigenvalues raised to the floor in the repair.
  public var clippedEigenvalues: Int

  public init(smallestEigenvalue: Double, repaired: Bool, clippedEigenvalues: Int) {
    self.smallestEigenvalue = smallestEigenvalue
    self.repaired = repaired
    self.clippedEigenvalues = clippedEigenvalues
  }
}

/// Makes a correlation matrix positive definite if it is not.
///
/// Pairwise-complete estimates (each pair over its own weeks) and the correlation floor can both produce a matrix
/// that is not positive semi-definite, and then `wᵀCw` can be negative or too small, and the Sharpe ratio of a
/// portfolio absurd. If the smallest eigenvalue is below `threshold` (1e-10) the matrix is rebuilt as
/// `V·diag(max(λ, floor))·Vᵀ` (floor 1e-6) through `dsyevd` and `dsyrk`, and rescaled to unit diagonal.
public func repairCorrelation(_ matrix: Matrix, threshold: Double = 1e-10, floor: Double = 1e-6) throws
  -> (matrix: Matrix, repair: CorrelationRepair)
{
  let n = matrix.rows
  guard n > 0 else {
    return (matrix, CorrelationRepair(smallestEigenvalue: .infinity, repaired: false, clippedEigenvalues: 0))
  }
  let smallest = try matrix.smallestEigenvalue()
  guard smallest < threshold else {
    return (matrix, CorrelationRepair(smallestEigenvalue: smallest, repaired: false, clippedEigenvalues: 0))
  }
  let eigen = try matrix.symmetricEigen(vectors: true)
  var scaled = eigen.vectors!
  var clipped = 0
  for k in 0..<n {
    var lambda = eigen.values[k]
    if lambda < floor {
      lambda = floor
      clipped += 1
    }
    let s = lambda.squareRoot()
    for i in 0..<n { scaled[i, k] *= s }
  }
  // C = (V·√Λ)(V·√Λ)ᵀ through dsyrk.
  var rebuilt = Matrix(rows: n, columns: n)
  scaled.storage.withUnsafeBufferPointer { a in
    rebuilt.storage.withUnsafeMutableBufferPointer { c in
      BLAS.syrkUpper(.none, n: n, k: n, alpha: 1, a: a.baseAddress!, lda: n, beta: 0, c: c.baseAddress!, ldc: n)
    }
  }
  var inverseRoot = [Double](repeating: 0, count: n)
  for i in 0..<n { inverseRoot[i] = 1 / rebuilt[i, i].squareRoot() }
  for j in 0..<n {
    for i in 0..<j { rebuilt[i, j] *= inverseRoot[i] * inverseRoot[j] }
    rebuilt[j, j] = 1
  }
  rebuilt.symmetrizeFromUpper()
  return (rebuilt, CorrelationRepair(smallestEigenvalue: smallest, repaired: true, clippedEigenvalues: clipped))
}
