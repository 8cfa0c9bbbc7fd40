extension SelectionResult {
  /// The selection as text: the greedy path step by step, the refinement's moves and the exact search's result (with
  /// `--search refined` or `exact`), the chosen set with weights, a summary of exclusions by
  /// reason and the state of the correlation matrix.
  public func table(style: TerminalStyle = .plain) -> String {
    let base = universe.baseCurrency
    let money = NumberFormat.money
    var out: [String] = []
    out.append(style.bold("Tradeable — which instruments to trade with \(money(capital)) \(base)"))
    let lastDate = universe.lastDate.map { ", last date \($0)" } ?? ""
    out.append(
      "Data: \(universe.source) — \(NumberFormat.integer(metrics.count)) instruments\(lastDate); "
        + "\(NumberFormat.integer(eligible.count)) pass every filter.")
    out.append("")

    if let sharpe = portfolio.sharpe, let idm = portfolio.idm, let needed = portfolio.minimumCapital {
      out.append(style.bold("Selection, step by step"))
      out.append(
        path.stepTable(code: { metrics[$0].code }, baseCurrency: base, style: style))
      out.append("  Stopped: \(path.stopReason.rawValue).")
      out.append("")
      let refinement = search.refinementText(code: { metrics[$0].code }, baseCurrency: base, style: style)
      if !refinement.isEmpty {
        out.append(contentsOf: refinement)
        out.append("")
      }

      out.append(
        style.bold(
          "Chosen set: \(portfolio.members.count) instrument\(portfolio.members.count == 1 ? "" : "s"), Sharpe "
            + "\(NumberFormat.fixed(sharpe, decimals: 4)), IDM \(NumberFormat.fixed(idm, decimals: 3)), "
            + "needs \(money(needed)) \(base)"))
      var chosen = TextTable([
        ("Code", .left), ("Name", .left), ("Class", .left), ("Weight", .right), ("Vol", .right),
        ("SR cost", .right), ("Capital needed (\(base))", .right),
      ])
      for member in portfolio.members {
        let i = member.index
        chosen.append([
          metrics[i].code, String(instruments[i].name.prefix(32)), instruments[i].assetClass,
          NumberFormat.percent(member.weight), NumberFormat.percent(metrics[i].annualVolatility),
          NumberFormat.fixed(metrics[i].annualSRCost, decimals: 4), money(member.minimumCapital),
        ])
      }
      out.append(chosen.rendered(style: style))
    } else {
      out.append(style.bold("Nothing can be selected with \(money(capital)) \(base)."))
      if let workable = universe.smallestWorkable {
        out.append(
          "  The smallest capital that admits an instrument is \(money(workable.capital.rounded(.up))) \(base) "
            + "(\(workable.code)).")
      } else {
        out.append("  No instrument passes the history, stale, liquidity and cost filters at any capital.")
      }
    }
    out.append("")

    out.append(style.bold("Exclusions") + " (an instrument may have several reasons)")
    var exclusions = TextTable([("Reason", .left), ("Instruments", .right), ("Meaning", .left)])
    let filters = settings.filters
    let meaning: [ExclusionReason: String] = [
      .history: "fewer than \(filters.history.minimumPrices) daily prices",
      .stale: "no price for more than \(filters.stale.maximumWeekdays) weekdays",
      .liquidity: "under \(NumberFormat.money(filters.liquidity.minimumVolume)) contracts or "
        + "\(money(filters.liquidity.minimumTradedValue)) \(base) a day",
      .cost: "annual cost above \(NumberFormat.fixed(filters.cost.maximumSRCost, decimals: 2)) SR, or zero volatility",
      .capital: "needs more than \(money(capital)) \(base) on its own",
    ]
    for (reason, count) in exclusionCounts {
      exclusions.append([reason.rawValue, NumberFormat.integer(count), meaning[reason] ?? ""])
    }
    out.append(exclusions.rendered(style: style))
    let statusCounts = statuses.reduce(into: [InstrumentStatus: Int]()) { $0[$1, default: 0] += 1 }
    out.append(
      "  \(NumberFormat.integer(statusCounts[.excluded, default: 0])) excluded, "
        + "\(NumberFormat.integer(statusCounts[.eligible, default: 0])) eligible but not chosen, "
        + "\(NumberFormat.integer(statusCounts[.selected, default: 0])) selected.")
    let unknownLiquidity = screening.filter { $0.flags.contains(.liquidityUnknown) }.count
    if unknownLiquidity > 0 {
      out.append(
        "  \(NumberFormat.integer(unknownLiquidity)) instrument\(unknownLiquidity == 1 ? " has" : "s have") no volume data: liquidity unknown, "
          + "kept.")
    }
    out.append("")
    out.append(correlationSummary)
    return out.joined(separator: "\n")
  }

  /// One line on the correlation matrix: the pool's (every filter but capital), checked and repaired once for every
  /// capital (DESIGN.md §3).
  var correlationSummary: String {
    let n = correlation.poolSize
    if correlation.eligibleCount < 2 || n < 2 {
      return "Correlation: fewer than two eligible instruments, nothing to estimate."
    }
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
      return lead + undefined + ".\n  The \(n)×\(n) matrix of the pool (every filter but capital) was not positive definite (smallest "
        + "eigenvalue \(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))): \(repair.clippedEigenvalues) "
        + "eigenvalues clipped at \(NumberFormat.scientific(settings.correlation.eigenvalueFloor, digits: 1)) and the "
        + "matrix rescaled to unit diagonal (repaired)."
    }
    return lead + undefined + ".\n  The \(n)×\(n) matrix of the pool (every filter but capital) is positive definite (smallest eigenvalue "
      + "\(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))); no repair needed."
  }
}
