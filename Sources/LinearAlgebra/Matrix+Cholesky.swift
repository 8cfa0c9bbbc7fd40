import CBLASLAPACK
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Cholesky factor `U` of a symmetric positive definite matrix, `A = UᵀU`, from LAPACK's `dpotrf`.
public struct CholeskyFactor: Sendable {
  /// Upper-triangular factor (the strict lower triangle is zero).
  public let upper: Matrix

  /// Solves `A·x = b` for one right-hand side (`dpotrs`).
  public func solve(_ b: [Double]) throws -> [Double] {
    let n = upper.rows
    precondition(b.count == n, "right-hand side has \(b.count) elements, expected \(n)")
    var x = b
    if n == 0 { return x }
    let info = upper.storage.withUnsafeBufferPointer { u in
      x.withUnsafeMutableBufferPointer { xp in
        BLASGate.shared { LAPACKE_dpotrs(
          LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), 1, u.baseAddress!, Int32(n), xp.baseAddress!,
          Int32(n)) }
      }
    }
    try LinearAlgebraError.check(info, "dpotrs") { _ in "unexpected failure in the triangular solves" }
    return x
  }

  /// The inverse `A⁻¹` (`dpotri`), full symmetric.
  public func inverse() throws -> Matrix {
    let n = upper.rows
    var a = upper
    if n == 0 { return a }
    let info = a.storage.withUnsafeMutableBufferPointer { ap in
      BLASGate.shared { LAPACKE_dpotri(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), ap.baseAddress!, Int32(n)) }
    }
    try LinearAlgebraError.check(info, "dpotri") { i in
      "the factor has a zero on its diagonal at position \(i); the matrix is singular"
    }
    a.symmetrizeFromUpper()
    return a
  }

  /// Log-determinant of `A` (twice the sum of the logs of the factor's diagonal).
  public var logDeterminant: Double {
    var s = 0.0
    for i in 0..<upper.rows { s += 2 * log(upper[i, i]) }
    return s
  }
}

extension Matrix {
  /// Cholesky factorisation of this symmetric positive definite matrix (upper triangle read), through `dpotrf`.
  ///
  /// Throws `LinearAlgebraError` with `info = k` when the leading minor of order `k` is not positive definite.
  public func cholesky() throws -> CholeskyFactor {
    precondition(isSquare, "Cholesky needs a square matrix")
    let n = rows
    var a = self
    if n > 0 {
      let info = a.storage.withUnsafeMutableBufferPointer { ap in
        BLASGate.shared { LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), ap.baseAddress!, Int32(n)) }
      }
      try LinearAlgebraError.check(info, "dpotrf") { i in
        "the leading minor of order \(i) is not positive definite; repair the matrix (clip its eigenvalues) first"
      }
    }
    for j in 0..<n { for i in (j + 1)..<n { a[i, j] = 0 } }
    return CholeskyFactor(upper: a)
  }
}
