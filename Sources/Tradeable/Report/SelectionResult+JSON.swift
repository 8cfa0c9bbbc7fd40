extension SelectionResult {
  /// The selection as DESIGN.md §7's JSON document: `capital`, `baseCurrency`, `portfolio` (the final set), `steps`
  /// (the greedy path), `refinement` (the winning start's moves), `search` (how the set was found), `instruments`
  /// (every input instrument, input order), then extra keys a reader may ignore (`lastDate`, `stopReason`,
  /// `smallestWorkableCapital`, `correlation`, `settings`). Undefined numbers are `null`; when nothing is selected the
  /// portfolio's `sharpe`, `idm` and `minimumCapital` are `null` and its `instruments` and `steps` are empty.
  public var json: JSONValue {
    let code = { (i: Int) in self.metrics[i].code }
    let status = statuses
    let instrumentsJSON: [JSONValue] = metrics.indices.map { i in
      let m = metrics[i]
      let spec = instruments[i]
      return .object([
        ("code", .string(m.code)),
        ("currencyVolatility", .optional(m.currencyVolatility)),
        ("annualVolatility", .optional(m.annualVolatility)),
        ("costPerTrade", .optional(m.costPerTrade)),
        ("costPerTradeSR", .optional(m.costPerTradeSR)),
        ("tradesPerYear", .optional(m.tradesPerYear)),
        ("annualSRCost", .optional(m.annualSRCost)),
        ("minimumCapital", .optional(standaloneCapital[i])),
        ("status", .string(status[i].rawValue)),
        ("reasons", .array(screening[i].reasons.map { .string($0.rawValue) })),
        ("flags", .array(screening[i].flags.map { .string($0.rawValue) })),
        ("name", .string(spec.name)),
        ("assetClass", .string(spec.assetClass)),
        ("currency", .string(spec.currency)),
        ("lastDate", m.lastDate.map { .string($0.description) } ?? .null),
        ("notional", .optional(m.notional)),
        ("rollTradesPerYear", .optional(m.rollTradesPerYear)),
        ("rebalanceTradesPerYear", .optional(m.rebalanceTradesPerYear)),
        ("netSR", .optional(m.netSR)),
      ])
    }
    return .object([
      ("capital", .number(capital)),
      ("baseCurrency", .string(universe.baseCurrency)),
      ("portfolio", portfolio.json),
      ("steps", path.stepsJSON(code: code)),
      ("refinement", search.refinementJSON(code: code)),
      ("search", search.searchJSON(code: code)),
      ("instruments", .array(instrumentsJSON)),
      ("lastDate", universe.lastDate.map { .string($0.description) } ?? .null),
      ("stopReason", .string(path.stopReason.rawValue)),
      ("smallestWorkableCapital", .optional(universe.smallestWorkable?.capital)),
      (
        "correlation",
        .object([
          ("mode", .string(correlation.matrixFree ? "matrix-free" : "full")),
          ("pool", .integer(correlation.poolSize)),
          ("weeks", .integer(correlation.weeks)),
          ("panelHasGaps", .bool(correlation.panelHasGaps)),
          ("eligible", .integer(correlation.eligibleCount)),
          ("positiveDefinite", correlation.repair.map { .bool(!$0.repaired) } ?? .null),
          ("repaired", .bool(correlation.repair?.repaired ?? false)),
          ("smallestEigenvalue", .optional(correlation.repair?.smallestEigenvalue)),
          ("clippedEigenvalues", .integer(correlation.repair?.clippedEigenvalues ?? 0)),
          ("selectedSmallestEigenvalue", .optional(correlation.selectedSmallestEigenvalue)),
        ])
      ),
      ("settings", settings.json),
    ])
  }
}
