/// A product's expected annual fee drag (DESIGN.md §8), fractions of the amount invested a year.
public struct FundFeeDrag: Sendable, Equatable {
  /// Management fee.
  public var management: Double
  /// Custody fee.
  public var custody: Double
  /// Expected performance fee: the fee tiers applied to the expected gross return `preCostSR × volatility`.
  public var expectedPerformance: Double
  /// `(subscription + redemption) / holdingYears`.
  public var transactions: Double

  public init(management: Double, custody: Double, expectedPerformance: Double, transactions: Double) {
    self.management = management
    self.custody = custody
    self.expectedPerformance = expectedPerformance
    self.transactions = transactions
  }

  /// The drag of `product` at annual `volatility`.
  public init(product: FundProduct, volatility: Double, preCostSR: Double, holdingYears: Double) {
    management = product.managementFee
    custody = product.custodyFee
    expectedPerformance = product.performanceFee.fee(onAnnualReturn: preCostSR * volatility)
    transactions = (product.subscriptionFee + product.redemptionFee) / holdingYears
  }

  /// Management + custody + expected performance fee + transactions.
  public var total: Double { management + custody + expectedPerformance + transactions }

  /// The component-wise mean (a manager's equal-weight series).
  public static func mean(_ drags: [FundFeeDrag]) -> FundFeeDrag {
    let n = Double(drags.count)
    return FundFeeDrag(
      management: drags.map(\.management).reduce(0, +) / n, custody: drags.map(\.custody).reduce(0, +) / n,
      expectedPerformance: drags.map(\.expectedPerformance).reduce(0, +) / n,
      transactions: drags.map(\.transactions).reduce(0, +) / n)
  }
}
