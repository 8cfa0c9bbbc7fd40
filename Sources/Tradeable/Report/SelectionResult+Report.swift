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
      .history: "fewer than \(NumberFormat.count(filters.history.minimumPrices, "daily price"))",
      .stale: "no price for more than \(NumberFormat.count(filters.stale.maximumWeekdays, "weekday"))",
      .liquidity: "under \(NumberFormat.decimal(filters.liquidity.minimumVolume)) contracts or "
        + "\(money(filters.liquidity.minimumTradedValue)) \(base) a day",
      .cost: "annual cost above \(NumberFormat.fixed(filters.cost.maximumSRCost, decimals: 2)) SR, or zero volatility",
      .capital: "needs more than \(money(capital)) \(base) on its own",
    ]
    let unknownLiquidity = screening.filter { $0.flags.contains(.liquidityUnknown) }.count
    return SelectionReport(
      noun: .instrument, capital: capital, baseCurrency: base, portfolio: portfolio, path: path, search: search, rows: rows,
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
      unit: "contract", maxUnits: settings.sizing.maxContracts,
      chosenColumns: [
        ("Code", .left), ("Name", .left), ("Class", .left), ("Weight", .right), ("Vol", .right), ("SR cost", .right),
      ],
      chosenCells: { _, member in
        let i = member.index
        return [
          metrics[i].code, instruments[i].name, instruments[i].assetClass, NumberFormat.percent(member.weight),
          NumberFormat.percent(metrics[i].annualVolatility), NumberFormat.fixed(metrics[i].annualSRCost, decimals: 4),
        ]
      },
      positionFormula: "Contracts = capital × IDM × weight × target volatility / the contract's volatility; exposure "
        + "= contracts × notional at the last price.",
      screens: "the history, stale, liquidity and cost filters",
      exclusions: exclusionCounts.map { ($0.0, meaning[$0.0] ?? "") },
      notes: unknownLiquidity == 0
        ? []
        : [
          "  \(NumberFormat.count(unknownLiquidity, "instrument")) \(unknownLiquidity == 1 ? "has" : "have") no volume "
            + "data: liquidity unknown, kept."
        ],
      correlationSummary: correlationSummary(width:))
  }

  /// The correlation matrix in plain words: how it was estimated, whether it needed the repair, why, and how far
  /// the repair moved the chosen set's correlations.
  func correlationSummary(width: Int) -> [String] {
    // The matrix is the pool's (every filter but capital, DESIGN.md §3): one estimate and one repair for every
    // capital, of which the eligible instruments read their entries.
    let n = correlation.poolSize
    let c = settings.correlation
    if n < 2 { return ["Correlation: fewer than two instruments in the pool, nothing to estimate."] }
    var lead =
      "Correlation: weekly price differences over \(NumberFormat.count(c.weeks, "ISO week")), each pair over the "
      + "weeks both instruments have (pairwise complete), floored at \(NumberFormat.fixed(c.floor, decimals: 2))"
    if let undefined = correlation.undefinedPairs, undefined > 0 {
      lead += "; \(NumberFormat.count(undefined, "pair")) without two common weeks set to 0"
    }
    lead += "."
    let lines = wrapped(lead, width: width, indent: "")
    let chosenEigenvalue = correlation.selectedSmallestEigenvalue
    guard !correlation.matrixFree, correlation.undefinedPairs != nil else {
      var text =
        "Selected matrix-free (the pool of \(NumberFormat.integer(correlation.poolSize)) is over the "
        + "\(NumberFormat.integer(c.matrixFreeThreshold)) threshold, or it was asked for): only the rows of chosen "
        + "instruments were computed, so no positive-definite check or repair of the whole matrix."
      if let chosenEigenvalue {
        text +=
          " The chosen set's own matrix has smallest eigenvalue \(NumberFormat.fixed(chosenEigenvalue, decimals: 4))"
          + (chosenEigenvalue > 0 ? ", so its Sharpe ratio is sound." : ": not positive definite, so treat its Sharpe "
            + "ratio with care.")
      }
      return lines + wrapped(text, width: width)
    }
    guard let repair = correlation.repair else {
      var text = "Positive-definite repair turned off (--no-correlation-repair)."
      if let chosenEigenvalue, chosenEigenvalue <= 0 {
        text += " The chosen set's matrix is not positive definite (smallest eigenvalue "
          + "\(NumberFormat.fixed(chosenEigenvalue, decimals: 4))): treat its Sharpe ratio with care."
      }
      return lines + wrapped(text, width: width)
    }
    guard repair.repaired else {
      return lines
        + wrapped(
          "The \(n)×\(n) matrix of the pool (every filter but capital) is a valid correlation matrix (positive "
            + "definite, "
            + "smallest eigenvalue \(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))): no repair needed.",
          width: width)
    }
    var text =
      "Correlations estimated pair by pair, each over its own weeks, need not fit together as one matrix, and "
      + "raising negative ones to the floor can break it further: the \(n)×\(n) matrix of the pool (every "
      + "filter but capital) was not positive definite (smallest eigenvalue \(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))"
      + ", \(NumberFormat.count(repair.clippedEigenvalues, "eigenvalue")) below "
      + "\(NumberFormat.scientific(c.eigenvalueFloor, digits: 1))), so some portfolio variances would come out "
      + "negative. It was repaired the standard way: those eigenvalues raised to "
      + "\(NumberFormat.scientific(c.eigenvalueFloor, digits: 1)) and the matrix rescaled to unit diagonal."
    if let change = correlation.largestRepairChange {
      text +=
        " The repair moved the chosen set's correlations by at most \(NumberFormat.fixed(change.change, decimals: 3))"
        + " (\(portfolio.members[change.first].code)–\(portfolio.members[change.second].code))."
    }
    return lines + wrapped(text, width: width)
  }
}
