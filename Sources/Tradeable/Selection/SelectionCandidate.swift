import LinearAlgebra

/// An instrument (or fund product) as the greedy selector sees it.
public struct SelectionCandidate: Sendable, Equatable {
  /// Code, for the final tie-break (byte order).
  public var code: String
  /// Expected Sharpe ratio after costs, `s_i = preCostSR − annualSRCost`.
  public var netSR: Double
  /// Annual cost, SR units; the first tie-break (lower wins).
  public var annualSRCost: Double
  /// Annual volatility of one indivisible unit, base currency: a futures contract's `currencyVolatility`, or a fund's
  /// minimum subscription × its volatility.
  public var unitRisk: Double

  public init(code: String, netSR: Double, annualSRCost: Double, unitRisk: Double) {
    self.code = code
    self.netSR = netSR
    self.annualSRCost = annualSRCost
    self.unitRisk = unitRisk
  }
}

/// Capital rules and stopping rules of the greedy selection (DESIGN.md §6).
public struct GreedyRules: Sendable, Equatable {
  /// Capital, base currency.
  public var capital: Double
  /// Units of each member held at its target position (futures: `maxContracts` = 4; funds: `maxUnits` = 4).
  public var maxUnits: Double
  /// Cap on the diversification multiplier (2.5).
  public var idmCap: Double
  /// Portfolio volatility target, a fraction (0.20).
  public var targetVolatility: Double
  /// Largest number of members; `nil` for no limit.
  public var maxInstruments: Int?
  /// A step must raise the Sharpe ratio by more than this (1e-12).
  public var improvementTolerance: Double

  public init(
    capital: Double, maxUnits: Double = 4, idmCap: Double = 2.5, targetVolatility: Double = 0.20,
    maxInstruments: Int? = nil, improvementTolerance: Double = 1e-12
  ) {
    self.capital = capital
    self.maxUnits = maxUnits
    self.idmCap = idmCap
    self.targetVolatility = targetVolatility
    self.maxInstruments = maxInstruments
    self.improvementTolerance = improvementTolerance
  }

  /// Capital a member with unit risk `unitRisk` and weight `weight` needs in a set with multiplier `idm`:
  /// `maxUnits × unitRisk / (idm × weight × targetVolatility)`.
  @inline(__always)
  public func capitalNeeded(unitRisk: Double, weight: Double, idm: Double) -> Double {
    maxUnits * unitRisk / (idm * weight * targetVolatility)
  }
}

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
