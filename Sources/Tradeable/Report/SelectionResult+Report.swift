extension SelectionResult {
  /// The selection as DESIGN.md §7's JSON document (`SelectionReport.json`), each instrument with its name, asset
  /// class, currency, last date, notional, roll and rebalance trades and net Sharpe ratio after §7's fields.
  public var json: JSONValue { report.json }

  /// The selection as text (`SelectionReport.table`).
  public func table(style: TerminalStyle = .plain) -> String { report.table(style: style) }

  /// What the shared renderer needs: the futures' rows, chosen-set columns, exclusion meanings and correlation summary.
  var report: SelectionReport {
    let status = statuses
    let base = universe.baseCurrency
    let money = NumberFormat.money
    let rows = metrics.indices.map { i in
      let m = metrics[i]
      let spec = instruments[i]
      return SelectionReport.Row(
        code: m.code, currencyVolatility: m.currencyVolatility, annualVolatility: m.annualVolatility,
        costPerTrade: m.costPerTrade, costPerTradeSR: m.costPerTradeSR, tradesPerYear: m.tradesPerYear,
        annualSRCost: m.annualSRCost, minimumCapital: standaloneCapital[i], status: status[i],
        reasons: screening[i].reasons, flags: screening[i].flags,
        extra: [
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
    let filters = settings.filters
    let meaning: [ExclusionReason: String] = [
      .history: "fewer than \(filters.history.minimumPrices) daily prices",
      .stale: "no price for more than \(filters.stale.maximumWeekdays) weekdays",
      .liquidity: "under \(NumberFormat.money(filters.liquidity.minimumVolume)) contracts or "
        + "\(money(filters.liquidity.minimumTradedValue)) \(base) a day",
      .cost: "annual cost above \(NumberFormat.fixed(filters.cost.maximumSRCost, decimals: 2)) SR, or zero volatility",
      .capital: "needs more than \(money(capital)) \(base) on its own",
    ]
    let unknownLiquidity = screening.filter { $0.flags.contains(.liquidityUnknown) }.count
    return SelectionReport(
      noun: .instrument, capital: capital, baseCurrency: base, portfolio: portfolio, path: path, rows: rows,
      lastDate: universe.lastDate,
      smallestWorkable: universe.smallestWorkable.map { ($0.capital, $0.code) },
      correlation: .object([
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
      ]),
      settings: settings.json,
      question: "which instruments to trade", source: universe.source,
      chosenColumns: [
        ("Code", .left), ("Name", .left), ("Class", .left), ("Weight", .right), ("Vol", .right),
        ("SR cost", .right), ("Capital needed (\(base))", .right),
      ],
      chosenCells: { _, member in
        let i = member.index
        return [
          metrics[i].code, String(instruments[i].name.prefix(32)), instruments[i].assetClass,
          NumberFormat.percent(member.weight), NumberFormat.percent(metrics[i].annualVolatility),
          NumberFormat.fixed(metrics[i].annualSRCost, decimals: 4), money(member.minimumCapital),
        ]
      },
      screens: "the history, stale, liquidity and cost filters",
      exclusions: exclusionCounts.map { ($0.0, meaning[$0.0] ?? "") },
      notes: unknownLiquidity == 0
        ? []
        : [
          "  \(NumberFormat.integer(unknownLiquidity)) instrument\(unknownLiquidity == 1 ? " has" : "s have") no "
            + "volume data: liquidity unknown, kept."
        ],
      correlationSummary: correlationSummary)
  }

  /// One line on the correlation matrix of the eligible set.
  var correlationSummary: String {
    let n = correlation.eligibleCount
    if n < 2 { return "Correlation: fewer than two eligible instruments, nothing to estimate." }
    let lead =
      "Correlation: weekly, pairwise over \(settings.correlation.weeks) ISO weeks, floored at "
      + "\(NumberFormat.fixed(settings.correlation.floor, decimals: 2))"
    let selected = correlation.selectedSmallestEigenvalue.map {
      " The chosen set's matrix has smallest eigenvalue \(NumberFormat.fixed($0, decimals: 4))"
        + ($0 > 0 ? "." : ": not positive definite, treat its Sharpe ratio with care.")
    } ?? ""
    guard !correlation.matrixFree, let undefinedPairs = correlation.undefinedPairs else {
      return lead + "; matrix-free: only the rows of selected instruments were computed (pool of "
        + "\(correlation.poolSize) over the \(NumberFormat.money(Double(settings.correlation.matrixFreeThreshold))) "
        + "threshold, or --correlation-mode matrix-free), so no positive-definite repair.\n " + selected
    }
    let undefined = undefinedPairs > 0 ? " (\(undefinedPairs) pairs without overlap set to 0)" : ""
    guard let repair = correlation.repair else {
      return lead + undefined + "; positive-definite repair turned off.\n " + selected
    }
    if repair.repaired {
      return lead + undefined + ".\n  The \(n)×\(n) matrix of the eligible set was not positive definite (smallest "
        + "eigenvalue \(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))): \(repair.clippedEigenvalues) "
        + "eigenvalues clipped at \(NumberFormat.scientific(settings.correlation.eigenvalueFloor, digits: 1)) and the "
        + "matrix rescaled to unit diagonal (repaired)."
    }
    return lead + undefined + ".\n  The \(n)×\(n) matrix of the eligible set is positive definite (smallest eigenvalue "
      + "\(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))); no repair needed."
  }
}
