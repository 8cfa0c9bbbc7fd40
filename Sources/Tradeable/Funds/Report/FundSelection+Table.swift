extension FundSelection {
  /// The selection as text, laid out like `tradeable select`'s: the greedy path step by step, the chosen set, the
  /// exclusions by reason and the state of the correlation matrix.
  public func table(style: TerminalStyle = .plain) -> String {
    let base = analysis.fx.baseCurrency
    let money = NumberFormat.money
    let metrics = analysis.metrics
    let entries = analysis.entries
    var out: [String] = []
    out.append(style.bold("Tradeable — which funds to hold with \(money(capital)) \(base)"))
    let lastDate = analysis.lastDate.map { ", last date \($0)" } ?? ""
    let merged = entries.contains { $0.isMerged } ? " (managers merged)" : ""
    out.append(
      "Data: \(analysis.universe.source), products \(analysis.universe.productsFile ?? "—") — "
        + "\(entries.count) product\(entries.count == 1 ? "" : "s")\(merged)\(lastDate); \(eligible.count) pass every "
        + "filter.")
    out.append("")

    if let final = search.final {
      out.append(style.bold("Selection, step by step"))
      out.append(
        path.stepTable(code: { metrics[$0].code }, baseCurrency: base, style: style))
      out.append("  Stopped: \(path.stopReason.rawValue.replacing("instrument", with: "product")).")
      out.append("")
      let refinement = search.refinementText(code: { metrics[$0].code }, baseCurrency: base, style: style)
      if !refinement.isEmpty {
        out.append(contentsOf: refinement)
        out.append("")
      }
      let count = final.members.count
      out.append(
        style.bold(
          "Chosen set: \(count) product\(count == 1 ? "" : "s"), Sharpe "
            + "\(NumberFormat.fixed(final.sharpe, decimals: 4)), "
            + "IDM \(NumberFormat.fixed(final.idm, decimals: 3)), needs \(money(final.minimumCapital)) \(base)"))
      var chosen = TextTable([
        ("Code", .left), ("Name", .left), ("Weight", .right), ("Vol", .right), ("Fee drag", .right),
        ("SR cost", .right), ("Min subscription", .right), ("Capital needed (\(base))", .right),
      ])
      for (k, member) in final.members.enumerated() {
        let i = member
        chosen.append([
          metrics[i].code, String(entries[i].product.name.prefix(36)), NumberFormat.percent(final.weights[k]),
          NumberFormat.percent(metrics[i].volatility), NumberFormat.percent(metrics[i].feeDrag?.total, decimals: 2),
          NumberFormat.fixed(metrics[i].annualSRCost, decimals: 4), money(metrics[i].minimumSubscription),
          money(final.memberCapital[k]),
        ])
      }
      out.append(chosen.rendered(style: style))
    } else {
      out.append(style.bold("Nothing can be selected with \(money(capital)) \(base)."))
      if let needed = analysis.smallestWorkableCapital {
        out.append("  The smallest capital that admits a product is \(money(needed.rounded(.up))) \(base).")
      } else {
        out.append("  No product passes the frequency, history and volatility checks at any capital.")
      }
    }
    out.append("")
    out.append(style.bold("Exclusions") + " (a product may have several reasons)")
    var exclusions = TextTable([("Reason", .left), ("Products", .right), ("Meaning", .left)])
    let meanings: [(FundExclusionReason, String)] = [
      (.frequency, "reports less often than monthly (median gap over 35 days)"),
      (.history, "fewer than the minimum number of NAVs"),
      (.volatility, "zero volatility: SR cost undefined"),
      (
        .cost,
        settings.maxSRCost.map { "annual SR cost above \(NumberFormat.fixed($0, decimals: 2))" }
          ?? "no cost limit (--max-sr-cost)"
      ),
      (.capital, "needs more than \(money(capital)) \(base) on its own"),
    ]
    for (reason, meaning) in meanings {
      exclusions.append([reason.rawValue, "\(reasons.filter { $0.contains(reason) }.count)", meaning])
    }
    out.append(exclusions.rendered(style: style))
    for k in entries.indices where !reasons[k].isEmpty {
      let words = reasons[k].map { reason -> String in
        switch reason {
        case .frequency, .history: return entries[k].reasonText.isEmpty ? reason.rawValue : ""
        case .capital: return "capital (needs \(money(metrics[k].minimumCapital)) \(base))"
        case .cost: return "cost (\(NumberFormat.fixed(metrics[k].annualSRCost, decimals: 3)) SR a year)"
        default: return reason.rawValue
        }
      }
      let cleaning = entries[k].isKept ? [] : [entries[k].reasonText]
      out.append("  \(entries[k].code): " + (cleaning + words.filter { !$0.isEmpty }).joined(separator: ", "))
    }
    let status = statuses
    out.append(
      "  \(status.filter { $0 == .excluded }.count) excluded, \(status.filter { $0 == .eligible }.count) eligible but "
        + "not chosen, \(status.filter { $0 == .selected }.count) selected.")
    out.append("")
    let n = eligible.count
    if n < 2 {
      out.append("Correlation: fewer than two eligible products, nothing to estimate.")
    } else {
      let undefined = analysis.undefinedPairs > 0 ? " (\(analysis.undefinedPairs) pairs without overlap set to 0)" : ""
      out.append(
        "Correlation: monthly returns of month-end NAVs, pairwise over \(settings.correlationMonths) months, no floor"
          + "\(undefined).")
      if repair.repaired {
        out.append(
          "  The \(n)×\(n) matrix was not positive definite (smallest eigenvalue "
            + "\(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))): \(repair.clippedEigenvalues) "
            + "eigenvalues "
            + "clipped at \(NumberFormat.scientific(settings.eigenvalueFloor, digits: 1)) and rescaled (repaired).")
      } else {
        out.append(
          "  The \(n)×\(n) matrix is positive definite (smallest eigenvalue "
            + "\(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))); no repair needed.")
      }
    }
    return out.joined(separator: "\n")
  }

  /// One row per product (or manager series), input order, full precision.
  public var csv: String {
    var lines = [
      CSVWriter.line([
        "code", "status", "reasons", "step", "weight", "member_capital", "volatility", "minimum_subscription",
        "unit_risk", "fee_drag", "management_fee", "custody_fee", "expected_performance_fee",
        "transaction_fees_per_year", "annual_sr_cost", "net_sr", "minimum_capital",
      ])
    ]
    let member = portfolio.membership
    let status = statuses
    for (k, m) in analysis.metrics.enumerated() {
      lines.append(
        CSVWriter.line([
          m.code, status[k].rawValue, reasons[k].map(\.rawValue).joined(separator: ";"),
          member[k].map { "\($0.step)" } ?? "", CSVWriter.number(member[k]?.weight), CSVWriter.number(member[k]?.capital),
          CSVWriter.number(m.volatility), CSVWriter.number(m.minimumSubscription), CSVWriter.number(m.unitRisk),
          CSVWriter.number(m.feeDrag?.total), CSVWriter.number(m.feeDrag?.management),
          CSVWriter.number(m.feeDrag?.custody), CSVWriter.number(m.feeDrag?.expectedPerformance),
          CSVWriter.number(m.feeDrag?.transactions), CSVWriter.number(m.annualSRCost), CSVWriter.number(m.netSR),
          CSVWriter.number(m.minimumCapital),
        ]))
    }
    return lines.joined(separator: "\n")
  }
}
