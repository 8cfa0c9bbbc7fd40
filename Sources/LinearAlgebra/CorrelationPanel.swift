import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `T × N` panel of observations (rows = weeks, columns = instruments), prepared once for Pearson correlations:
/// the whole `N × N` matrix through blocked BLAS products, or only the rows of chosen columns (matrix-free).
///
/// **Complete panel** (no missing value): every column is centred and scaled to unit length, so the correlation
/// matrix is the Gram matrix `XᵀX` — one `dsyrk`, `N²·T` flops.
///
/// **Panel with gaps**: correlations are pairwise complete — each pair over the rows both columns have. With `X` the
/// centred panel with missing entries set to zero and `M` its 0/1 mask, a pair needs six sums, all entries of four
/// matrix products: `XᵀX` (Σ xᵢxⱼ), `XᵀM` (Σ xᵢ over the rows j has, and its transpose), `(X∘X)ᵀM` (Σ xᵢ² likewise)
/// and `MᵀM` (common rows): `6·N²·T` flops in all (the two symmetric products at half price). The matrix is built in
/// column blocks of the upper triangle, each block a handful of `dgemm` calls (and `dsyrk` on its diagonal part for
/// the symmetric products), so the working memory beyond the output is `6·N·b` numbers for a block of `b` columns —
/// `N = 20,000` needs the 3.2 GB output and about 250 MB besides.
///
/// Columns are centred on the mean of their own available rows: correlation does not depend on such shifts, but the
/// one-pass formulas lose digits when a mean is large against the spread (futures prices in the thousands moving by
/// tens); centred, they agree with a two-pass computation to about 1e-14.
public struct CorrelationPanel: Sendable {
  /// Rows (observations, e.g. weeks).
  public let rows: Int
  /// Columns (series, e.g. instruments).
  public let columns: Int
  /// Whether some value is missing (the pairwise-complete path).
  public let hasGaps: Bool
  /// Complete: centred, unit-length columns. Gaps: centred over available rows, zero where missing.
  let x: [Double]
  /// Gaps only: `x∘x`.
  let squares: [Double]
  /// Gaps only: the 0/1 mask.
  let mask: [Double]
  /// Complete only: whether the column varies (a constant column has no correlation with anything).
  let varies: [Bool]

  /// Which triangle of a symmetric result is written.
  public enum Triangle: Sendable {
    /// Upper triangle and diagonal only (what `dsyrk` writes); the strict lower triangle is left as it was.
    case upper
    /// Both triangles.
    case full
  }

  /// Relative size below which a variance counts as zero: a constant column's computed variance is rounding noise
  /// of about 1e-16 of its sum of squares; anything below 1e-12 of it is not a real spread.
  public static let zeroVarianceTolerance = 1e-12

