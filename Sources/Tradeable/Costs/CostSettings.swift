/// Settings of the cost stage (DESIGN.md §4), with their defaults.
public struct CostSettings: Codable, Sendable, Equatable {
  /// Pre-cost Sharpe ratio assumed for every instrument (0.4): measured pre-cost Sharpe ratios are too noisy to tell
  /// apart (standard error `√((1 + SR²/2) / N)` for N periods).
  public var preCostSR: Double = 0.4
  /// Span of the EWMA variance that drives volatility-targeting rebalances: `a = 2 / (span + 1)` (35, so 2/36).
  public var rebalanceSpan: Int = 35

  public init(preCostSR: Double = 0.4, rebalanceSpan: Int = 35) {
    self.preCostSR = preCostSR
    self.rebalanceSpan = rebalanceSpan
  }

  /// The EWMA weight `a = 2 / (span + 1)`.
  public var rebalanceDecay: Double { 2 / Double(rebalanceSpan + 1) }
}
