extension SelectionResult {
  /// The selection as DESIGN.md §7's JSON document: `capital`, `baseCurrency`, `portfolio`, `steps`, `instruments`
  /// (every input instrument, input order), then extra keys a reader may ignore (`lastDate`, `stopReason`,
  /// `smallestWorkableCapital`, `correlation`, `settings`). Undefined numbers are `null`; when nothing is selected the
  /// portfolio's `sharpe`, `idm` and `minimumCapital` are `null` and its `instruments` and `steps` are empty.
  public var json: JSONValue {
    let code = { (candidate: Int) in self.metrics[self.eligible[candidate]].code }
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
        ("minimumCapital", .optional(m.minimumCapital)),
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
      ("baseCurrency", .string(analysis.universe.fx.baseCurrency)),
      ("portfolio", path.portfolioJSON(code: code)),
      ("steps", path.stepsJSON(code: code)),
      ("instruments", .array(instrumentsJSON)),
      ("lastDate", analysis.lastDate.map { .string($0.description) } ?? .null),
      ("stopReason", .string(path.stopReason.rawValue)),
      ("smallestWorkableCapital", .optional(analysis.smallestWorkableCapital)),
      (
        "correlation",
        .object([
          ("mode", .string(matrixFree ? "matrix-free" : "full")),
          ("pool", .integer(analysis.pool.count)),
          ("weeks", .integer(analysis.poolPanel.rows)),
          ("panelHasGaps", .bool(analysis.poolPanel.hasGaps)),
          ("eligible", .integer(eligible.count)),
          ("positiveDefinite", repair.map { .bool(!$0.repaired) } ?? .null),
          ("repaired", .bool(repair?.repaired ?? false)),
          ("smallestEigenvalue", .optional(repair?.smallestEigenvalue)),
          ("clippedEigenvalues", .integer(repair?.clippedEigenvalues ?? 0)),
          ("selectedSmallestEigenvalue", .optional(selectedSmallestEigenvalue)),
        ])
      ),
      ("settings", settings.json),
    ])
  }
}

extension SelectionSettings {
  /// The settings as a JSON object (every option, so a run can be reproduced).
  public var json: JSONValue {
    .object([
      ("preCostSR", .number(preCostSR)),
      ("maxSRCost", .number(maxSRCost)),
      ("maxContracts", .number(maxContracts)),
      ("idmCap", .number(idmCap)),
      ("maxWeight", .number(maxWeight)),
      ("targetVolatility", .number(targetVolatility)),
      ("correlationFloor", .number(correlationFloor)),
      ("maxInstruments", maxInstruments.map { .integer($0) } ?? .null),
      ("weighting", .string(weighting.rawValue)),
      ("correlationMode", .string(correlationMode.rawValue)),
    ])
  }
}