  /// Prepares `values` (`T × N`); `mask` is 1 where a value is present and 0 where it is missing (those entries may
  /// hold anything, NaN included), or `nil` when every value is present. The panel takes over the storage of both.
  public init(values: consuming Matrix, mask: consuming Matrix?) {
    let t = values.rows, n = values.columns
    rows = t
    columns = n
    var x = values.storage
    if let mask {
      precondition(mask.rows == t && mask.columns == n, "values and mask differ in shape")
      hasGaps = true
      var squares = [Double](repeating: 0, count: t * n)
      let m = mask.storage
      x.withUnsafeMutableBufferPointer { xp in
        squares.withUnsafeMutableBufferPointer { sp in
          m.withUnsafeBufferPointer { mp in
            let xb = xp.baseAddress!, sb = sp.baseAddress!, mb = mp.baseAddress!
            parallelChunks(n) { range in
              for j in range {
                let column = j * t
                var sum = 0.0, count = 0.0
                for r in 0..<t where mb[column + r] != 0 {
                  sum += xb[column + r]
                  count += 1
                }
                let mean = count > 0 ? sum / count : 0
                for r in 0..<t {
                  if mb[column + r] != 0 {
                    let v = xb[column + r] - mean
                    xb[column + r] = v
                    sb[column + r] = v * v
                  } else {
                    xb[column + r] = 0
                  }
                }
              }
            }
          }
        }
      }
      self.squares = squares
      self.mask = m
      self.varies = []
    } else {
      hasGaps = false
      var varies = [Bool](repeating: false, count: n)
      x.withUnsafeMutableBufferPointer { xp in
        varies.withUnsafeMutableBufferPointer { vp in
          let xb = xp.baseAddress!, vb = vp.baseAddress!
          parallelChunks(n) { range in
            for j in range {
              let column = j * t
              var sum = 0.0, raw = 0.0
              for r in 0..<t {
                sum += xb[column + r]
                raw += xb[column + r] * xb[column + r]
              }
              let mean = t > 0 ? sum / Double(t) : 0
              var squares = 0.0
              for r in 0..<t {
                let v = xb[column + r] - mean
                xb[column + r] = v
                squares += v * v
              }
              if t >= 2, squares > 0, squares > CorrelationPanel.zeroVarianceTolerance * raw {
                let scale = 1 / squares.squareRoot()
                for r in 0..<t { xb[column + r] *= scale }
                vb[j] = true
              } else {
                for r in 0..<t { xb[column + r] = 0 }
              }
            }
          }
        }
      }
      self.squares = []
      self.mask = []
      self.varies = varies
    }
    self.x = x
  }

  /// Flops the full matrix needs: `N²·T` complete, `6·N²·T` with gaps (symmetric products counted once).
  public static func flops(columns n: Int, rows t: Int, gaps: Bool) -> Double {
    Double(n) * Double(n) * Double(t) * (gaps ? 6 : 1)
  }

  /// The `N × N` correlation matrix: unit diagonal, NaN where a pair has fewer than two common rows or one of the
  /// two does not vary over them, values clamped to [-1, 1] (in the triangles written).
  public func matrix(triangle: Triangle = .full) -> Matrix {
    var output = Matrix(rows: columns, columns: columns)
    fill(&output, triangle: triangle)
    return output
  }

  /// Writes the correlation matrix into `output` (`N × N`), reusing its storage.
  public func fill(_ output: inout Matrix, triangle: Triangle = .full) {
    precondition(output.rows == columns && output.columns == columns, "output must be \(columns) × \(columns)")
    let n = columns
    guard n > 0 else { return }
    output.storage.withUnsafeMutableBufferPointer { op in
      let out = op.baseAddress!
      if hasGaps {
        fillPairwiseComplete(out)
      } else {
        fillComplete(out)
      }
      if triangle == .full { mirrorUpperToLower(out, n, clamp: true) }
    }
  }

  /// Complete panel: one `dsyrk`; the diagonal set to 1, the row and column of a constant series to NaN (O(N) per
  /// such series: nothing else touches the matrix, so the kernel runs at `dsyrk`'s rate). Entries of unit-length
  /// columns can exceed 1 in magnitude by a few ulps of rounding; the `.full` output clamps them while mirroring.
  func fillComplete(_ out: UnsafeMutablePointer<Double>) {
    let n = columns, t = rows
    x.withUnsafeBufferPointer { xp in
      BLAS.syrkUpper(.transpose, n: n, k: t, alpha: 1, a: xp.baseAddress!, lda: t, beta: 0, c: out, ldc: n)
    }
    for j in 0..<n {
      out[j * n + j] = 1
      if !varies[j] {
        for i in 0..<j { out[j * n + i] = .nan }
        for i in (j + 1)..<n { out[i * n + j] = .nan }
      }
    }
  }

  /// Tile size for the gap path: square `s × s` tiles of the upper triangle, at most 512 — a tile's products (`6·s²`
  /// numbers, 12.6 MB at 512) stay in the 32 MB L3 cache while they are combined, and single-threaded `dgemm` on
  /// 512 × 512 × 260 runs at half the two-core `dsyrk` rate, i.e. at full rate per core — and small enough that there
  /// are at least ten tiles to share out between the cores (four tiles a side).
  static func tileSize(_ n: Int) -> Int {
    if n <= 128 { return max(n, 1) }
    let quarter = (n + 3) / 4
    return min(512, max(128, (quarter + 31) / 32 * 32))
  }

