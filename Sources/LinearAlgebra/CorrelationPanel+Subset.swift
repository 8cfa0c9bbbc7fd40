extension CorrelationPanel {
  /// The panel of the columns `selected` only (in that order), with their prepared values copied as they are: its
  /// `matrix()` holds the same correlations as the full panel's at those columns (the same sums), so the `k × k`
  /// correlations of a few columns cost `O(k²·T)` rather than the `O(N·k·T)` of `correlationRows`.
  public func subset(_ selected: [Int]) -> CorrelationPanel {
    let t = rows
    func gather(_ source: [Double]) -> [Double] {
      guard !source.isEmpty else { return [] }
      var out = [Double](repeating: 0, count: t * selected.count)
      for (r, s) in selected.enumerated() {
        for row in 0..<t { out[r * t + row] = source[s * t + row] }
      }
      return out
    }
    return CorrelationPanel(
      rows: t, columns: selected.count, hasGaps: hasGaps, x: gather(x), squares: gather(squares), mask: gather(mask),
      varies: varies.isEmpty ? [] : selected.map { varies[$0] })
  }

  /// A panel from prepared parts (`subset`).
  init(rows: Int, columns: Int, hasGaps: Bool, x: [Double], squares: [Double], mask: [Double], varies: [Bool]) {
    self.rows = rows
    self.columns = columns
    self.hasGaps = hasGaps
    self.x = x
    self.squares = squares
    self.mask = mask
    self.varies = varies
  }
}
