extension SelectionResult {
  /// The selection as text: the greedy path step by step, the chosen set with weights, each member's position and
  /// capital needs, a summary of exclusions by reason and the state of the correlation matrix. Tables and paragraphs
  /// fit `style.width` when it is given.
  public func table(style: TerminalStyle = .plain) -> String {
    let base = universe.baseCurrency
    let money = NumberFormat.money
    let contracts = NumberFormat.quantity(settings.sizing.maxContracts, "contract")
    let width = style.width ?? 120
    var out: [String] = []
    out.append(style.bold("Tradeable — which instruments to trade with \(money(capital)) \(base)"))
    let lastDate = universe.lastDate.map { ", last date \($0)" } ?? ""
    out.append(
      contentsOf: wrapped(
        "Data: \(universe.source) — \(NumberFormat.count(metrics.count, "instrument"))\(lastDate); "
          + "\(NumberFormat.integer(eligible.count)) \(eligible.count == 1 ? "passes" : "pass") every filter.",
        width: width, indent: ""))
    out.append("")

    if let sharpe = portfolio.sharpe, let idm = portfolio.idm, let needs = portfolio.smallestCapital {
      out.append(style.bold("Selection, step by step"))
      out.append(
        path.stepTable(
          code: { metrics[$0].code }, baseCurrency: base, maxContracts: settings.sizing.maxContracts, style: style))
      out.append("  Stopped: \(path.stopReason.rawValue).")
      out.append(
        contentsOf: wrapped(
          "\(contracts) each: the capital at which every member of that step's set holds \(contracts) at its "
            + "target position (DESIGN.md §6).", width: width))
      out.append("")

      out.append(
        style.bold(
          "Chosen set: \(NumberFormat.count(portfolio.members.count, "instrument")), Sharpe "
            + "\(NumberFormat.fixed(sharpe, decimals: 4)), IDM \(NumberFormat.fixed(idm, decimals: 3)), "
            + "needs \(NumberFormat.capitalNeeded(needs)) \(base)"))
      var chosen = TextTable([
        ("Code", .left), ("Name", .left), ("Class", .left), ("Weight", .right), ("Vol", .right), ("SR cost", .right),
      ])
      for member in portfolio.members {
        let i = member.index
        chosen.append([
          metrics[i].code, instruments[i].name, instruments[i].assetClass, NumberFormat.percent(member.weight),
          NumberFormat.percent(metrics[i].annualVolatility), NumberFormat.fixed(metrics[i].annualSRCost, decimals: 4),
        ])
      }
      out.append(chosen.rendered(style: style))
      out.append("")

      out.append(style.bold("Positions and capital needs at \(money(capital)) \(base), an average forecast"))
      var positions = TextTable([
        ("Code", .left), ("Contracts", .right), ("Whole", .right), ("Exposure (\(base))", .right),
        ("\(contracts) at", .right), ("Alone at", .right),
      ])
      var few = 0
      for member in portfolio.members {
        let mark = member.hasFewContracts ? " *" : "  "
        if member.hasFewContracts { few += 1 }
        positions.append([
          member.code, NumberFormat.fixed(member.contracts, decimals: 2),
          NumberFormat.fixed(member.roundedContracts, decimals: 0) + mark, money(member.exposure),
          NumberFormat.capitalNeeded(member.minimumCapital), NumberFormat.capitalNeeded(member.standaloneCapital),
        ])
      }
      out.append(positions.rendered(style: style))
      var notes =
        "Contracts = capital × IDM × weight × target volatility / the contract's volatility; exposure = contracts × "
        + "notional at the last price. \(contracts) at: the capital at which the member holds \(contracts) in this "
        + "set; alone at: what the capital filter asks of it alone at its best case (DESIGN.md §5). "
        + "The set needs the largest of these, \(NumberFormat.capitalNeeded(needs)) \(base): with less, this exact set cannot be held."
      if few > 0 {
        notes +=
          " * Under \(NumberFormat.decimal(Portfolio.Member.fewContracts)) whole contracts: the position can only be "
          + "held in steps of its whole size, so it follows the forecast poorly."
      }
      out.append(contentsOf: wrapped(notes, width: width))
    } else {
      out.append(style.bold("Nothing can be selected with \(money(capital)) \(base)."))
      if let workable = universe.smallestWorkable {
        out.append(
          contentsOf: wrapped(
            "The smallest capital that admits an instrument is \(money(workable.capital.rounded(.up))) \(base) "
              + "(\(workable.code)).", width: width))
      } else {
        out.append("  No instrument passes the history, stale, liquidity and cost filters at any capital.")
      }
    }
    out.append("")

    out.append(style.bold("Exclusions") + " (an instrument may have several reasons)")
    var exclusions = TextTable([("Reason", .left), ("Instruments", .right), ("Meaning", .left)])
    let filters = settings.filters
    let meaning: [ExclusionReason: String] = [
      .history: "fewer than \(NumberFormat.count(filters.history.minimumPrices, "daily price"))",
      .stale: "no price for more than \(NumberFormat.count(filters.stale.maximumWeekdays, "weekday"))",
      .liquidity: "under \(NumberFormat.decimal(filters.liquidity.minimumVolume)) contracts or "
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
        "  \(NumberFormat.count(unknownLiquidity, "instrument")) \(unknownLiquidity == 1 ? "has" : "have") no volume "
          + "data: liquidity unknown, kept.")
    }
    out.append("")
    out.append(contentsOf: correlationSummary(width: width))
    return out.joined(separator: "\n")
  }

  /// `text` in lines of at most `width` characters, each after `indent`.
  func wrapped(_ text: String, width: Int, indent: String = "  ") -> [String] {
    wrapWords(text, width: max(20, width - indent.count)).map { indent + $0 }
  }

  /// The correlation matrix in plain words: how it was estimated, whether it needed the repair, why, and how far
  /// the repair moved the chosen set's correlations.
  func correlationSummary(width: Int) -> [String] {
    let n = correlation.eligibleCount
    let c = settings.correlation
    if n < 2 { return ["Correlation: fewer than two eligible instruments, nothing to estimate."] }
    var lead =
      "Correlation: weekly price differences over \(NumberFormat.count(c.weeks, "ISO week")), each pair over the "
      + "weeks both instruments have (pairwise complete), floored at \(NumberFormat.fixed(c.floor, decimals: 2))"
    if let undefined = correlation.undefinedPairs, undefined > 0 {
      lead += "; \(NumberFormat.count(undefined, "pair")) without two common weeks set to 0"
    }
    lead += "."
    var lines = wrapped(lead, width: width, indent: "")
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
          "The \(n)×\(n) matrix of the eligible instruments is a valid correlation matrix (positive definite, "
            + "smallest eigenvalue \(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))): no repair needed.",
          width: width)
    }
    var text =
      "Correlations estimated pair by pair, each over its own weeks, need not fit together as one matrix, and "
      + "raising negative ones to the floor can break it further: the \(n)×\(n) matrix of the eligible instruments "
      + "was not positive definite (smallest eigenvalue \(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))"
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

/// `text` broken at spaces into lines of at most `width` characters (a longer word gets a line of its own).
func wrapWords(_ text: String, width: Int) -> [String] {
  var lines: [String] = []
  var current = ""
  for word in text.split(separator: " ") {
    if current.isEmpty {
      current = String(word)
    } else if current.count + 1 + word.count <= width {
      current += " " + word
    } else {
      lines.append(current)
      current = String(word)
    }
  }
  if !current.isEmpty { lines.append(current) }
  return lines
}