  /// Panel with gaps: the upper triangle tile by tile, each tile's products combined while they are still in cache.
  ///
  /// The centred values and the mask are interleaved per tile, `[X_J | M_J]` (`T × 2s`), so that one `dgemm`,
  /// `[X_I | M_I]ᵀ·[X_J | M_J]`, yields four of the six sums at once (`XᵀX`, `XᵀM`, `MᵀX`, `MᵀM`) and two more give
  /// the squares (`(X∘X)_Iᵀ·M_J`, `M_Iᵀ·(X∘X)_J`): three calls a tile, no wasted flops. A diagonal tile needs one
  /// `dsyrk` of `[X_J | M_J]` (its top-right block holds `XᵀM` both ways round) and one `dgemm` `(X∘X)_Jᵀ·M_J`.
  ///
  /// Tiles are shared out among the cores, each core running single-threaded BLAS on its tile and combining it from
  /// its own cache: no thread hand-offs between the products and the combination (OpenBLAS's own threading would
  /// synchronise every call and leave its workers spinning while the tile is combined).
  func fillPairwiseComplete(_ out: UnsafeMutablePointer<Double>) {
    let n = columns, t = rows
    let size = Self.tileSize(n)
    let tileCount = (n + size - 1) / size
    // [X_J | M_J] for every tile J, contiguous: tile J starts at 2·j0·T.
    let interleaved = UnsafeMutablePointer<Double>.allocate(capacity: 2 * n * t)
    defer { interleaved.deallocate() }
    // The upper-triangle tiles, most expensive (off-diagonal) first.
    var tiles: [(Int, Int)] = []
    for j in 0..<tileCount { for i in 0..<j { tiles.append((i * size, j * size)) } }
    for j in 0..<tileCount { tiles.append((j * size, j * size)) }
    let workers = max(1, min(activeProcessorCount, tiles.count))
    let next = Atomic<Int>(0)
    x.withUnsafeBufferPointer { xp in
      squares.withUnsafeBufferPointer { sp in
        mask.withUnsafeBufferPointer { mp in
          nonisolated(unsafe) let x = xp.baseAddress!, q = sp.baseAddress!, m = mp.baseAddress!
          nonisolated(unsafe) let panel = interleaved
          nonisolated(unsafe) let output = out
          parallelChunks(tileCount) { range in
            for tile in range {
              let c0 = tile * size, w = min(size, n - c0)
              (panel + 2 * c0 * t).update(from: x + c0 * t, count: w * t)
              (panel + 2 * c0 * t + w * t).update(from: m + c0 * t, count: w * t)
            }
          }
          let schedule = tiles
          BLAS.singleThreaded {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
              // Workspace (uninitialised: dgemm/dsyrk write every entry read, beta = 0).
              let g1 = UnsafeMutablePointer<Double>.allocate(capacity: 4 * size * size)
              let g2 = UnsafeMutablePointer<Double>.allocate(capacity: size * size)
              let g3 = UnsafeMutablePointer<Double>.allocate(capacity: size * size)
              defer {
                g1.deallocate()
                g2.deallocate()
                g3.deallocate()
              }
              // Dynamic schedule: each worker takes the next tile (off-diagonal, costlier ones first).
              while true {
                let k = next.add(1, ordering: .relaxed).oldValue
                if k >= schedule.count { break }
                let (i0, j0) = schedule[k]
                Self.tile(
                  i0: i0, j0: j0, size: size, n: n, t: t, x: x, q: q, m: m, interleaved: panel, out: output, g1: g1,
                  g2: g2, g3: g3)
              }
            }
          }
        }
      }
    }
  }

  /// One tile of the gap path: its products (unlocked BLAS: the caller holds the gate exclusively), then its
  /// correlations into `out`.
  static func tile(
    i0: Int, j0: Int, size: Int, n: Int, t: Int, x: UnsafePointer<Double>, q: UnsafePointer<Double>,
    m: UnsafePointer<Double>, interleaved: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>,
    g1: UnsafeMutablePointer<Double>, g2: UnsafeMutablePointer<Double>, g3: UnsafeMutablePointer<Double>
  ) {
    let w = min(size, n - j0), h = min(size, n - i0)
    let xmJ = interleaved + 2 * j0 * t
    let mJ = m + j0 * t, qJ = q + j0 * t
    if i0 == j0 {
      BLAS.syrkUpperUnlocked(.transpose, n: 2 * w, k: t, alpha: 1, a: xmJ, lda: t, beta: 0, c: g1, ldc: 2 * w)
      BLAS.gemmUnlocked(.transpose, .none, m: w, n: w, k: t, alpha: 1, a: qJ, lda: t, b: mJ, ldb: t, beta: 0, c: g2, ldc: w)
      // G1 (2w × 2w, upper): XᵀX at (i, jj), XᵀM at (i, w + jj) and (jj, w + i), MᵀM at (w + i, w + jj).
      // G2 = (X∘X)ᵀM (w × w): (i, jj) and (jj, i).
      let l = 2 * w
      for jj in 0..<w {
        let column = out + (j0 + jj) * n + i0
        for i in 0..<jj {
          column[i] = PairwiseCorrelation.combine(
            count: g1[(w + jj) * l + w + i], sumXY: g1[jj * l + i], sumX: g1[(w + jj) * l + i],
            sumY: g1[(w + i) * l + jj], sumXX: g2[jj * w + i], sumYY: g2[i * w + jj])
        }
        column[jj] = 1
      }
    } else {
      let xmI = interleaved + 2 * i0 * t
      BLAS.gemmUnlocked(.transpose, .none, m: 2 * h, n: 2 * w, k: t, alpha: 1, a: xmI, lda: t, b: xmJ, ldb: t, beta: 0, c: g1, ldc: 2 * h)
      BLAS.gemmUnlocked(.transpose, .none, m: h, n: w, k: t, alpha: 1, a: q + i0 * t, lda: t, b: mJ, ldb: t, beta: 0, c: g2, ldc: h)
      BLAS.gemmUnlocked(.transpose, .none, m: h, n: w, k: t, alpha: 1, a: m + i0 * t, lda: t, b: qJ, ldb: t, beta: 0, c: g3, ldc: h)
      // G1 (2h × 2w): XᵀX (i, jj), XᵀM (i, w + jj), MᵀX (h + i, jj), MᵀM (h + i, w + jj).
      let l = 2 * h
      for jj in 0..<w {
        combineColumn(
          into: out + (j0 + jj) * n + i0, count: h, common: g1 + (w + jj) * l + h, sumXY: g1 + jj * l,
          sumX: g1 + (w + jj) * l, sumY: g1 + jj * l + h, sumXX: g2 + jj * h, sumYY: g3 + jj * h)
      }
    }
  }

  /// Correlations of each column in `selected` with every column: an `N × k` matrix whose column `r` holds the
  /// correlations of `selected[r]` (1 at itself), NaN where undefined — never forming the `N × N` matrix.
  ///
  /// Complete panel: one `dgemm` (`Xᵀ·X_S`). With gaps: three (`Xᵀ·[X_S, M_S]`, `Mᵀ·[X_S, X_S∘X_S, M_S]`,
  /// `(X∘X)ᵀ·M_S`), each reading its panel once, `12·N·T·k` flops — the same sums the full matrix uses, so both
  /// agree to rounding.
  public func correlationRows(_ selected: [Int]) -> Matrix {
    let n = columns, t = rows, k = selected.count
    var result = Matrix(rows: n, columns: k)
    guard k > 0, n > 0 else { return result }
    if !hasGaps {
      var gathered = [Double](repeating: 0, count: t * k)
      for (r, s) in selected.enumerated() {
        for row in 0..<t { gathered[r * t + row] = x[s * t + row] }
      }
      x.withUnsafeBufferPointer { xp in
        gathered.withUnsafeBufferPointer { gp in
          result.storage.withUnsafeMutableBufferPointer { rp in
            BLAS.gemm(.transpose, .none, m: n, n: k, k: t, alpha: 1, a: xp.baseAddress!, lda: t, b: gp.baseAddress!, ldb: t, beta: 0, c: rp.baseAddress!, ldc: n)
          }
        }
      }
      result.storage.withUnsafeMutableBufferPointer { rp in
        for (r, s) in selected.enumerated() {
          let column = rp.baseAddress! + r * n
          for i in 0..<n {
            let v = column[i]
            column[i] = !(varies[s] && varies[i]) ? .nan : (v > 1 ? 1 : (v < -1 ? -1 : v))
          }
          column[s] = 1
        }
      }
      return result
    }
    // Gaps: gathered blocks [X_S | M_S] and [X_S | Q_S | M_S].
    var xm = [Double](repeating: 0, count: t * 2 * k)
    var xqm = [Double](repeating: 0, count: t * 3 * k)
    var ms = [Double](repeating: 0, count: t * k)
    for (r, s) in selected.enumerated() {
      for row in 0..<t {
        let v = x[s * t + row], w = mask[s * t + row], sq = squares[s * t + row]
        xm[r * t + row] = v
        xm[(k + r) * t + row] = w
        xqm[r * t + row] = v
        xqm[(k + r) * t + row] = sq
        xqm[(2 * k + r) * t + row] = w
        ms[r * t + row] = w
      }
    }
    var fromX = [Double](repeating: 0, count: n * 2 * k)  // Σ x_i x_s, Σ x_i m_s
    var fromM = [Double](repeating: 0, count: n * 3 * k)  // Σ m_i x_s, Σ m_i x_s², Σ m_i m_s
    var fromQ = [Double](repeating: 0, count: n * k)  // Σ x_i² m_s
    x.withUnsafeBufferPointer { xp in
      mask.withUnsafeBufferPointer { mp in
        squares.withUnsafeBufferPointer { qp in
          xm.withUnsafeBufferPointer { a in
            fromX.withUnsafeMutableBufferPointer { c in
              BLAS.gemm(.transpose, .none, m: n, n: 2 * k, k: t, alpha: 1, a: xp.baseAddress!, lda: t, b: a.baseAddress!, ldb: t, beta: 0, c: c.baseAddress!, ldc: n)
            }
          }
          xqm.withUnsafeBufferPointer { a in
            fromM.withUnsafeMutableBufferPointer { c in
              BLAS.gemm(.transpose, .none, m: n, n: 3 * k, k: t, alpha: 1, a: mp.baseAddress!, lda: t, b: a.baseAddress!, ldb: t, beta: 0, c: c.baseAddress!, ldc: n)
            }
          }
          ms.withUnsafeBufferPointer { a in
            fromQ.withUnsafeMutableBufferPointer { c in
              BLAS.gemm(.transpose, .none, m: n, n: k, k: t, alpha: 1, a: qp.baseAddress!, lda: t, b: a.baseAddress!, ldb: t, beta: 0, c: c.baseAddress!, ldc: n)
            }
          }
        }
      }
    }
    result.storage.withUnsafeMutableBufferPointer { rp in
      for (r, s) in selected.enumerated() {
        let column = rp.baseAddress! + r * n
        for i in 0..<n {
          // Pair (i, s): X = column i, Y = column s.
          column[i] = PairwiseCorrelation.combine(
            count: fromM[(2 * k + r) * n + i], sumXY: fromX[r * n + i], sumX: fromX[(k + r) * n + i],
            sumY: fromM[r * n + i], sumXX: fromQ[r * n + i], sumYY: fromM[(k + r) * n + i])
        }
        column[s] = 1
      }
    }
    return result
  }
}

