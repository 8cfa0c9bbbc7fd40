import LinearAlgebra
import Synchronization

/// Correlations between candidates, one row at a time. The greedy selector with equal weights only ever asks for the
/// rows of instruments it selects, so a source need not hold the whole `N × N` matrix.
public protocol CorrelationRows {
  /// Number of candidates.
  var count: Int { get }
  /// Correlations of candidate `i` with every candidate (`count` values; 1 at `i`).
  func row(_ i: Int) -> [Double]
}

extension Matrix: CorrelationRows {
  public var count: Int { rows }
  /// Column `i` of the symmetric matrix (contiguous in column-major storage).
  public func row(_ i: Int) -> [Double] { column(i) }
}

/// Rows of the principal submatrix on `positions` of a symmetric matrix, read in place (no copy of the submatrix).
public struct SubmatrixRows: CorrelationRows, Sendable {
  /// The whole matrix.
  public let matrix: Matrix
  /// Row and column of the matrix of each candidate.
  public let positions: [Int]

  public init(matrix: Matrix, positions: [Int]) {
    self.matrix = matrix
    self.positions = positions
  }

  public var count: Int { positions.count }

  /// Column `positions[i]` of the matrix, gathered at `positions` (contiguous reads: the matrix is symmetric).
  public func row(_ i: Int) -> [Double] {
    let n = matrix.rows
    return matrix.storage.withUnsafeBufferPointer { a in
      let column = a.baseAddress! + positions[i] * n
      return positions.map { column[$0] }
    }
  }
}

/// Correlation rows straight from the weekly panel, for matrix-free selection: row `i` is candidate `i`'s floored
/// correlations with every candidate, computed when asked (`CorrelationPanel.correlationRows`).
public struct PanelCorrelationRows: CorrelationRows, Sendable {
  /// The panel of the pool.
  public let panel: CorrelationPanel
  /// Column of the panel of each candidate.
  public let columns: [Int]
  /// The correlation floor.
  public let floor: Double

  /// Rows already computed, by candidate: the selector asks for each chosen instrument's row, and the selection's
  /// summary for the same rows again (each costs a pass over the whole panel).
  let computed = RowCache()

  public init(panel: CorrelationPanel, columns: [Int], floor: Double) {
    self.panel = panel
    self.columns = columns
    self.floor = floor
  }

  public var count: Int { columns.count }

  public func row(_ i: Int) -> [Double] {
    if let row = computed[i] { return row }
    let row = computeRow(i)
    computed[i] = row
    return row
  }

  func computeRow(_ i: Int) -> [Double] {
    let full = panel.correlationRows([columns[i]])
    var row = [Double](repeating: 0, count: columns.count)
    full.storage.withUnsafeBufferPointer { f in
      for (k, column) in columns.enumerated() {
        var r = f[column]
        if r.isNaN { r = 0 }
        row[k] = r < floor ? floor : r
      }
    }
    row[i] = 1
    return row
  }
}

/// Computed correlation rows by candidate, shared by copies of a `PanelCorrelationRows` (safe from any thread).
final class RowCache: Sendable {
  private let rows = Mutex<[Int: [Double]]>([:])

  subscript(i: Int) -> [Double]? {
    get { rows.withLock { $0[i] } }
    set { rows.withLock { $0[i] = newValue } }
  }
}
