/// A dense matrix of `Double` in column-major order, the layout BLAS and LAPACK expect.
///
/// Element `(row, column)` lives at `storage[row + column * rows]`; the leading dimension is always `rows`.
/// The type is a plain value: copying it copies the storage (copy-on-write through `Array`).
public struct Matrix: Sendable, Equatable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// Column-major elements, `rows × columns` of them.
  public var storage: [Double]

  /// A `rows × columns` matrix with every element equal to `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
    self.rows = rows
    self.columns = columns
    self.storage = Array(repeating: value, count: rows * columns)
  }

  /// A matrix over existing column-major storage.
  public init(rows: Int, columns: Int, storage: [Double]) {
    precondition(storage.count == rows * columns, "storage holds \(storage.count) elements, expected \(rows * columns)")
    self.rows = rows
    self.columns = columns
    self.storage = storage
  }

  /// A matrix from rows written out as nested arrays (convenient in tests and small examples).
  public init(_ rowsOfElements: [[Double]]) {
    let rows = rowsOfElements.count
    let columns = rowsOfElements.first?.count ?? 0
    var storage = [Double](repeating: 0, count: rows * columns)
    for (r, row) in rowsOfElements.enumerated() {
      precondition(row.count == columns, "every row must have \(columns) elements")
      for (c, value) in row.enumerated() { storage[r + c * rows] = value }
    }
    self.init(rows: rows, columns: columns, storage: storage)
  }

  /// The `n × n` identity.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.storage[i + i * n] = 1 }
    return m
  }

  /// Element at `(row, column)`, zero-based.
  @inlinable
  public subscript(row: Int, column: Int) -> Double {
    get { storage[row + column * rows] }
    set { storage[row + column * rows] = newValue }
  }

  /// Whether the matrix is square.
  public var isSquare: Bool { rows == columns }

  /// The transpose (a copy).
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for c in 0..<columns {
      for r in 0..<rows { t.storage[c + r * columns] = storage[r + c * rows] }
    }
    return t
  }

  /// Column `c` as an array.
  public func column(_ c: Int) -> [Double] {
    Array(storage[(c * rows)..<((c + 1) * rows)])
  }

  /// Row `r` as an array.
  public func row(_ r: Int) -> [Double] {
    (0..<columns).map { storage[r + $0 * rows] }
  }

  /// The principal submatrix on `indices` (rows and columns in the given order) of a square matrix.
  public func principalSubmatrix(_ indices: [Int]) -> Matrix {
    precondition(isSquare, "principal submatrix of a non-square matrix")
    let k = indices.count
    var s = Matrix(rows: k, columns: k)
    for (b, j) in indices.enumerated() {
      let source = j * rows
      let target = b * k
      for (a, i) in indices.enumerated() { s.storage[target + a] = storage[source + i] }
    }
    return s
  }

  /// Copies the upper triangle onto the lower one, so a result of `dsyrk` with `uplo = U` becomes a full symmetric
  /// matrix. Works in 64 × 64 tiles (the strided reads stay in cache) on the available cores.
  public mutating func symmetrizeFromUpper() {
    precondition(isSquare, "only a square matrix can be symmetrized")
    let n = rows
    storage.withUnsafeMutableBufferPointer { buffer in
      mirrorUpperToLower(buffer.baseAddress!, n, clamp: false)
    }
  }

  /// Largest absolute difference between this matrix and its transpose (0 for an exactly symmetric matrix).
  public var asymmetry: Double {
    precondition(isSquare)
    var worst = 0.0
    for j in 0..<columns {
      for i in 0..<j { worst = max(worst, abs(self[i, j] - self[j, i])) }
    }
    return worst
  }
}

extension Matrix: CustomStringConvertible {
  public var description: String {
    (0..<rows).map { r in (0..<columns).map { c in "\(self[r, c])" }.joined(separator: "\t") }.joined(separator: "\n")
  }
}
