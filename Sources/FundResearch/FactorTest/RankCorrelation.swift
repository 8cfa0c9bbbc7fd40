/// Ranks and Spearman's rank correlation, ties by average rank (Spearman's definition; scipy's `rankdata(method=
/// "average")`, pandas' `rank()`).
public enum RankCorrelation {
  /// 1-based ranks of `values` in ascending order; equal values share the mean of the ranks they span (values 3, 1,
  /// 3, 2 → ranks 3.5, 1, 3.5, 2). Equality is exact.
  public static func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
      // Positions start…end (0-based) hold ranks start+1 … end+1: their mean.
      let rank = Double(start + end + 2) / 2
      for k in start...end { ranks[order[k]] = rank }
      start = end + 1
    }
    return ranks
  }

  /// Pearson's correlation of `x` and `y`: `Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²)`; `nil` with fewer than two
  /// pairs or when either is constant.
  public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
    precondition(x.count == y.count, "one y per x")
    let n = x.count
    guard n >= 2 else { return nil }
    let mx = x.reduce(0, +) / Double(n)
    let my = y.reduce(0, +) / Double(n)
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for k in 0..<n {
      let dx = x[k] - mx
      let dy = y[k] - my
      sxy += dx * dy
      sxx += dx * dx
      syy += dy * dy
    }
    guard sxx > 0, syy > 0 else { return nil }
    return sxy / (sxx * syy).squareRoot()
  }

  /// Spearman's rank correlation: Pearson's correlation of the average ranks; `nil` with fewer than two pairs or when
  /// either side is all ties.
  public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
    pearson(averageRanks(x), averageRanks(y))
  }
}
