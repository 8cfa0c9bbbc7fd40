import CBLASLAPACK

/// Eigen-decomposition of a symmetric matrix through LAPACK's divide-and-conquer `dsyevd`.
public struct SymmetricEigenDecomposition: Sendable {
  /// Eigenvalues in ascending order.
  public let values: [Double]
  /// Orthonormal eigenvectors, one per column, in the order of `values`; `nil` when only values were asked for.
  public let vectors: Matrix?
}

extension Matrix {
  /// Eigenvalues (ascending) and, if `vectors` is true, eigenvectors of this symmetric matrix.
  ///
  /// Only the upper triangle is read. Throws `LinearAlgebraError` if `dsyevd` does not converge.
  public func symmetricEigen(vectors wantVectors: Bool = true) throws -> SymmetricEigenDecomposition {
    precondition(isSquare, "eigen-decomposition needs a square matrix")
    let n = rows
    if n == 0 { return SymmetricEigenDecomposition(values: [], vectors: wantVectors ? Matrix(rows: 0, columns: 0) : nil) }
    var a = storage
    var w = [Double](repeating: 0, count: n)
    let jobz = Int8(UInt8(ascii: wantVectors ? "V" : "N"))
    let uplo = Int8(UInt8(ascii: "U"))
    let info = a.withUnsafeMutableBufferPointer { ap in
      w.withUnsafeMutableBufferPointer { wp in
        BLASGate.shared { LAPACKE_dsyevd(LAPACK_COL_MAJOR, jobz, uplo, Int32(n), ap.baseAddress!, Int32(n), wp.baseAddress!) }
      }
    }
    try LinearAlgebraError.check(info, "dsyevd") { _ in
      "the eigenvalue algorithm did not converge; the matrix may hold NaN or infinite values"
    }
    return SymmetricEigenDecomposition(
      values: w, vectors: wantVectors ? Matrix(rows: n, columns: n, storage: a) : nil)
  }

  /// Smallest eigenvalue of this symmetric matrix (values only, no vectors).
  public func smallestEigenvalue() throws -> Double {
    try symmetricEigen(vectors: false).values.first ?? .infinity
  }
}
