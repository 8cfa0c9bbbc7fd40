extension FundSelection {
  /// DESIGN.md §7's document, with the keys of `tradeable select --format json`: `capital`, `baseCurrency`,
  /// `portfolio`, `steps`, `refinement`, `search`, `instruments` (every product — or manager series — in input order; `currencyVolatility` is
  /// the unit risk `min_subscription × volatility`, `costPerTrade` one subscription or redemption of one unit,
  /// `tradesPerYear` 2 / holding years), then extra keys a reader may ignore.
  public var json: JSONValue {
    let metrics = analysis.metrics
    let entries = analysis.entries
    let code = { (k: Int) in metrics[k].code }
    let status = statuses
    let instruments: [JSONValue] = entries.indices.map { k in
      let m = metrics[k]
      let e = entries[k]
      var fields: [(String, JSONValue)] = [
        ("code", .string(m.code)),
        ("currencyVolatility", .optional(m.unitRisk)),
        ("annualVolatility", .optional(m.volatility)),
        ("costPerTrade", .optional(m.costPerTrade)),
        ("costPerTradeSR", .optional(m.costPerTradeSR)),
        ("tradesPerYear", .optional(m.tradesPerYear)),
        ("annualSRCost", .optional(m.annualSRCost)),
        ("minimumCapital", .optional(m.minimumCapital)),
        ("status", .string(status[k].rawValue)),
        ("reasons", .array(reasons[k].map { .string($0.rawValue) })),
        ("flags", .array([])),
        ("name", .string(e.product.name)),
        ("manager", .string(e.product.manager)),
        ("strategy", .string(e.product.strategy)),
        ("currency", .string(e.product.currency ?? analysis.fx.baseCurrency)),
        ("lastDate", e.series.lastDate.map { .string($0.description) } ?? .null),
        ("frequency", e.frequency.map { .string($0.rawValue) } ?? .null),
        ("periodsPerYear", .optional(e.periodsPerYear)),
        ("observations", .integer(e.series.count)),
        ("minimumSubscription", .optional(m.minimumSubscription)),
        ("feeDrag", .optional(m.feeDrag?.total)),
        ("managementFee", .optional(m.feeDrag?.management)),
        ("custodyFee", .optional(m.feeDrag?.custody)),
        ("expectedPerformanceFee", .optional(m.feeDrag?.expectedPerformance)),
        ("transactionFeesPerYear", .optional(m.feeDrag?.transactions)),
        ("netSR", .optional(m.netSR)),
      ]
      if e.isMerged {
        fields.append(("members", .array(e.members.map { .string(analysis.universe.products[$0].code) })))
      }
      return .object(fields)
    }
    return .object([
      ("capital", .number(capital)),
      ("baseCurrency", .string(analysis.fx.baseCurrency)),
      ("portfolio", portfolio.json),
      ("steps", path.stepsJSON(code: code)),
      ("refinement", search.refinementJSON(code: code)),
      ("search", search.searchJSON(code: code)),
      ("instruments", .array(instruments)),
      ("lastDate", analysis.lastDate.map { .string($0.description) } ?? .null),
      ("stopReason", .string(path.stopReason.rawValue)),
      ("smallestWorkableCapital", .optional(analysis.smallestWorkableCapital)),
      (
        "correlation",
        .object([
          ("eligible", .integer(eligible.count)),
          ("positiveDefinite", .bool(!repair.repaired)),
          ("repaired", .bool(repair.repaired)),
          ("smallestEigenvalue", .optional(repair.smallestEigenvalue)),
          ("clippedEigenvalues", .integer(repair.clippedEigenvalues)),
          ("months", .integer(settings.correlationMonths)),
          ("undefinedPairs", .integer(analysis.undefinedPairs)),
        ])
      ),
      ("settings", settings.json),
    ])
  }
}

extension FundSelectionSettings {
  /// Every option, so a run can be reproduced.
  public var json: JSONValue {
    .object([
      ("preCostSR", .number(preCostSR)),
      ("maxUnits", .number(maxUnits)),
      ("idmCap", .number(idmCap)),
      ("maxWeight", .number(maxWeight)),
      ("targetVolatility", .number(targetVolatility)),
      ("holdingYears", .number(holdingYears)),
      ("volatilityMonths", .integer(volatilityMonths)),
      ("correlationMonths", .integer(correlationMonths)),
      ("maxSRCost", .optional(maxSRCost)),
      ("maxInstruments", maxInstruments.map { .integer($0) } ?? .null),
    ])
  }
}
