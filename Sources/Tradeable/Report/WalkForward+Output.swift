extension WalkForward.Strategy {
  /// The strategy's name in tables, with what sets it apart.
  func label(main: WalkForward.Strategy) -> String {
    var text = rawValue
    switch self {
    case .ideal: text += " (pool, unrounded)"
    case .inSample: text += " (looks ahead)"
    default: break
    }
    if self == main { text += " (main)" }
    return text
  }
}

extension WalkForward.StrategyRun {
  /// Mean number of instruments held over the periods.
  public var meanSetSize: Double {
    holdings.isEmpty ? 0 : Double(holdings.reduce(0) { $0 + $1.members.count }) / Double(holdings.count)
  }

  /// Mean expected Sharpe ratio of the sets over the periods that hold one; `nil` when none does.
  public var meanExpectedSharpe: Double? {
    let values = holdings.compactMap(\.expectedSharpe)
    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }
}

extension WalkForward.RandomRun {
  /// Mean number of instruments over the paths and periods.
  public var meanSetSize: Double {
    let count = holdings.reduce(0) { $0 + $1.count }
    guard count > 0 else { return 0 }
    return Double(holdings.reduce(0) { $0 + $1.reduce(0) { $0 + $1.members.count } }) / Double(count)
  }

  /// Mean expected Sharpe ratio over the paths and periods that hold a set.
  public var meanExpectedSharpe: Double? {
    let values = holdings.flatMap { $0.compactMap(\.expectedSharpe) }
    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }
}

extension WalkForward {
  /// The account's days as text.
  var tradedPeriod: String {
    let days = schedule.calendar.days
    return "\(days.first!) to \(days.last!)"
  }

