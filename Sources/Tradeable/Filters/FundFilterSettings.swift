/// The filters of FOF selection after its products are measured (DESIGN.md §8), each with its parameters: zero
/// volatility, the cost limit (none by default) and the capital filter (largest weight 0.40, DESIGN.md §5's FOF
/// worked example). The frequency and history filters run earlier, in cleaning (`FundCleaningRules`).
public struct FundFilterSettings: Codable, Sendable, Equatable {
  /// Zero or unmeasurable volatility: excluded, reason `volatility`.
  public var volatility = VolatilityFilter()
  /// Annual SR cost above a maximum: excluded, reason `cost`. `nil` (the default): no cost filter, because a fund's
  /// fees are its price of entry rather than a trading cost to avoid.
  public var cost: CostFilter? = nil
  /// Capital below a product's standalone need: excluded, reason `capital`. With the IDM cap of 2.5 a largest
  /// weight of 0.40 makes this the same as being affordable alone (2.5 × 0.40 = 1).
  public var capital = CapitalFilter(maximumWeight: 0.40)

  public init(
    volatility: VolatilityFilter = VolatilityFilter(), cost: CostFilter? = nil,
    capital: CapitalFilter = CapitalFilter(maximumWeight: 0.40)
  ) {
    self.volatility = volatility
    self.cost = cost
    self.capital = capital
  }

  /// The steps that do not depend on the capital, in order; a product that fails one is not screened by the next
  /// (its SR cost is undefined without a volatility). The stop line (`StopLineFilter`, no parameters) is judged
  /// with the volatility: a product can fail both.
  public var stagesWithoutCapital: [FilterPipeline] {
    [FilterPipeline([volatility, StopLineFilter()])] + (cost.map { [FilterPipeline([$0])] } ?? [])
  }
}

/// What the FOF filters read about a measured product.
extension FundSelectionMetrics: Screenable {
  public var lastObservationDate: CalendarDay? { lastDate }
  public var reportingFrequency: ReportingFrequency? { frequency }
  /// Funds report no traded volume.
  public var liquidity: Liquidity { .unknown }
  /// A product without a volatility is the volatility filter's to exclude (reason `volatility`).
  public var riskIsUnmeasurable: Bool { false }
}
