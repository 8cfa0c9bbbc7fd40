import LinearAlgebra

/// Correlations of a set of instruments, ready for selection: weekly, pairwise complete, floored (DESIGN.md §3).
public struct CorrelationEstimate: Sendable {
  /// `N × N`, unit diagonal, symmetric; undefined pairs set to 0 before the floor.
  public var matrix: Matrix
  /// Pairs (i < j) without a defined correlation: fewer than two common weeks, or no variation over them.
  public var undefinedPairs: Int
  /// Pairs (i < j) raised to the floor.
  public var flooredPairs: Int
  /// Whether the weekly panel had gaps (the four-product path) or not (one `dsyrk`).
  public var hadGaps: Bool
}

extension Universe {
  /// The floored weekly correlation matrix of the instruments at `indices` (in that order).
  ///
  /// Pairs whose correlation is undefined (fewer than two common weeks, or one of the two flat over them) get 0 — no
  /// evidence of co-movement — and then the floor like every other pair.
  public func correlation(of indices: [Int], settings: SelectionSettings) -> CorrelationEstimate {
    guard let lastDate else {
      return CorrelationEstimate(matrix: .identity(indices.count), undefinedPairs: 0, flooredPairs: 0, hadGaps: false)
    }
    let panel = WeeklyPanel(
      histories: indices.map { histories[$0] }, lastDate: lastDate, weeks: settings.correlationWeeks)
    var c = PairwiseCorrelation.correlation(values: panel.values, mask: panel.mask)
    var undefined = 0, floored = 0
    let n = indices.count
    let floor = settings.correlationFloor
    c.storage.withUnsafeMutableBufferPointer { a in
      for j in 0..<n {
        for i in 0..<j {
          var r = a[i + j * n]
          if r.isNaN {
            undefined += 1
            r = 0
          }
          if r < floor {
            floored += 1
            r = floor
          }
          a[i + j * n] = r
          a[j + i * n] = r
        }
      }
    }
    return CorrelationEstimate(matrix: c, undefinedPairs: undefined, flooredPairs: floored, hadGaps: panel.mask != nil)
  }
}
