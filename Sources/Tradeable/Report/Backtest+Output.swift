extension Backtest {
  /// The account's first and last day.
  var period: String {
    let days = schedule.calendar.days
    return "\(days.first!) to \(days.last!)"
  }

  /// The rounding in words.
  func describe(_ rounding: PositionRounding) -> String { settings.describe(rounding) }

  /// Text: what was traded, the statistics at both roundings and the tracking error, each calendar year, and every
  /// member's realised turnover and SR cost beside the predicted ones.
  public func table(style: TerminalStyle = .plain) -> String {
    let s = selection
    let base = s.universe.baseCurrency
    let money = NumberFormat.money
    var out: [String] = []
    out.append(style.bold("Tradeable — backtest of the selection at \(money(s.capital)) \(base) (in-sample)"))
    out.append(
      "Data: \(s.universe.source) — the \(s.portfolio.members.count) instruments selected with data to "
        + "\(s.universe.lastDate.map { "\($0)" } ?? "—"), traded \(period) (\(NumberFormat.integer(schedule.calendar.count)) "
        + "weekdays).")
    out.append(
      style.yellow(
        "In-sample: the set was chosen with all the data, so these results look ahead. `tradeable walkforward` "
          + "chooses at each year end with the data known then."))
    out.append(
      "EWMAC \(settings.forecast.rules.map { "\($0.fastSpan)/\($0.fastSpan * settings.forecast.slowSpanMultiple)" }.joined(separator: ", ")), "
        + "target volatility \(NumberFormat.percent(s.settings.sizing.targetVolatility)), IDM "
        + "\(NumberFormat.fixed(s.portfolio.idm, decimals: 3)), fixed capital, costs per trade and per roll.")
    out.append("")
    var summary = TextTable([("Positions", .left)] + TradingStatistics.tableTitles + [("Costs/yr", .right)])
    summary.append([describe(rounding)] + statistics.tableCells + [NumberFormat.percent(statistics.annualCost, decimals: 2)])
    summary.append(
      [describe(counterpart.rounding)] + counterpartStatistics.tableCells
        + [NumberFormat.percent(counterpartStatistics.annualCost, decimals: 2)])
    out.append(summary.rendered(style: style))
    out.append(
      "  Tracking error of whole contracts against unrounded positions: "
        + "\(NumberFormat.percent(trackingError, decimals: 2)) a year "
        + "(\(NumberFormat.fixed(trackingError.flatMap { te in statistics.volatility.map { te / $0 } }, decimals: 2))× the volatility)."
    )
    out.append("")
    out.append(style.bold("Calendar years") + " (sum of daily returns)")
    var years = TextTable([("Year", .left), (describe(rounding), .right), (describe(counterpart.rounding), .right)])
    for (a, b) in zip(statistics.years, counterpartStatistics.years) {
      years.append([String(a.year), NumberFormat.percent(a.sum), NumberFormat.percent(b.sum)])
    }
    out.append(years.rendered(style: style))
    out.append("")
    out.append(
      style.bold("Per instrument (\(describe(rounding)))")
        + ": realised trades a year (rolls + rebalancing) and SR cost beside §4's predictions")
    out.append(
      InstrumentTrading.table(
        account.instruments, names: s.instruments.map(\.name), baseCurrency: base, style: style))
    out.append(
      "  Realised trades/yr = 2 × rolls + contracts traded per year ÷ mean |N| (the opening trade left out); SR cost = "
        + "costs a year ÷ the instrument's annual profit volatility.")
    return out.joined(separator: "\n")
  }

  /// JSON: what was traded, `statistics` (and the other rounding's under `counterpart`), `trackingError`, every input
  /// instrument (members with their realised and predicted numbers), the daily series, and the settings.
  public var json: JSONValue {
    let s = selection
    let byIndex = Dictionary(uniqueKeysWithValues: account.instruments.map { ($0.index, $0) })
    let membership = s.portfolio.membership
    let status = s.statuses
    let days = schedule.calendar.days
    var instruments: [JSONValue] = []
    for (i, spec) in s.instruments.enumerated() {
      var fields: [(String, JSONValue)] = [
        ("code", .string(spec.code)), ("status", .string(status[i].rawValue)),
        ("reasons", .array(s.screening[i].reasons.map { .string($0.rawValue) })),
        ("weight", .optional(membership[i]?.weight)),
      ]
      if let m = byIndex[i] { fields += m.json }
      instruments.append(.object(fields))
    }
    return .object([
      ("kind", .string("backtest")),
      ("inSample", .bool(true)),
      ("capital", .number(s.capital)),
      ("baseCurrency", .string(s.universe.baseCurrency)),
      ("rounding", .string(rounding.rawValue)),
      ("start", .string(days.first!.description)),
      ("end", .string(days.last!.description)),
      ("selectionDate", s.universe.lastDate.map { .string($0.description) } ?? .null),
      (
        "portfolio",
        .object([
          ("sharpe", .optional(s.portfolio.sharpe)), ("idm", .optional(s.portfolio.idm)),
          (
            "instruments",
            .array(s.portfolio.members.map { .object([("code", .string($0.code)), ("weight", .number($0.weight))]) })
          ),
        ])
      ),
      ("statistics", statistics.json),
      ("counterpart", .object([("rounding", .string(counterpart.rounding.rawValue)), ("statistics", counterpartStatistics.json)])),
      ("trackingError", .optional(trackingError)),
      ("instruments", .array(instruments)),
      (
        "daily",
        .object([
          ("dates", .array(days.map { .string($0.description) })),
          ("returns", .array(account.returns.map { .number($0) })),
          ("profit", .array(account.profit.map { .number($0) })),
          ("tradeCosts", .array(account.tradeCosts.map { .number($0) })),
          ("rollCosts", .array(account.rollCosts.map { .number($0) })),
          ("counterpartReturns", .array(counterpart.returns.map { .number($0) })),
        ])
      ),
      ("settings", s.settings.json),
      (TradingSettings.documentKey, settings.json),
    ])
  }

  /// CSV: a `portfolio` row for each rounding (statistics, then one column per calendar year), then one row per input
  /// instrument (status, weight and, for members, the realised and predicted numbers). Blank cells do not apply.
  public var csv: String {
    let s = selection
    let years = statistics.years.map(\.year)
    let header =
      ["scope", "code", "status", "rounding", "weight"] + TradingStatistics.csvHeader(years: years) + ["tracking_error"]
      + InstrumentTrading.csvHeader
    let blankStatistics = [String](repeating: "", count: TradingStatistics.csvHeader(years: years).count)
    let blankInstrument = [String](repeating: "", count: InstrumentTrading.csvHeader.count)
    var lines = [CSVWriter.line(header)]
    for (account, stats) in [(account, statistics), (counterpart, counterpartStatistics)] {
      lines.append(
        CSVWriter.line(
          ["portfolio", "", "", account.rounding.rawValue, "1"] + stats.csvCells(years: years)
            + [CSVWriter.number(trackingError)] + blankInstrument))
    }
    let byIndex = Dictionary(uniqueKeysWithValues: account.instruments.map { ($0.index, $0) })
    let membership = s.portfolio.membership
    let status = s.statuses
    for (i, spec) in s.instruments.enumerated() {
      lines.append(
        CSVWriter.line(
          ["instrument", spec.code, status[i].rawValue, rounding.rawValue, CSVWriter.number(membership[i]?.weight)]
            + blankStatistics + [""] + (byIndex[i]?.csvCells ?? blankInstrument)))
    }
    return lines.joined(separator: "\n")
  }

  /// `date,code,price,forecast,sizing_risk,target,buffer,position,trade,cost_per_trade,profit,booked` for every close
  /// of every member from the account's start (`recordsPositions`); empty header only when not recorded.
  public var positionsCSV: String { record.map { $0.csv(codes: selection.instruments.map(\.code)) } ?? "" }
}

extension PositionRecord {
  /// Header of `csv`.
  static let csvHeader = [
    "date", "code", "price", "forecast", "sizing_risk", "target", "buffer", "position", "trade", "cost_per_trade",
    "profit", "booked",
  ]

  /// The decisions as CSV lines (no header), full precision, dates increasing, instruments in input order within a
  /// date; `prefix` cells first on every line.
  func csvLines(codes: [String], prefix: [String] = []) -> [String] {
    rows.map { row in
      CSVWriter.line(
        prefix + [row.date.description, codes[row.index]]
          + [row.price, row.forecast, row.sizingRisk, row.target, row.buffer, row.position, row.trade, row.costPerTrade, row.profit]
          .map { CSVWriter.number($0) } + [row.booked.description])
    }
  }

  /// The decisions as CSV with a header.
  public func csv(codes: [String]) -> String {
    ([CSVWriter.line(Self.csvHeader)] + csvLines(codes: codes)).joined(separator: "\n") + "\n"
  }
}
