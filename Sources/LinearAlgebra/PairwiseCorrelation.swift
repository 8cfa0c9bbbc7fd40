#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Pearson correlation of the columns of a panel with missing values, each pair over the rows both columns have
/// ("pairwise complete"), computed from matrix products rather than pair by pair.
///
/// With `X` the panel with missing entries set to zero and `M` its 0/1 mask, the sums each pair needs are four
/// products: `XᵀX` (Σ xᵢxⱼ over common rows), `XᵀM` (Σ xᵢ over the rows j has), `(X∘X)ᵀM` (Σ xᵢ² over the rows j has)
/// and `MᵀM` (the number of common rows). The two symmetric ones go through `dsyrk`, the other two through `dgemm`:
/// 6·N²·T flops in all for N columns and T rows. When no entry is missing one `dsyrk` (N²·T flops) suffices.
///
/// Each column is first centred on the mean of its own available rows. Correlation does not depend on such shifts,
/// but the one-pass formulas below lose digits when a column's mean is large against its spread; centring keeps
/// them accurate to ~1e-14.
public enum PairwiseCorrelation {
  /// The `N × N` correlation matrix of the `N` columns of `values` (`T × N`).
  ///
  /// - Parameters:
  ///   - values: the panel; entries where `mask` is 0 are ignored (they may hold anything, NaN included).
  ///   - mask: `T × N`, 1 where a value is present and 0 where it is missing; `nil` when every value is present.
  /// - Returns: unit diagonal; `NaN` off the diagonal where a pair has fewer than two common rows or one of the two
  ///   has zero variance over them. Values are clamped to [-1, 1].
  public static func correlation(values: Matrix, mask: Matrix?) -> Matrix {
    if let mask {
      return pairwiseComplete(values: values, mask: mask)
    }
    return complete(values: values)
  }

  /// Relative size below which a variance counts as zero: a constant column's computed variance is rounding noise of
  /// about 1e-16 of its sum of squares; anything below 1e-12 of it is not a real spread.
  static let zeroVarianceTolerance = 1e-12

  /// Complete panel: centre columns, one `dsyrk`, normalise by the diagonal.
  static func complete(values: Matrix) -> Matrix {
    let t = values.rows, n = values.columns
    var x = values
    x.storage.withUnsafeMutableBufferPointer { xp in
      for j in 0..<n {
        let column = UnsafeMutableBufferPointer(rebasing: xp[(j * t)..<((j + 1) * t)])
        var sum = 0.0
        for v in column { sum += v }
        let mean = t > 0 ? sum / Double(t) : 0
        for r in 0..<t { column[r] -= mean }
      }
    }
    var c = Matrix(rows: n, columns: n)
    x.storage.withUnsafeBufferPointer { xp in
      c.storage.withUnsafeMutableBufferPointer { cp in
        BLAS.syrkUpper(.transpose, n: n, k: t, alpha: 1, a: xp.baseAddress!, lda: t, beta: 0, c: cp.baseAddress!, ldc: n)
      }
    }
    var scale = [Double](repeating: .nan, count: n)
    for j in 0..<n {
      let ss = c[j, j]
      var sumSquares = 0.0
      for r in 0..<t { sumSquares += values[r, j] * values[r, j] }
      if t >= 2, ss > zeroVarianceTolerance * sumSquares, ss > 0 { scale[j] = 1 / ss.squareRoot() }
    }
    c.storage.withUnsafeMutableBufferPointer { cp in
      for j in 0..<n {
        for i in 0..<j {
          let r = cp[i + j * n] * scale[i] * scale[j]
          cp[i + j * n] = r.isNaN ? .nan : min(1, max(-1, r))
        }
        cp[j + j * n] = 1
      }
    }
    c.symmetrizeFromUpper()
    return c
  }

  /// Panel with gaps: the four products described on the type.
  static func pairwiseComplete(values: Matrix, mask: Matrix) -> Matrix {
    precondition(values.rows == mask.rows && values.columns == mask.columns, "values and mask differ in shape")
    let t = values.rows, n = values.columns
    // Centred, zero-filled X and its elementwise square.
    var x = Matrix(rows: t, columns: n)
    var x2 = Matrix(rows: t, columns: n)
    for j in 0..<n {
      var sum = 0.0, count = 0.0
      for r in 0..<t where mask[r, j] != 0 {
        sum += values[r, j]
        count += 1
      }
      let mean = count > 0 ? sum / count : 0
      for r in 0..<t where mask[r, j] != 0 {
        let v = values[r, j] - mean
        x[r, j] = v
        x2[r, j] = v * v
      }
    }
    var xx = Matrix(rows: n, columns: n)
    var mm = Matrix(rows: n, columns: n)
    var xm = Matrix(rows: n, columns: n)
    var qm = Matrix(rows: n, columns: n)
    x.storage.withUnsafeBufferPointer { xp in
      mask.storage.withUnsafeBufferPointer { mp in
        x2.storage.withUnsafeBufferPointer { x2p in
          xx.storage.withUnsafeMutableBufferPointer { c in
            BLAS.syrkUpper(.transpose, n: n, k: t, alpha: 1, a: xp.baseAddress!, lda: t, beta: 0, c: c.baseAddress!, ldc: n)
          }
          mm.storage.withUnsafeMutableBufferPointer { c in
            BLAS.syrkUpper(.transpose, n: n, k: t, alpha: 1, a: mp.baseAddress!, lda: t, beta: 0, c: c.baseAddress!, ldc: n)
          }
          xm.storage.withUnsafeMutableBufferPointer { c in
            BLAS.gemm(
              .transpose, .none, m: n, n: n, k: t, alpha: 1, a: xp.baseAddress!, lda: t, b: mp.baseAddress!, ldb: t,
              beta: 0, c: c.baseAddress!, ldc: n)
          }
          qm.storage.withUnsafeMutableBufferPointer { c in
            BLAS.gemm(
              .transpose, .none, m: n, n: n, k: t, alpha: 1, a: x2p.baseAddress!, lda: t, b: mp.baseAddress!, ldb: t,
              beta: 0, c: c.baseAddress!, ldc: n)
          }
        }
      }
    }
    // Combine into correlations, written over `xx`.
    xx.storage.withUnsafeMutableBufferPointer { c in
      mm.storage.withUnsafeBufferPointer { nn in
        xm.storage.withUnsafeBufferPointer { s in
          qm.storage.withUnsafeBufferPointer { q in
            for j in 0..<n {
              for i in 0..<j {
                c[i + j * n] = combine(
                  count: nn[i + j * n], sumXY: c[i + j * n], sumX: s[i + j * n], sumY: s[j + i * n],
                  sumXX: q[i + j * n], sumYY: q[j + i * n])
              }
              c[j + j * n] = 1
            }
          }
        }
      }
    }
    xx.symmetrizeFromUpper()
    return xx
  }

  /// Pearson correlation from the sums over `count` common rows; `NaN` when undefined.
  @inline(__always)
  static func combine(count: Double, sumXY: Double, sumX: Double, sumY: Double, sumXX: Double, sumYY: Double)
    -> Double
  {
    guard count >= 2 else { return .nan }
    let varianceX = sumXX - sumX * sumX / count
    let varianceY = sumYY - sumY * sumY / count
    guard varianceX > zeroVarianceTolerance * sumXX, varianceY > zeroVarianceTolerance * sumYY else { return .nan }
    let r = (sumXY - sumX * sumY / count) / (varianceX * varianceY).squareRoot()
    return min(1, max(-1, r))
  }
}
