import LinearAlgebra

/// A set's weekly correlation matrix at each stage of DESIGN.md §3, for users who want the numbers themselves
/// (`--include-correlation`): the raw pairwise-complete estimate, the same after the floor, and after the
/// positive-definite repair.
public struct CorrelationMatrices: Sendable {
  /// Which set.
  public enum Scope: String, Sendable, CaseIterable {
    /// The chosen set at the selection's capital, in the order its members were added.
    case chosen
    /// The pool: every instrument that passes every filter but capital, in input order.
    case pool
  }

  public var scope: Scope
  /// Input indices of the instruments, in the matrices' order.
  public var indices: [Int]
  /// Codes, same order.
  public var codes: [String]
  /// Pearson correlations, pairwise over the weeks both instruments have; NaN where undefined (fewer than two
  /// common weeks, or no variation over them).
  public var raw: Matrix
  /// Undefined pairs set to 0, then every pair raised to the floor: the matrix the repair starts from.
  public var floored: Matrix
  /// After the positive-definite repair (`floored` itself when it needed none); `nil` when no repair is made
  /// (matrix-free selection, or the repair turned off).
  public var repaired: Matrix?

  public init(scope: Scope, indices: [Int], codes: [String], raw: Matrix, floored: Matrix, repaired: Matrix?) {
    self.scope = scope
    self.indices = indices
    self.codes = codes
    self.raw = raw
    self.floored = floored
    self.repaired = repaired
  }

  /// The largest `|repaired − floored|` over the pairs; `nil` without a repaired matrix or with fewer than two
  /// instruments.
  public var largestRepairChange: Double? {
    guard let repaired, floored.rows >= 2 else { return nil }
    var largest = 0.0
    for j in 1..<floored.rows {
      for i in 0..<j { largest = max(largest, abs(repaired[i, j] - floored[i, j])) }
    }
    return largest
  }
}
