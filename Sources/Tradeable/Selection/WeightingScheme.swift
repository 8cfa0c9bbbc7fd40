/// How risk weights are set within a candidate set during the greedy selection.
///
/// - `equal`: `wᵢ = 1/k` (DESIGN.md's default). With every instrument given the same pre-cost Sharpe ratio, this is
///   what an allocator with no forecast edge would do; it cannot overfit the correlation estimate, and a greedy step
///   costs O(N). The better choice when correlations are noisy (short histories, pairwise-complete estimates with
///   gaps) or when instruments really are alike.
/// - `handcrafted`: Robert Carver's handcrafting (Carver, *Systematic Trading*, Harriman House 2015, ch. 4; and
///   *Advanced Futures Trading Strategies*, 2023, "handcrafting"): split the set into the two clusters that complete
///   linkage gives on the correlation matrix, give each cluster half the weight, and recurse into each cluster until
///   single instruments remain. Robust like equal weights but it stops a crowded asset class (ten equity indices)
///   from taking most of the risk. The better choice for universes with uneven class sizes.
/// - `maxSharpe`: long-only weights maximising `SR(S) = wᵀs / √(wᵀCw)` with `w ≥ 0`, `Σw = 1` (Cholesky solves,
///   LAPACK). The best in-sample Sharpe ratio for the estimated correlations, so the most sensitive to estimation
///   error: better when correlations are estimated from long, complete histories and net Sharpe ratios really differ
///   (e.g. very different costs), worse otherwise. A set whose optimum gives some member zero weight is treated as
///   not affordable (a member with no weight has no position, so it would not be traded).
public enum WeightingScheme: String, Codable, Sendable, CaseIterable, Equatable {
  case equal
  case handcrafted
  case maxSharpe = "max-sharpe"
}
extension WeightingScheme: NamedChoice {}
