import CBLASLAPACK

extension Matrix {
  /// Least-squares solution of `self · x ≈ b` for a full-column-rank `m × n` matrix with `m ≥ n`, through LAPACK's
  /// QR-based `dgels`. Returns the `n` coefficients.
  ///
  /// Throws `LinearAlgebraError` when the matrix is rank deficient (`dgels` reports a zero diagonal of R).
  public func leastSquares(_ b: [Double]) throws -> [Double] {
    precondition(b.count == rows, "right-hand side has \(b.count) elements, expected \(rows)")
    precondition(rows >= columns, "least squares needs at least as many rows as columns")
    if columns == 0 { return [] }
    var a = storage
    var x = b
    let info = a.withUnsafeMutableBufferPointer { ap in
      x.withUnsafeMutableBufferPointer { xp in
        BLASGate.shared { LAPACKE_dgels(
          LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(rows), Int32(columns), 1, ap.baseAddress!, Int32(rows),
          xp.baseAddress!, Int32(rows)) }
      }
    }
    try LinearAlgebraError.check(info, "dgels") { i in
      "the design matrix is rank deficient (diagonal element \(i) of its R factor is zero); drop a collinear column"
    }
    return Array(x.prefix(columns))
  }
}
