/// Pearson correlation of the columns of a panel with missing values, each pair over the rows both columns have
/// ("pairwise complete"). A convenience over `CorrelationPanel`, which documents the method.
public enum PairwiseCorrelation {
  /// The `N × N` correlation matrix of the `N` columns of `values` (`T × N`).
  ///
  /// - Parameters:
  ///   - values: the panel; entries where `mask` is 0 are ignored (they may hold anything, NaN included).
  ///   - mask: `T × N`, 1 where a value is present and 0 where it is missing; `nil` when every value is present.
  ///   - triangle: `.full` (default) or `.upper` only, as `dsyrk` leaves it.
  /// - Returns: unit diagonal; `NaN` off the diagonal where a pair has fewer than two common rows or one of the two
  ///   has zero variance over them. Values are clamped to [-1, 1].
  public static func correlation(values: Matrix, mask: Matrix?, triangle: CorrelationPanel.Triangle = .full) -> Matrix {
    CorrelationPanel(values: values, mask: mask).matrix(triangle: triangle)
  }

  /// Pearson correlation from the sums over `count` common rows; `NaN` when undefined.
  @inline(__always)
  static func combine(count: Double, sumXY: Double, sumX: Double, sumY: Double, sumXX: Double, sumYY: Double)
    -> Double
  {
    guard count >= 2 else { return .nan }
    let varianceX = sumXX - sumX * sumX / count
    let varianceY = sumYY - sumY * sumY / count
    let tolerance = CorrelationPanel.zeroVarianceTolerance
    guard varianceX > tolerance * sumXX, varianceY > tolerance * sumYY else { return .nan }
    let r = (sumXY - sumX * sumY / count) / (varianceX * varianceY).squareRoot()
    return min(1, max(-1, r))
  }
}
