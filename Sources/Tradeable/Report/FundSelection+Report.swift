extension FundSelection {
  /// DESIGN.md §7's document with the keys of `tradeable select --format json` (`SelectionReport.json`): every product
  /// — or manager series — in input order; `currencyVolatility` is the unit risk `min_subscription × volatility`,
  /// `costPerTrade` one subscription or redemption of one unit, `tradesPerYear` 2 / holding years; after §7's fields
  /// the product's name, manager, strategy, currency, frequency, NAV count, minimum subscription, fee drag and its
  /// parts, net Sharpe ratio, and a manager series' members.
  public var json: JSONValue { report.json }

  /// The selection as text, laid out like `tradeable select`'s (`SelectionReport.table`), with each excluded product's
  /// reasons.
  public func table(style: TerminalStyle = .plain) -> String { report.table(style: style) }

  /// What the shared renderer needs: the products' rows, chosen-set columns, exclusion meanings and correlation
  /// summary.
  var report: SelectionReport {
    let base = universe.baseCurrency
    let money = NumberFormat.money
    let status = statuses
    let rows = entries.indices.map { k in
      let m = metrics[k]
      let e = entries[k]
      var extra: [(String, JSONValue)] = [
        ("name", .string(e.product.name)),
        ("manager", .string(e.product.manager)),
        ("strategy", .string(e.product.strategy)),
        ("currency", .string(e.product.currency ?? base)),
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
        ("lastNAV", .optional(e.series.navs.last)),
        ("warningLine", .optional(e.product.warningLine)),
        ("stopLine", .optional(e.product.stopLine)),
      ]
      if e.isMerged { extra.append(("members", .array(e.members.map { .string(universe.productCodes[$0]) }))) }
      return SelectionReport.Row(
        code: m.code, currencyVolatility: m.unitRisk, annualVolatility: m.annualVolatility,
        costPerTrade: m.costPerTrade, costPerTradeSR: m.costPerTradeSR, tradesPerYear: m.tradesPerYear,
        annualSRCost: m.annualSRCost, minimumCapital: standaloneCapital[k], status: status[k],
        reasons: screening[k].reasons, flags: [], extra: extra)
    }
    let details = entries.indices.filter { !screening[$0].isEligible }.map { k in
      let entry = entries[k]
      let words = screening[k].reasons.map { reason -> String in
        switch reason {
        case .frequency, .history: return entry.reasonText.isEmpty ? reason.rawValue : ""
        case .capital: return "capital (needs \(money(standaloneCapital[k])) \(base))"
        case .cost: return "cost (\(NumberFormat.fixed(metrics[k].annualSRCost, decimals: 3)) SR a year)"
        case .stopLine:
          guard let nav = entry.series.navs.last, let line = entry.product.stopLine else {
            return "stop_line (a member at or below its stop line)"
          }
          return "stop_line (NAV \(JSONValue.format(nav)) at or below \(JSONValue.format(line)))"
        default: return reason.rawValue
        }
      }
      let cleaning = entry.isKept ? [] : [entry.reasonText]
      return "  \(entry.code): " + (cleaning + words.filter { !$0.isEmpty }).joined(separator: ", ")
    }
    var exclusions: [(ExclusionReason, String)] = [
      (.frequency, "reports less often than monthly (median gap over 35 days)"),
      (.history, "fewer than the minimum number of NAVs"),
      (.volatility, "zero volatility: SR cost undefined"),
    ]
    if entries.contains(where: { $0.product.stopLine != nil }) || metrics.contains(where: \.isAtOrBelowStopLine) {
      exclusions.append((.stopLine, "latest NAV at or below the product's stop-loss line: being liquidated"))
    }
    exclusions.append(
      (
        .cost,
        settings.filters.cost.map { "annual SR cost above \(NumberFormat.fixed($0.maximumSRCost, decimals: 2))" }
          ?? "no cost limit (--max-sr-cost)"
      ))
    exclusions.append((.capital, "needs more than \(money(capital)) \(base) on its own"))
    return SelectionReport(
      noun: .product, capital: capital, baseCurrency: base, portfolio: portfolio, path: path, search: search, rows: rows,
      lastDate: universe.lastDate, smallestWorkable: universe.smallestWorkable.map { ($0.capital, nil) },
      correlation: .object([
        ("mode", .string(matrixFree ? CorrelationMode.matrixFree.rawValue : CorrelationMode.full.rawValue)),
        ("eligible", .integer(eligible.count)),
        (
          "positiveDefinite",
          .bool(matrixFree ? repair.smallestEigenvalue >= settings.risk.positiveDefiniteThreshold : !repair.repaired)
        ),
        ("repaired", .bool(repair.repaired)),
        ("smallestEigenvalue", .optional(repair.smallestEigenvalue)),
        ("clippedEigenvalues", .integer(repair.clippedEigenvalues)),
        ("months", .integer(settings.risk.correlationMonths)),
        ("undefinedPairs", universe.undefinedPairs.map { .integer($0) } ?? .null),
      ]),
      settings: settings.json,
      question: "which funds to hold",
      source: "\(universe.source), products \(universe.productsFile ?? "—")",
      countQualifier: entries.contains { $0.isMerged } ? " (managers merged)" : "",
      unit: "unit", maxUnits: settings.sizing.maxContracts,
      chosenColumns: [
        ("Code", .left), ("Name", .left), ("Weight", .right), ("Vol", .right), ("Fee drag", .right),
        ("SR cost", .right), ("Min subscription", .right),
      ],
      chosenCells: { _, member in
        let i = member.index
        return [
          metrics[i].code, entries[i].product.name, NumberFormat.percent(member.weight),
          NumberFormat.percent(metrics[i].annualVolatility),
          NumberFormat.percent(metrics[i].feeDrag?.total, decimals: 2),
          NumberFormat.fixed(metrics[i].annualSRCost, decimals: 4), money(metrics[i].minimumSubscription),
        ]
      },
      positionFormula: "Units = capital × IDM × weight × target volatility / (minimum subscription × volatility), a "
        + "unit being one minimum subscription; exposure = units × minimum subscription.",
      screens: "the frequency, history and volatility checks",
      exclusions: exclusions,
      exclusionDetails: details,
      correlationSummary: { width in
        correlationSummary.split(separator: "\n").flatMap { line -> [String] in
          let indent = line.hasPrefix("  ") ? "  " : ""
          return wrapped(String(line.dropFirst(indent.count)), width: width, indent: indent)
        }
      })
  }

  /// The correlation paragraph: monthly, pairwise, no floor; the pool's matrix (every filter but capital, DESIGN.md §3)
  /// positive definite or repaired, once for every capital.
  var correlationSummary: String {
    let n = universe.poolSize
    if n < 2 { return "Correlation: fewer than two products in the pool, nothing to estimate." }
    let undefined = (universe.undefinedPairs ?? 0) > 0 ? " (\(universe.undefinedPairs!) pairs without overlap set to 0)" : ""
    let lead =
      "Correlation: monthly returns of month-end NAVs, pairwise over \(settings.risk.correlationMonths) months, no "
      + "floor\(undefined).\n"
    if matrixFree {
      let k = portfolio.members.count
      return lead + "  Matrix-free: \(universe.poolSize) products in the pool, over the threshold of "
        + "\(NumberFormat.integer(settings.risk.matrixFreeThreshold)); each chosen product's row comes from the monthly "
        + "panel and no \(n)×\(n) matrix is formed or repaired."
        + (k > 0
          ? " The chosen set's \(k)×\(k) matrix has smallest eigenvalue "
            + "\(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))"
            + (repair.smallestEigenvalue >= settings.risk.positiveDefiniteThreshold
              ? "." : " (not positive definite, not repaired: pairwise estimates over ragged histories).") : "")
    }
    if repair.repaired {
      return lead + "  The \(n)×\(n) matrix of the pool was not positive definite (smallest eigenvalue "
        + "\(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))): \(repair.clippedEigenvalues) eigenvalues "
        + "clipped at \(NumberFormat.scientific(settings.risk.eigenvalueFloor, digits: 1)) and rescaled (repaired)."
    }
    return lead + "  The \(n)×\(n) matrix of the pool is positive definite (smallest eigenvalue "
      + "\(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))); no repair needed."
  }
}