/// Pearson correlations `out[i] = r(sums at i)` for `i` in `0..<count`, four at a time with SIMD (the divisions
/// and square roots dominate; the vector units do four of each at the cost of about one). Same formula and guards as
/// `PairwiseCorrelation.combine`: NaN with fewer than two common rows or a variance below the tolerance; clamped.
@inline(__always)
func combineColumn(
  into out: UnsafeMutablePointer<Double>, count: Int, common: UnsafePointer<Double>, sumXY: UnsafePointer<Double>,
  sumX: UnsafePointer<Double>, sumY: UnsafePointer<Double>, sumXX: UnsafePointer<Double>,
  sumYY: UnsafePointer<Double>
) {
  typealias V = SIMD4<Double>
  let tolerance = V(repeating: CorrelationPanel.zeroVarianceTolerance)
  let two = V(repeating: 2), one = V(repeating: 1), minusOne = V(repeating: -1), nan = V(repeating: .nan)
  @inline(__always) func load(_ p: UnsafePointer<Double>, _ i: Int) -> V {
    UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
  }
  var i = 0
  while i + 4 <= count {
    let n = load(common, i), sx = load(sumX, i), sy = load(sumY, i)
    let sxx = load(sumXX, i), syy = load(sumYY, i), sxy = load(sumXY, i)
    let inverse = one / n
    let varianceX = sxx - sx * sx * inverse
    let varianceY = syy - sy * sy * inverse
    var r = (sxy - sx * sy * inverse) / (varianceX * varianceY).squareRoot()
    r.replace(with: one, where: r .> one)
    r.replace(with: minusOne, where: r .< minusOne)
    let undefined = (n .< two) .| (varianceX .<= tolerance * sxx) .| (varianceY .<= tolerance * syy)
    r.replace(with: nan, where: undefined)
    UnsafeMutableRawPointer(out + i).storeBytes(of: r, as: V.self)
    i += 4
  }
  while i < count {
    out[i] = PairwiseCorrelation.combine(
      count: common[i], sumXY: sumXY[i], sumX: sumX[i], sumY: sumY[i], sumXX: sumXX[i], sumYY: sumYY[i])
    i += 1
  }
}

