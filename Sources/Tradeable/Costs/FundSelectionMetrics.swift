/// What FOF selection measures about one product (or manager series) before choosing (DESIGN.md §8): the fund
/// counterpart of `InstrumentMetrics`. Amounts are in the base currency; volatilities and fees are annual fractions.
public struct FundSelectionMetrics: Sendable {
  /// Position among the entries.
  public var entry: Int
  public var code: String
  /// Number of NAVs.
  public var observationCount: Int
  /// Date of the last NAV.
  public var lastDate: CalendarDay?
  /// Detected reporting frequency; `nil` with fewer than two NAVs.
  public var frequency: ReportingFrequency?
  /// Annualised volatility: the standard deviation of the returns of the last 36 months (all returns when the
  /// series is shorter) × √P. `nil` without a frequency or with fewer than two returns.
  public var annualVolatility: Double?
  /// Units of base currency per unit of the product's currency.
  public var fxRate: Double
  /// Minimum subscription in the base currency: the indivisible unit.
  public var minimumSubscription: Double?
  /// `minimumSubscription × volatility`: annual volatility of one unit, base currency (the selector's `unitRisk`,
  /// DESIGN.md §7's `currencyVolatility`).
  public var unitRisk: Double?
  /// Expected annual fee drag (mean over the members of a manager series, each at its own volatility).
  public var feeDrag: FundFeeDrag?
  /// `feeDrag.total / volatility`: the fees in SR units a year.
  public var annualSRCost: Double?
  /// `preCostSR − annualSRCost`.
  public var netSR: Double?
  /// One subscription or redemption of one unit: `(subscription_fee + redemption_fee) / 2 × minimumSubscription`.
  public var costPerTrade: Double?
  /// `costPerTrade / unitRisk`.
  public var costPerTradeSR: Double?
  /// Subscriptions and redemptions a year: `2 / holdingYears`.
  public var tradesPerYear: Double
  /// Whether the latest NAV is at or below the product's stop-loss line (a manager series: one of its members').
  public var isAtOrBelowStopLine: Bool
}

extension FundSelectionMetrics {
  /// One product whose fees an entry carries, and its own volatility (`nil`: the entry's).
  public typealias FeeMember = (product: FundProduct, volatility: Double?)

  /// Measures entry `index`: its NAV `series` at `periodsPerYear` (`nil` when irregular), its (summary) `product`,
  /// and the products whose fees it carries — the product itself (volatility `nil`), or a manager series' members,
  /// each at its own volatility — with its currency's `fxRate`; `isAtOrBelowStopLine` as the cleaning stage found it.
  public init(
    entry index: Int, code: String, series: NAVSeries, frequency: ReportingFrequency?, periodsPerYear: Double?,
    product: FundProduct, feeMembers: [FeeMember], fxRate: Double, risk: FundRiskSettings, costs: FundCostSettings,
    isAtOrBelowStopLine: Bool = false
  ) {
    let volatility = periodsPerYear.flatMap {
      series.trailingVolatility(months: risk.volatilityMonths, periodsPerYear: $0)
    }
    let unit = product.minimumSubscription.map { $0 * fxRate }
    let drag = volatility.map { volatility in
      FundFeeDrag.mean(
        feeMembers.map {
          FundFeeDrag(
            product: $0.product, volatility: $0.volatility ?? volatility, preCostSR: costs.preCostSR,
            holdingYears: costs.holdingYears)
        })
    }
    let unitRisk = bothOrNil(unit, volatility).map { $0 * $1 }
    let srCost: Double? = bothOrNil(drag, volatility).flatMap { $1 > 0 ? $0.total / $1 : nil }
    let tradeFee =
      feeMembers.map { ($0.product.subscriptionFee + $0.product.redemptionFee) / 2 }.reduce(0, +)
      / Double(feeMembers.count)
    let costPerTrade = unit.map { tradeFee * $0 }
    self.init(
      entry: index, code: code, observationCount: series.count, lastDate: series.lastDate, frequency: frequency,
      annualVolatility: volatility, fxRate: fxRate, minimumSubscription: unit, unitRisk: unitRisk, feeDrag: drag,
      annualSRCost: srCost, netSR: srCost.map { costs.preCostSR - $0 }, costPerTrade: costPerTrade,
      costPerTradeSR: bothOrNil(costPerTrade, unitRisk).flatMap { $1 > 0 ? $0 / $1 : nil },
      tradesPerYear: 2 / costs.holdingYears, isAtOrBelowStopLine: isAtOrBelowStopLine)
  }
}

/// Both values, or `nil`.
fileprivate func bothOrNil<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
  guard let a, let b else { return nil }
  return (a, b)
}
