import CBLASLAPACK

/// Thin, typed wrappers over the CBLAS routines Tradeable uses. All matrices are column-major.
///
/// The pointer-based entry points take leading dimensions so that blocks of larger matrices can be passed without
/// copying; the `Matrix` conveniences in `Matrix+BLAS.swift` call them.
public enum BLAS {
  /// Whether an operand is used as is or transposed.
  public enum Transpose: Sendable {
    case none, transpose
    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
  }

  /// Symmetric rank-k update of the upper triangle: `C ← alpha·A·Aᵀ + beta·C` (`.none`, `A` is `n × k`) or
  /// `C ← alpha·Aᵀ·A + beta·C` (`.transpose`, `A` is `k × n`). Only the upper triangle of the `n × n` `C` is written.
  ///
  /// `dsyrk` does half the flops of `dgemm` for a symmetric product (n²k instead of 2n²k), which is why every
  /// Gram matrix in Tradeable goes through it.

  public static func syrkUpper(
    _ trans: Transpose, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    BLASGate.shared { syrkUpperUnlocked(trans, n: n, k: k, alpha: alpha, a: a, lda: lda, beta: beta, c: c, ldc: ldc) }
  }

  /// `syrkUpper` without the gate, for workers inside `singleThreaded`.
  static func syrkUpperUnlocked(
    _ trans: Transpose, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    guard n > 0 else { return }
    cblas_dsyrk(
      CblasColMajor, CblasUpper, trans.cblas, Int32(n), Int32(k), alpha, a, Int32(max(lda, 1)), beta, c,
      Int32(max(ldc, 1)))
  }

  /// `C ← alpha·op(A)·op(B) + beta·C` with `op(A)` of size `m × k` and `op(B)` of size `k × n`.

  public static func gemm(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double,
    c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    BLASGate.shared {
      gemmUnlocked(transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
  }

  /// `gemm` without the gate, for workers inside `singleThreaded`.
  static func gemmUnlocked(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double,
    c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    guard m > 0, n > 0 else { return }
    cblas_dgemm(
      CblasColMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha, a, Int32(max(lda, 1)), b,
      Int32(max(ldb, 1)), beta, c, Int32(max(ldc, 1)))
  }

  /// `y ← alpha·op(A)·x + beta·y` with `A` of size `m × n` (before `op`).

  public static func gemv(
    _ trans: Transpose, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
    x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>
  ) {
    guard m > 0, n > 0 else { return }
    BLASGate.shared {
      cblas_dgemv(CblasColMajor, trans.cblas, Int32(m), Int32(n), alpha, a, Int32(max(lda, 1)), x, 1, beta, y, 1)
    }
  }

  /// Which side the triangular matrix multiplies from in `trsm`.
  public enum Side: Sendable {
    case left, right
    var cblas: CBLAS_SIDE { self == .left ? CblasLeft : CblasRight }
  }

  /// Triangular solve with many right-hand sides, in place: `B ← alpha·op(U)⁻¹·B` (`.left`) or `B ← alpha·B·op(U)⁻¹`
  /// (`.right`), `U` an upper-triangular `k × k` matrix (e.g. a Cholesky factor), `B` of size `m × n`.
  public static func trsmUpper(
    _ side: Side, _ trans: Transpose, m: Int, n: Int, alpha: Double, u: UnsafePointer<Double>, ldu: Int,
    b: UnsafeMutablePointer<Double>, ldb: Int
  ) {
    guard m > 0, n > 0 else { return }
    BLASGate.shared {
    cblas_dtrsm(
      CblasColMajor, side.cblas, CblasUpper, trans.cblas, CblasNonUnit, Int32(m), Int32(n), alpha, u,
      Int32(max(ldu, 1)), b, Int32(max(ldb, 1)))
    }
  }

  /// Dot product of two contiguous vectors of length `n`.

  public static func dot(n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
    guard n > 0 else { return 0 }
    return BLASGate.shared { cblas_ddot(Int32(n), x, 1, y, 1) }
  }

  /// Number of threads OpenBLAS uses.
  public static var threadCount: Int { Int(openblas_get_num_threads()) }

  /// Runs `body` with OpenBLAS single-threaded and no other BLAS call in flight anywhere in the process, so that
  /// the caller's own workers can each run BLAS on separate data in their own thread (through the unlocked
  /// variants: the public wrappers would wait for the lock `body` holds), then restores the thread count.
  static func singleThreaded<R>(_ body: () throws -> R) rethrows -> R {
    try BLASGate.exclusive {
      let previous = openblas_get_num_threads()
      openblas_set_num_threads(1)
      defer { openblas_set_num_threads(previous) }
      return try body()
    }
  }
}