/// Copies the upper triangle of the `n × n` column-major matrix at `a` onto its lower triangle — clamping to [-1, 1]
/// on the way (both triangles) when `clamp` — in square tiles so that both the strided reads and the writes stay in
/// cache; two threads.
func mirrorUpperToLower(_ a: UnsafeMutablePointer<Double>, _ n: Int, clamp: Bool) {
  let tile = 64
  let tiles = (n + tile - 1) / tile
  parallelChunks(tiles) { range in
    for tj in range {
      let j0 = tj * tile, j1 = min(n, j0 + tile)
      // Lower-triangle entries (i, j) with i > j, for j in this tile column: read a[j + i*n] (upper).
      var i0 = j0
      while i0 < n {
        let i1 = min(n, i0 + tile)
        for j in j0..<j1 {
          let start = max(i0, j + 1)
          if start >= i1 { continue }
          if clamp {
            for i in start..<i1 {
              let v = a[j + i * n]
              let clamped = v > 1 ? 1 : (v < -1 ? -1 : v)
              a[j + i * n] = clamped
              a[i + j * n] = clamped
            }
          } else {
            for i in start..<i1 { a[i + j * n] = a[j + i * n] }
          }
        }
        i0 = i1
      }
    }
  }
}

/// Runs `body` over `0..<count` split into contiguous ranges on the available cores (at most 2 × cores chunks, so
/// uneven work balances); serial for small counts.
@inline(__always)
func parallelChunks(_ count: Int, _ body: (Range<Int>) -> Void) {
  guard count > 0 else { return }
  let workers = max(1, min(count / 8, 2 * activeProcessorCount))
  if workers <= 1 {
    body(0..<count)
    return
  }
  let size = (count + workers - 1) / workers
  withoutActuallyEscaping(body) { escapable in
    // Each worker gets a disjoint range; the callers write disjoint memory.
    nonisolated(unsafe) let work = escapable
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      let start = w * size
      if start < count { work(start..<min(count, start + size)) }
    }
  }
}

let activeProcessorCount: Int = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
