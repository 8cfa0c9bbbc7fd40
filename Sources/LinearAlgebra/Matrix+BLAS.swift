/// Matrix products through BLAS. Every product in Tradeable goes through these (or the pointer-based `BLAS` calls);
/// none is a scalar triple loop.
extension Matrix {
  /// The Gram matrix `AᵀA` (`columns × columns`), through one `dsyrk` and a copy of the upper triangle.
  public func gram(scale alpha: Double = 1) -> Matrix {
    var c = Matrix(rows: columns, columns: columns)
    storage.withUnsafeBufferPointer { a in
      c.storage.withUnsafeMutableBufferPointer { cp in
        BLAS.syrkUpper(
          .transpose, n: columns, k: rows, alpha: alpha, a: a.baseAddress!, lda: rows, beta: 0,
          c: cp.baseAddress!, ldc: columns)
      }
    }
    c.symmetrizeFromUpper()
    return c
  }

  /// `op(self) · op(other)` through `dgemm`.
  public func multiplied(
    by other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false, scale alpha: Double = 1
  ) -> Matrix {
    let m = transposingSelf ? columns : rows
    let k = transposingSelf ? rows : columns
    let k2 = transposingOther ? other.columns : other.rows
    let n = transposingOther ? other.rows : other.columns
    precondition(k == k2, "inner dimensions differ: \(k) and \(k2)")
    var c = Matrix(rows: m, columns: n)
    if m == 0 || n == 0 { return c }
    if k == 0 { return c }
    storage.withUnsafeBufferPointer { a in
      other.storage.withUnsafeBufferPointer { b in
        c.storage.withUnsafeMutableBufferPointer { cp in
          BLAS.gemm(
            transposingSelf ? .transpose : .none, transposingOther ? .transpose : .none, m: m, n: n, k: k,
            alpha: alpha, a: a.baseAddress!, lda: rows, b: b.baseAddress!, ldb: other.rows, beta: 0,
            c: cp.baseAddress!, ldc: m)
        }
      }
    }
    return c
  }

  /// `op(self) · x` through `dgemv`.
  public func multiplied(by x: [Double], transposingSelf: Bool = false) -> [Double] {
    precondition(x.count == (transposingSelf ? rows : columns), "vector length does not match the matrix")
    var y = [Double](repeating: 0, count: transposingSelf ? columns : rows)
    if rows == 0 || columns == 0 { return y }
    storage.withUnsafeBufferPointer { a in
      x.withUnsafeBufferPointer { xp in
        y.withUnsafeMutableBufferPointer { yp in
          BLAS.gemv(
            transposingSelf ? .transpose : .none, m: rows, n: columns, alpha: 1, a: a.baseAddress!, lda: rows,
            x: xp.baseAddress!, beta: 0, y: yp.baseAddress!)
        }
      }
    }
    return y
  }

  /// The quadratic form `xᵀ·self·x` (one `dgemv` and one dot product).
  public func quadraticForm(_ x: [Double]) -> Double {
    let ax = multiplied(by: x)
    return ax.withUnsafeBufferPointer { a in x.withUnsafeBufferPointer { b in BLAS.dot(n: x.count, a.baseAddress!, b.baseAddress!) } }
  }
}
