extension SelectionResult {
  /// The selection as text: the greedy path step by step, the chosen set with weights, a summary of exclusions by
  /// reason and the state of the correlation matrix.
  public func table(style: TerminalStyle = .plain) -> String {
    let base = analysis.universe.fx.baseCurrency
    let money = NumberFormat.money
    var out: [String] = []
    out.append(style.bold("Tradeable — which instruments to trade with \(money(capital)) \(base)"))
    let lastDate = analysis.lastDate.map { ", last date \($0)" } ?? ""
    out.append(
      "Data: \(analysis.universe.source) — \(NumberFormat.integer(metrics.count)) instruments\(lastDate); "
        + "\(NumberFormat.integer(eligible.count)) pass every filter.")
    out.append("")

    if let final = path.final {
      out.append(style.bold("Selection, step by step"))
      out.append(
        path.stepTable(code: { metrics[eligible[$0]].code }, baseCurrency: base, style: style))
      out.append("  Stopped: \(path.stopReason.rawValue).")
      out.append("")

      out.append(
        style.bold(
          "Chosen set: \(final.members.count) instrument\(final.members.count == 1 ? "" : "s"), Sharpe "
            + "\(NumberFormat.fixed(final.sharpe, decimals: 4)), IDM \(NumberFormat.fixed(final.idm, decimals: 3)), "
            + "needs \(money(final.minimumCapital)) \(base)"))
      var chosen = TextTable([
        ("Code", .left), ("Name", .left), ("Class", .left), ("Weight", .right), ("Vol", .right),
        ("SR cost", .right), ("Capital needed (\(base))", .right),
      ])
      for (k, member) in final.members.enumerated() {
        let i = eligible[member]
        chosen.append([
          metrics[i].code, String(instruments[i].name.prefix(32)), instruments[i].assetClass,
          NumberFormat.percent(final.weights[k]), NumberFormat.percent(metrics[i].annualVolatility),
          NumberFormat.fixed(metrics[i].annualSRCost, decimals: 4), money(final.memberCapital[k]),
        ])
      }
      out.append(chosen.rendered(style: style))
    } else {
      out.append(style.bold("Nothing can be selected with \(money(capital)) \(base)."))
      if let needed = analysis.smallestWorkableCapital {
        let which = analysis.pool.min { a, b in
          workable(a) < workable(b) || (workable(a) == workable(b) && metrics[a].code < metrics[b].code)
        }
        out.append(
          "  The smallest capital that admits an instrument is \(money(needed.rounded(.up))) \(base)"
            + (which.map { " (\(metrics[$0].code))." } ?? "."))
      } else {
        out.append("  No instrument passes the history, stale, liquidity and cost filters at any capital.")
      }
    }
    out.append("")

    out.append(style.bold("Exclusions") + " (an instrument may have several reasons)")
    var exclusions = TextTable([("Reason", .left), ("Instruments", .right), ("Meaning", .left)])
    let meaning: [ExclusionReason: String] = [
      .history: "fewer than \(settings.minimumHistory) daily prices",
      .stale: "no price for more than \(settings.staleWeekdays) weekdays",
      .liquidity: "under \(NumberFormat.money(settings.minimumVolume)) contracts or "
        + "\(money(settings.minimumTradedValue)) \(base) a day",
      .cost: "annual cost above \(NumberFormat.fixed(settings.maxSRCost, decimals: 2)) SR, or zero volatility",
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

  /// The capital at which instrument `i` (of the pool) becomes workable.
  func workable(_ i: Int) -> Double {
    guard let standalone = metrics[i].minimumCapital, let risk = metrics[i].currencyVolatility else { return .infinity }
    return max(standalone, settings.maxContracts * risk / settings.targetVolatility)
  }

  /// One line on the correlation matrix of the eligible set.
  var correlationSummary: String {
    let n = eligible.count
    if n < 2 { return "Correlation: fewer than two eligible instruments, nothing to estimate." }
    let lead =
      "Correlation: weekly, pairwise over \(settings.correlationWeeks) ISO weeks, floored at "
      + "\(NumberFormat.fixed(settings.correlationFloor, decimals: 2))"
    let selected = selectedSmallestEigenvalue.map {
      " The chosen set's matrix has smallest eigenvalue \(NumberFormat.fixed($0, decimals: 4))"
        + ($0 > 0 ? "." : ": not positive definite, treat its Sharpe ratio with care.")
    } ?? ""
    guard !matrixFree, let estimate = analysis.poolCorrelation else {
      return lead + "; matrix-free: only the rows of selected instruments were computed (pool of "
        + "\(analysis.pool.count) over the \(NumberFormat.money(Double(settings.matrixFreeThreshold))) threshold, or "
        + "--correlation-mode matrix-free), so no positive-definite repair.\n " + selected
    }
    let undefined = estimate.undefinedPairs > 0 ? " (\(estimate.undefinedPairs) pairs without overlap set to 0)" : ""
    guard let repair else { return lead + undefined + "; positive-definite repair turned off.\n " + selected }
    if repair.repaired {
      return lead + undefined + ".\n  The \(n)×\(n) matrix of the eligible set was not positive definite (smallest "
        + "eigenvalue \(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))): \(repair.clippedEigenvalues) "
        + "eigenvalues clipped at \(NumberFormat.scientific(settings.eigenvalueFloor, digits: 1)) and the matrix "
        + "rescaled to unit diagonal (repaired)."
    }
    return lead + undefined + ".\n  The \(n)×\(n) matrix of the eligible set is positive definite (smallest eigenvalue "
      + "\(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))); no repair needed."
  }
}
