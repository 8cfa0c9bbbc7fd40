/// Settings of the cost stage of FOF selection (DESIGN.md §8), with their defaults.
public struct FundCostSettings: Codable, Sendable, Equatable {
  /// Pre-cost Sharpe ratio assumed for every product (0.4, as for futures, `CostSettings`): measured ones are too
  /// noisy to tell apart. It also sets the expected gross return `preCostSR × volatility` the performance fee is
  /// charged on.
  public var preCostSR: Double = CostSettings().preCostSR
  /// Expected holding period, years, over which subscription and redemption fees are spread (3).
  public var holdingYears: Double = 3

  public init(preCostSR: Double = CostSettings().preCostSR, holdingYears: Double = 3) {
    self.preCostSR = preCostSR
    self.holdingYears = holdingYears
  }
}
