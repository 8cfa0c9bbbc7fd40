import LinearAlgebra

extension UniverseAnalysis {
  /// The correlation matrices of `scope` for `selection` (made by this analysis): raw, floored and repaired.
  ///
  /// - `.chosen`: the raw pairs come from the pool's weekly panel (the rows of the members, the same sums the full
  ///   matrix uses, so they agree with it to rounding, about 1e-15); the floored and repaired ones are exactly those
  ///   the selection started from and used (`CorrelationSummary.selectedFloored` and `selected`).
  /// - `.pool`: the pool's whole matrix at each stage; the repair is DESIGN.md §3's, of the pool's floored matrix
  ///   with the run's thresholds. `N × N` three times: callers should bound `N` (the command line refuses pools over
  ///   the matrix-free threshold).
  public func correlationMatrices(_ scope: CorrelationMatrices.Scope, of selection: SelectionResult) throws
    -> CorrelationMatrices
  {
    let repairs = settings.correlation.repair && !matrixFree
    switch scope {
    case .chosen:
      let indices = selection.portfolio.indices
      let columns = indices.map { poolPosition(of: $0) }
      let rows = poolPanel.correlationRows(columns)
      var raw = Matrix(rows: columns.count, columns: columns.count)
      for b in columns.indices {
        for a in columns.indices { raw[a, b] = rows[columns[a], b] }
        raw[b, b] = 1
      }
      return CorrelationMatrices(
        scope: scope, indices: indices, codes: indices.map { metrics[$0].code }, raw: raw,
        floored: selection.correlation.selectedFloored,
        repaired: selection.correlation.repair != nil ? selection.correlation.selected : nil)
    case .pool:
      let floored = poolCorrelation?.matrix ?? flooredCorrelation(poolPanel, floor: settings.correlation.floor).matrix
      let repaired =
        repairs
        ? try repairCorrelation(
          floored, threshold: settings.correlation.positiveDefiniteThreshold,
          floor: settings.correlation.eigenvalueFloor
        ).matrix : nil
      return CorrelationMatrices(
        scope: scope, indices: pool, codes: pool.map { metrics[$0].code }, raw: poolPanel.matrix(), floored: floored,
        repaired: repaired)
    }
  }

  /// The position in `pool` of the instrument with input index `index` (which must be in the pool).
  func poolPosition(of index: Int) -> Int {
    var low = 0, high = pool.count
    while low < high {
      let middle = (low + high) / 2
      if pool[middle] < index { low = middle + 1 } else { high = middle }
    }
    precondition(low < pool.count && pool[low] == index, "a selected instrument is in the pool")
    return low
  }
}
