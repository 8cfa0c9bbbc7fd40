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

  /// The EWMA weight `a = 2 / (span + 1)` (computed in floating point, so no span overflows it).
  public var rebalanceDecay: Double { 2 / (Double(rebalanceSpan) + 1) }

  /// Pre-cost Sharpe ratio: above 0 and at most 5 (an annual Sharpe ratio; 0.4 is DESIGN.md's, and no trading rule
  /// earns 5 before costs).
  public static let preCostSRRange = ValidRange.above(0).atMost(5)
  /// Rebalance span: at least 1 day; a span longer than the volatility window gives no rebalance trades.
  public static let rebalanceSpanRange = ValidRange.atLeast(
    1, unit: .count, note: "a span as long as the volatility window or longer gives no rebalance trades")

  /// Every setting outside its range, by key.
  public var violations: [SettingViolation] {
    [
      Self.preCostSRRange.check("preCostSR", preCostSR),
      Self.rebalanceSpanRange.check("rebalanceSpan", rebalanceSpan),
    ].compactMap { $0 }
  }
}
