import LinearAlgebra

/// Correlations between candidates, one row at a time. The greedy selector with equal weights only ever asks for the
/// rows of instruments it selects, so a source need not hold the whole `N × N` matrix.
public protocol CorrelationRows {
  /// Number of candidates.
  var count: Int { get }
  /// Correlations of candidate `i` with every candidate (`count` values; 1 at `i`).
  func row(_ i: Int) -> [Double]
  /// The rows of `indices`, in that order: a source that computes rows (matrix-free) computes them in one pass.
  func rows(_ indices: [Int]) -> [[Double]]
}

extension CorrelationRows {
  public func rows(_ indices: [Int]) -> [[Double]] { indices.map { row($0) } }
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

  public init(panel: CorrelationPanel, columns: [Int], floor: Double) {
    self.panel = panel
    self.columns = columns
    self.floor = floor
  }

  public var count: Int { columns.count }

  public func row(_ i: Int) -> [Double] { rows([i])[0] }

  /// The rows of `indices` from one `correlationRows` pass over the panel (matrix products over all of them at once).
  public func rows(_ indices: [Int]) -> [[Double]] {
    let full = panel.correlationRows(indices.map { columns[$0] })
    let n = panel.columns
    return full.storage.withUnsafeBufferPointer { f in
      indices.enumerated().map { r, i in
        var row = [Double](repeating: 0, count: columns.count)
        let base = r * n
        for (k, column) in columns.enumerated() {
          var value = f[base + column]
          if value.isNaN { value = 0 }
          row[k] = value < floor ? floor : value
        }
        row[i] = 1
        return row
      }
    }
  }
}