  /// Notes every output carries: what the `refined` row is and what looks ahead.
  public var notes: [String] {
    var notes: [String] = []
    notes.append("in-sample holds the selection made with all the data (to \(universe.lastDate.map { "\($0)" } ?? "—")): it looks ahead.")
    if !skippedYears.isEmpty {
      // Consecutive years as ranges: 1990–2004, 2024.
      var ranges: [(Int, Int)] = []
      for year in skippedYears {
        if let last = ranges.last, last.1 + 1 == year { ranges[ranges.count - 1].1 = year } else { ranges.append((year, year)) }
      }
      notes.append(
        "no weekday with a price in " + ranges.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)–\($0.1)" }.joined(separator: ", ")
          + ": no rebalance then, the previous set carries on.")
    }
    return notes
  }

  /// Text: per capital, every strategy's statistics, the random baseline's median and band, the tracking error of
  /// whole contracts, the calendar years and the main strategy's instruments; then, with several capitals, the Sharpe
  /// ratio of each strategy by capital.
  public func table(style: TerminalStyle = .plain) -> String {
    let base = universe.baseCurrency
    let money = NumberFormat.money
    var out: [String] = []
    out.append(
      style.bold(
        "Tradeable — walk-forward: selections at each year end \(fromYear)–\(toYear), traded \(tradedPeriod)"))
    out.append(
      "Data: \(universe.source) — \(NumberFormat.integer(universe.instrumentCount)) instruments; "
        + "\(rebalanceDates.count) rebalance dates (the last weekday of each year with a price), each selection made "
        + "with the data dated on or before it. Main strategy: \(mainStrategy.rawValue); random: "
        + "\(trading.random.paths) paths, seed \(trading.random.seed).")
    for note in notes { out.append(style.yellow("Note: " + note)) }
    let lowLabel = "random \(shownPercent(trading.random.lowerPercentile))"
    let highLabel = "random \(shownPercent(trading.random.upperPercentile))"
    for run in runs {
      out.append("")
      out.append(style.bold("At \(money(run.capital)) \(base)"))
      var table = TextTable(
        [("Strategy", .left), ("Instruments", .right), ("Expected SR", .right)] + TradingStatistics.tableTitles)
      for strategy in run.strategies {
        table.append(
          [
            strategy.strategy.label(main: mainStrategy), NumberFormat.fixed(strategy.meanSetSize, decimals: 1),
            NumberFormat.fixed(strategy.meanExpectedSharpe, decimals: 2),
          ] + strategy.statistics.tableCells)
      }
      let random = run.random
      for (label, stats) in [
        ("random median (\(random.paths.count) paths)", random.median), (lowLabel, random.lower), (highLabel, random.upper),
      ] {
        table.append(
          [
            label, NumberFormat.fixed(random.meanSetSize, decimals: 1),
            NumberFormat.fixed(random.meanExpectedSharpe, decimals: 2),
          ] + stats.tableCells)
      }
      out.append(table.rendered(style: style))
      out.append(
        "  Instruments and expected SR: means over the periods. Random rows: each statistic's own percentile over the "
          + "paths.")
      out.append(
        "  Tracking error of whole contracts (\(mainStrategy.rawValue) against the same sets unrounded): "
          + "\(NumberFormat.percent(run.trackingError, decimals: 2)) a year.")
      out.append("")
      out.append(style.bold("Calendar years") + " (sum of daily returns)")
      let named = run.strategies
      var years = TextTable(
        [("Year", .left)] + named.map { ($0.strategy.rawValue, TextTable.Alignment.right) }
          + [(lowLabel, .right), ("median", .right), (shownPercent(trading.random.upperPercentile), .right)])
      for (y, year) in (named.first?.statistics.years ?? []).enumerated() {
        years.append(
          [String(year.year)] + named.map { NumberFormat.percent($0.statistics.years[y].sum) }
            + [random.lower, random.median, random.upper].map { NumberFormat.percent($0.years[y].sum) })
      }
      out.append(years.rendered(style: style))
      if let main = run.run(mainStrategy), !main.account.instruments.isEmpty {
        out.append("")
        out.append(
          style.bold("\(mainStrategy.rawValue): every instrument held")
            + " — realised trades a year and SR cost beside §4's predictions (member-day weighted)")
        out.append(
          InstrumentTrading.table(
            main.account.instruments, names: instruments.map(\.name), baseCurrency: base, style: style))
      }
    }
    if runs.count > 1 {
      out.append("")
      out.append(style.bold("Realised Sharpe ratio by capital"))
      let strategies = runs[0].strategies.map(\.strategy)
      var table = TextTable(
        [("Capital (\(base))", .right)] + strategies.map { ($0.rawValue, TextTable.Alignment.right) }
          + [("random median", .right)])
      for run in runs {
        table.append(
          [money(run.capital)] + run.strategies.map { NumberFormat.fixed($0.statistics.sharpe, decimals: 2) }
            + [NumberFormat.fixed(run.random.median.sharpe, decimals: 2)])
      }
      out.append(table.rendered(style: style))
    }
    return out.joined(separator: "\n")
  }

  /// JSON: the range, rebalance dates and account days, then per capital every strategy (statistics, the set of
  /// each period, daily returns, per instrument realised against predicted), the random baseline (median,
  /// percentiles, each path's statistics, the daily band of cumulative returns), the tracking error of whole
  /// contracts and every instrument's status at each rebalance date; then the settings.
  public var json: JSONValue {
    let codes = instruments.map(\.code)
    func holdingJSON(_ holding: Holding, _ date: CalendarDay) -> JSONValue {
      .object([
        ("date", .string(date.description)),
        ("instruments", .array(holding.members.map { .string(codes[$0]) })),
        ("weights", .array(holding.weights.map { .number($0) })),
        ("idm", .number(holding.idm)),
        ("expectedSharpe", .optional(holding.expectedSharpe)),
      ])
    }
    func strategyJSON(_ run: StrategyRun) -> JSONValue {
      .object([
        ("strategy", .string(run.strategy.rawValue)),
        ("search", run.strategy.searchMode.map { .string($0) } ?? .null),
        ("rounding", .string(run.account.rounding.rawValue)),
        ("looksAhead", .bool(run.strategy == .inSample)),
        ("meanInstruments", .number(run.meanSetSize)),
        ("meanExpectedSharpe", .optional(run.meanExpectedSharpe)),
        ("statistics", run.statistics.json),
        ("periods", .array(zip(run.holdings, rebalanceDates).map { holdingJSON($0, $1) })),
        (
          "instruments",
          .array(run.account.instruments.map { .object([("code", .string($0.code))] + $0.json) })
        ),
        ("dailyReturns", .array(run.account.returns.map { .number($0) })),
      ])
    }
    let capitals: [JSONValue] = runs.map { run in
      let random = run.random
      return .object([
        ("capital", .number(run.capital)),
        ("strategies", .array(run.strategies.map(strategyJSON))),
        (
          "random",
          .object([
            ("paths", .integer(random.paths.count)),
            ("seed", .integer(trading.random.seed)),
            ("percentiles", .array([.number(trading.random.lowerPercentile), .number(trading.random.upperPercentile)])),
            ("meanInstruments", .number(random.meanSetSize)),
            ("median", random.median.json),
            ("lower", random.lower.json),
            ("upper", random.upper.json),
            ("pathStatistics", .array(random.paths.map(\.json))),
            (
              "periods",
              .array(
                random.holdings.map { path in .array(zip(path, rebalanceDates).map { holdingJSON($0, $1) }) })
            ),
            (
              "cumulativeBand",
              .object([
                ("lower", .array(random.cumulativeLower.map { .number($0) })),
                ("median", .array(random.cumulativeMedian.map { .number($0) })),
                ("upper", .array(random.cumulativeUpper.map { .number($0) })),
              ])
            ),
          ])
        ),
        (
          "mainUnrounded",
          .object([
            ("statistics", run.mainUnrounded.statistics.json),
            ("dailyReturns", .array(run.mainUnrounded.account.returns.map { .number($0) })),
          ])
        ),
        ("trackingError", .optional(run.trackingError)),
        (
          "screening",
          .array(
            zip(run.periods, rebalanceDates).map { period, date in
              .object([
                ("date", .string(date.description)),
                ("poolSize", .integer(period.poolSize)),
                (
                  "instruments",
                  .array(
                    codes.indices.map { i in
                      .object([
                        ("code", .string(codes[i])), ("status", .string(period.statuses[i].rawValue)),
                        ("reasons", .array(period.reasons[i].map { .string($0.rawValue) })),
                      ])
                    })
                ),
              ])
            })
        ),
      ])
    }
    let days = schedule.calendar.days
    return .object([
      ("kind", .string("walkforward")),
      ("baseCurrency", .string(universe.baseCurrency)),
      ("from", .integer(fromYear)),
      ("to", .integer(toYear)),
      ("rebalanceDates", .array(rebalanceDates.map { .string($0.description) })),
      ("skippedYears", .array(skippedYears.map { .integer($0) })),
      ("start", .string(days.first!.description)),
      ("end", .string(days.last!.description)),
      ("mainStrategy", .string(mainStrategy.rawValue)),
      ("notes", .array(notes.map { .string($0) })),
      ("dates", .array(days.map { .string($0.description) })),
      ("capitals", .array(capitals)),
      ("settings", settings.json),
      (TradingSettings.documentKey, trading.json),
    ])
  }

  /// CSV: one row per capital and strategy (the random baseline as its median and two percentiles): the mean set
  /// size and expected Sharpe ratio, the statistics, then each calendar year's return; full precision.
  public var csv: String {
    let years = runs.first?.strategies.first?.statistics.years.map(\.year) ?? []
    var lines = [
      CSVWriter.line(
        ["capital", "strategy", "search", "rounding", "looks_ahead", "mean_instruments", "mean_expected_sharpe"]
          + TradingStatistics.csvHeader(years: years) + ["tracking_error"])
    ]
    for run in runs {
      for strategy in run.strategies {
        lines.append(
          CSVWriter.line(
            [
              CSVWriter.number(run.capital), strategy.strategy.rawValue, strategy.strategy.searchMode ?? "",
              strategy.account.rounding.rawValue, strategy.strategy == .inSample ? "true" : "false",
              CSVWriter.number(strategy.meanSetSize), CSVWriter.number(strategy.meanExpectedSharpe),
            ] + strategy.statistics.csvCells(years: years)
              + [strategy.strategy == mainStrategy ? CSVWriter.number(run.trackingError) : ""]))
      }
      for (name, stats) in [
        ("random-median", run.random.median), ("random-p" + JSONValue.format(trading.random.lowerPercentile), run.random.lower),
        ("random-p" + JSONValue.format(trading.random.upperPercentile), run.random.upper),
      ] {
        lines.append(
          CSVWriter.line(
            [
              CSVWriter.number(run.capital), name, "", PositionRounding.wholeContracts.rawValue, "false",
              CSVWriter.number(run.random.meanSetSize), CSVWriter.number(run.random.meanExpectedSharpe),
            ] + stats.csvCells(years: years) + [""]))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// `date,nav` (one capital) or `date,nav_K1,nav_K2,…` of `strategy` at every capital, for `blend` and `funds`.
  public func navCSV(strategy: Strategy) -> String {
    let days = schedule.calendar.days
    let accounts = runs.map { run in run.run(strategy)!.account }
    if accounts.count == 1 { return accounts[0].navCSV(days: days) }
    return TradingAccount.navCSV(
      columns: zip(runs, accounts).map { ("nav_" + CSVWriter.number($0.capital), $1) }, days: days)
  }
}

extension WalkForward {
  /// `capital,date,code,price,forecast,…` for every decision of the main strategy at every capital (`positions`);
  /// the header only when they were not recorded.
  public var positionsCSV: String {
    let codes = instruments.map(\.code)
    var lines = [CSVWriter.line(["capital"] + PositionRecord.csvHeader)]
    for (run, record) in zip(runs, positions) {
      lines += record.csvLines(codes: codes, prefix: [CSVWriter.number(run.capital)])
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// A percentile as a label: `5%`, `97.5%`.
func shownPercent(_ p: Double) -> String { JSONValue.format(p) + "%" }
