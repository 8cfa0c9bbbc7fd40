/// A fund product as `products.csv` describes it. Fees are fractions: a year for the ongoing ones
/// (management, custody), per transaction for subscription and redemption (0.01 = 1% of the amount invested).
public struct FundProduct: Sendable, Equatable {
  /// Unique code; the NAV series carry the same code.
  public var code: String
  /// Display name.
  public var name: String
  /// Manager; products of one manager can be merged into one equal-weight manager series. Empty when unknown.
  public var manager: String
  /// Strategy label, free text.
  public var strategy: String
  /// Currency of the NAVs and of `minimumSubscription`; `nil` when not given (the base currency is assumed).
  public var currency: String?
  /// Smallest amount that can be invested, product currency: the indivisible unit of FOF selection (DESIGN.md §8).
  /// `nil` when not given (then the product cannot be selected).
  public var minimumSubscription: Double?
  /// Management fee, a fraction a year.
  public var managementFee: Double
  /// Performance fee tiers (the hurdle is the first tier's threshold).
  public var performanceFee: PerformanceFeeSchedule
  /// Subscription fee, a fraction of each subscription.
  public var subscriptionFee: Double
  /// Redemption fee, a fraction of each redemption.
  public var redemptionFee: Double
  /// Custody (and administration) fee, a fraction a year.
  public var custodyFee: Double
  /// Warning line (预警线), a NAV level: at or below it the manager must act (reduce risk, report to investors).
  /// `nil` when the product has none.
  public var warningLine: Double?
  /// Stop-loss line (止损线), a NAV level: at or below it the product is liquidated. `nil` when it has none.
  public var stopLine: Double?
  /// Line of `products.csv` (0 when the product was not read from a file).
  public var sourceLine: Int

  public init(
    code: String, name: String = "", manager: String = "", strategy: String = "", currency: String? = nil,
    minimumSubscription: Double? = nil, managementFee: Double = 0, performanceFee: PerformanceFeeSchedule = .none,
    subscriptionFee: Double = 0, redemptionFee: Double = 0, custodyFee: Double = 0, warningLine: Double? = nil,
    stopLine: Double? = nil, sourceLine: Int = 0
  ) {
    self.code = code
    self.name = name
    self.manager = manager
    self.strategy = strategy
    self.currency = currency
    self.minimumSubscription = minimumSubscription
    self.managementFee = managementFee
    self.performanceFee = performanceFee
    self.subscriptionFee = subscriptionFee
    self.redemptionFee = redemptionFee
    self.custodyFee = custodyFee
    self.warningLine = warningLine
    self.stopLine = stopLine
    self.sourceLine = sourceLine
  }

  /// A product known only by its code (NAVs given without a products file): no fees, no minimum subscription.
  public static func bare(_ code: String) -> FundProduct { FundProduct(code: code) }
}
