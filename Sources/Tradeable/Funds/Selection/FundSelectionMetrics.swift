/// What FOF selection measures about one product (or manager series) before choosing (DESIGN.md §8). Amounts are in
/// the base currency; volatilities and fees are annual fractions.
public struct FundSelectionMetrics: Sendable {
  /// Position among the entries.
  public var entry: Int
  public var code: String
  /// Annualised volatility: the standard deviation of the returns of the last 36 months (all returns when the
  /// series is shorter) × √P. `nil` without a frequency or with fewer than two returns.
  public var volatility: Double?
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
  /// Capital the product needs alone at its best case:
  /// `maxUnits × unitRisk / (idmCap × maxWeight × targetVolatility)` (DESIGN.md §5's FOF example: 8,000,000).
  public var minimumCapital: Double?
}

extension FundSelectionMetrics {
  /// Capital one member needs: `min_subscription × max_units × volatility / (IDM × weight × target_vol)`.
  public static func minimumCapital(
    minimumSubscription: Double, maxUnits: Double, volatility: Double, idm: Double, weight: Double,
    targetVolatility: Double
  ) -> Double {
    minimumSubscription * maxUnits * volatility / (idm * weight * targetVolatility)
  }

  /// Measures entry `index` of `entries`.
  ///
  /// - Parameters:
  ///   - memberVolatility: volatility of input product `i` on its own (for a manager's members' fee drags).
  static func measure(
    _ index: Int, entries: [FundEntry], universe: FundUniverse, fxRate: Double, settings: FundSelectionSettings,
    memberVolatility: (Int) -> Double?
  ) -> FundSelectionMetrics {
    let entry = entries[index]
    var volatility: Double? = nil
    if let p = entry.periodsPerYear {
      volatility = FundMetrics.volatility(
        entry.series.trailingReturns(months: settings.volatilityMonths), periodsPerYear: p)
    }
    let unit = entry.product.minimumSubscription.map { $0 * fxRate }
    var drag: FundFeeDrag? = nil
    if let volatility {
      if entry.isMerged {
        let drags = entry.members.map { i in
          FundFeeDrag(
            product: universe.products[i], volatility: memberVolatility(i) ?? volatility,
            preCostSR: settings.preCostSR, holdingYears: settings.holdingYears)
        }
        drag = .mean(drags)
      } else {
        drag = FundFeeDrag(
          product: entry.product, volatility: volatility, preCostSR: settings.preCostSR,
          holdingYears: settings.holdingYears)
      }
    }
    let unitRisk = bothOrNil(unit, volatility).map { $0 * $1 }
    let srCost: Double? = bothOrNil(drag, volatility).flatMap { $1 > 0 ? $0.total / $1 : nil }
    let tradeFee: Double
    if entry.isMerged {
      let ps = entry.members.map { universe.products[$0] }
      tradeFee = ps.map { ($0.subscriptionFee + $0.redemptionFee) / 2 }.reduce(0, +) / Double(ps.count)
    } else {
      tradeFee = (entry.product.subscriptionFee + entry.product.redemptionFee) / 2
    }
    let costPerTrade = unit.map { tradeFee * $0 }
    let minimum: Double? = bothOrNil(unit, volatility).map {
      minimumCapital(
        minimumSubscription: $0, maxUnits: settings.maxUnits, volatility: $1, idm: settings.idmCap,
        weight: settings.maxWeight, targetVolatility: settings.targetVolatility)
    }
    return FundSelectionMetrics(
      entry: index, code: entry.code, volatility: volatility, fxRate: fxRate, minimumSubscription: unit,
      unitRisk: unitRisk, feeDrag: drag, annualSRCost: srCost, netSR: srCost.map { settings.preCostSR - $0 },
      costPerTrade: costPerTrade,
      costPerTradeSR: bothOrNil(costPerTrade, unitRisk).flatMap { $1 > 0 ? $0 / $1 : nil },
      tradesPerYear: 2 / settings.holdingYears, minimumCapital: minimum)
  }
}

/// Both values, or `nil`.
fileprivate func bothOrNil<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
  guard let a, let b else { return nil }
  return (a, b)
}
