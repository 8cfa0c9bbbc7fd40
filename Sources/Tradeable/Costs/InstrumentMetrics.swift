/// Everything Tradeable measures about one instrument before selection: risk, costs, liquidity (DESIGN.md §3–§5).
/// Amounts are in the base currency; volatilities are annual.
public struct InstrumentMetrics: Sendable {
  /// Position in the input.
  public let index: Int
  /// Instrument code.
  public let code: String
  /// Number of daily prices.
  public let priceCount: Int
  /// Date of the last price.
  public let lastDate: CalendarDay?
  /// Last price, price points (may be zero or negative for back-adjusted series).
  public let lastPrice: Double
  /// Units of base currency per unit of the instrument's currency.
  public let fxRate: Double
  /// Value of one contract at the last price, base currency: `lastPrice × multiplier × fx` (signed).
  public let notional: Double
  /// Annualised standard deviation of daily price differences, price points; `nil` with fewer than two differences.
  public let priceVolatility: Double?
  /// Annual volatility of one contract, base currency: `priceVolatility × multiplier × fx`.
  public let currencyVolatility: Double?
  /// `currencyVolatility / |notional|`, a fraction (0.2 = 20% a year); `nil` when the notional is 0. Reporting only.
  public let annualVolatility: Double?
  /// Commission for one contract, base currency.
  public let commission: Double
  /// Half the bid-ask spread of one contract, base currency.
  public let spreadCost: Double
  /// `commission + spreadCost`, base currency.
  public let costPerTrade: Double
  /// `costPerTrade / currencyVolatility`: the cost of one trade in units of a year's risk (SR units).
  /// `nil` when the volatility is zero or unknown.
  public let costPerTradeSR: Double?
  /// Trades a year from rolling: `2 × rollsPerYear`.
  public let rollTradesPerYear: Double
  /// Trades a year from volatility-targeting rebalances (given, or measured by `rebalanceTradesPerYear`).
  public let rebalanceTradesPerYear: Double
  /// Whether `rebalanceTradesPerYear` came from `instruments.csv` rather than the price history.
  public let rebalanceGiven: Bool
  /// `rollTradesPerYear + rebalanceTradesPerYear`.
  public var tradesPerYear: Double { rollTradesPerYear + rebalanceTradesPerYear }
  /// `costPerTradeSR × tradesPerYear`: annual cost in SR units; `nil` when `costPerTradeSR` is.
  public let annualSRCost: Double?
  /// Expected Sharpe after costs: `preCostSR − annualSRCost`.
  public let netSR: Double?
  /// Mean volume and traded value over the last days, when every one of them carries a volume.
  public let liquidity: Liquidity

}

extension InstrumentMetrics {
  /// Measures instrument `spec` with price history `history` (DESIGN.md §3–§4); liquidity over the last
  /// `liquidityDays` rows (the liquidity filter's window, handed down by the pipeline).
  public init(
    index: Int, spec: InstrumentSpecification, history: PriceHistory, fxRate: Double, risk: RiskSettings,
    costs: CostSettings, liquidityDays: Int
  ) {
    let retention = PriceSummary.Retention(differences: risk.volatilityWindow, volumeRows: liquidityDays, weeks: 1)
    self.init(
      index: index, spec: spec, prices: PriceSummary(history, keeping: retention), fxRate: fxRate, risk: risk,
      costs: costs, liquidityDays: liquidityDays)
  }

  /// Measures instrument `spec` from the summary of its prices (what DESIGN.md §3–§4 read of them: the last
  /// `volatilityWindow + 1` prices, the last `liquidityDays` volumes, the count and the last date); `prices` must keep
  /// at least that much.
  public init(
    index: Int, spec: InstrumentSpecification, prices history: PriceSummary, fxRate: Double, risk: RiskSettings,
    costs: CostSettings, liquidityDays: Int
  ) {
    precondition(
      history.retention.differences >= risk.volatilityWindow && history.retention.volumeRows >= liquidityDays,
      "the summary keeps the volatility and liquidity windows")
    self.index = index
    self.code = spec.code
    self.priceCount = history.count
    self.lastDate = history.lastDate
    self.lastPrice = history.lastPrice
    self.fxRate = fxRate
    let notional = lastPrice * spec.multiplier * fxRate
    self.notional = notional

    let window = volatilityWindow(Array(history.recentPrices), window: risk.volatilityWindow)
    self.priceVolatility = annualisedPriceVolatility(window, businessDaysPerYear: risk.businessDaysPerYear)
    let currencyVolatility = priceVolatility.map { $0 * spec.multiplier * fxRate }
    self.currencyVolatility = currencyVolatility
    self.annualVolatility = currencyVolatility.flatMap { notional != 0 ? $0 / abs(notional) : nil }

    let commission = Tradeable.commission(spec, notional: notional, fxRate: fxRate)
    let spreadCost = halfSpreadCost(spec, fxRate: fxRate)
    self.commission = commission
    self.spreadCost = spreadCost
    let costPerTrade = commission + spreadCost
    self.costPerTrade = costPerTrade
    let costPerTradeSR = currencyVolatility.flatMap { $0 > 0 ? costPerTrade / $0 : nil }
    self.costPerTradeSR = costPerTradeSR

    let rollTrades = 2 * spec.rollsPerYear
    let rebalanceTrades =
      spec.rebalanceTradesPerYear
      ?? volatilityTargetingTurnover(
        window, span: costs.rebalanceSpan, decay: costs.rebalanceDecay, businessDaysPerYear: risk.businessDaysPerYear)
    self.rollTradesPerYear = rollTrades
    self.rebalanceTradesPerYear = rebalanceTrades
    self.rebalanceGiven = spec.rebalanceTradesPerYear != nil
    let annualSRCost = costPerTradeSR.map { $0 * (rollTrades + rebalanceTrades) }
    self.annualSRCost = annualSRCost
    self.netSR = annualSRCost.map { costs.preCostSR - $0 }
    self.liquidity = Self.measureLiquidity(history, multiplier: spec.multiplier, fxRate: fxRate, days: liquidityDays)
  }

  static func measureLiquidity(_ history: PriceSummary, multiplier: Double, fxRate: Double, days: Int) -> Liquidity {
    guard let volumes = history.recentVolumes, days > 0, history.count >= days else { return .unknown }
    // The last `days` rows: the ends of the kept volumes and prices.
    let v0 = volumes.count - days, p0 = history.recentPrices.endIndex - days
    var volume = 0.0, value = 0.0
    for k in 0..<days {
      let v = volumes[v0 + k]
      if v.isNaN { return .unknown }
      volume += v
      value += v * abs(history.recentPrices[p0 + k]) * multiplier * fxRate
    }
    return .measured(meanVolume: volume / Double(days), meanTradedValue: value / Double(days))
  }
}

/// Liquidity over an instrument's last rows (the liquidity filter's window).
public enum Liquidity: Sendable, Equatable {
  /// Not every one of the last rows carries a volume (or there are fewer rows): the filter cannot judge.
  case unknown
  /// Mean contracts a day and mean traded value a day (`volume × |price| × multiplier × fx`, base currency).
  case measured(meanVolume: Double, meanTradedValue: Double)
}
