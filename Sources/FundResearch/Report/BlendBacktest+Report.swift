import Tradeable

extension BlendBacktest {
  /// The rule in words.
  public var ruleDescription: String {
    switch rebalancing {
    case .annual: return "rebalanced at each year's last common date"
    case .threshold(let band):
      return
        "rebalanced when a weight drifts more than \(NumberFormat.fixed(band * 100, decimals: 1)) points from its "
        + "target"
    case .never: return "never rebalanced (buy and hold)"
    }
  }

  /// Calendar-year returns of the components, aligned with `calendarYears`.
  var componentYears: [[CalendarYearReturn]] {
    componentValues.map { CalendarYearReturn.of(dates: dates, navs: $0) }
  }

  /// Table: the mix against its components, calendar years, correlations.
  public func table(riskFree: Double = 0, style: TerminalStyle = .plain) -> String {
    var out: [String] = []
    let mix = zip(codes, weights).map { "\($0) \(NumberFormat.percent($1))" }.joined(separator: ", ")
    out.append(style.bold("Blend: \(mix) — \(ruleDescription)"))
    out.append(
      "Common dates \(dates[0]) to \(dates[dates.count - 1]) (\(dates.count), \(JSONValue.format(periodsPerYear)) a "
        + "year); \(rebalanceDates.count) rebalance\(rebalanceDates.count == 1 ? "" : "s"); no costs; risk-free "
        + "\(NumberFormat.percent(riskFree, decimals: 2)).")
    out.append("")
    let all = [metrics(riskFree: riskFree)] + codes.indices.map { componentMetrics($0, riskFree: riskFree) }
    var summary = TextTable([("", .left), ("Blend", .right)] + codes.map { ($0, TextTable.Alignment.right) })
    func row(_ name: String, _ f: (PerformanceMetrics) -> String) { summary.append([name] + all.map(f)) }
    row("CAGR") { NumberFormat.percent($0.annualisedReturn, decimals: 2) }
    row("Volatility") { NumberFormat.percent($0.volatility, decimals: 2) }
    row("Sharpe ratio") { NumberFormat.fixed($0.sharpe, decimals: 3) }
    row("Maximum drawdown") { NumberFormat.percent($0.maxDrawdown.depth, decimals: 2) }
    row("  peak") { $0.maxDrawdown.peak?.description ?? "—" }
    row("  trough") { $0.maxDrawdown.trough?.description ?? "—" }
    row("  recovery") { m in m.maxDrawdown.recovery?.description ?? (m.maxDrawdown.peak == nil ? "—" : "not yet") }
    row("Calmar ratio") { NumberFormat.fixed($0.calmar, decimals: 3) }
    row("Cumulative return") { NumberFormat.percent($0.cumulativeReturn, decimals: 1) }
    out.append(summary.rendered(style: style))
    out.append("")
    out.append(style.bold("Calendar-year returns"))
    var years = TextTable([("Year", .left), ("Blend", .right)] + codes.map { ($0, TextTable.Alignment.right) })
    let parts = componentYears
    for (k, y) in calendarYears.enumerated() {
      years.append(
        ["\(y.year)\(y.isPartial ? " (part)" : "")", NumberFormat.percent(y.value)]
          + parts.map { NumberFormat.percent($0[k].value) })
    }
    out.append(years.rendered(style: style))
    out.append("")
    out.append(style.bold("Correlation of returns"))
    var correlationTable = TextTable([("", .left)] + codes.map { ($0, TextTable.Alignment.right) })
    for i in codes.indices {
      correlationTable.append([codes[i]] + codes.indices.map { NumberFormat.fixed(correlation[i, $0], decimals: 2) })
    }
    out.append(correlationTable.rendered(style: style))
    return out.joined(separator: "\n")
  }

  /// JSON: the mix, the rule, its metrics and each component's, calendar years and the correlation matrix.
  public func json(riskFree: Double = 0) -> JSONValue {
    let parts = componentYears
    let rule: JSONValue
    switch rebalancing {
    case .annual: rule = .object([("rule", .string("annual"))])
    case .threshold(let band): rule = .object([("rule", .string("threshold")), ("band", .number(band))])
    case .never: rule = .object([("rule", .string("never"))])
    }
    return .object([
      ("weights", .object(zip(codes, weights).map { ($0, .number($1)) })),
      ("rebalancing", rule),
      ("start", .string(dates[0].description)),
      ("end", .string(dates[dates.count - 1].description)),
      ("dates", .integer(dates.count)),
      ("periodsPerYear", .number(periodsPerYear)),
      ("riskFree", .number(riskFree)),
      ("rebalanceDates", .array(rebalanceDates.map { .string($0.description) })),
      ("blend", metrics(riskFree: riskFree).json),
      (
        "components",
        .array(
          codes.indices.map { i in
            .object([
              ("code", .string(codes[i])), ("weight", .number(weights[i])),
              ("metrics", componentMetrics(i, riskFree: riskFree).json),
            ])
          })
      ),
      (
        "calendarYears",
        .array(
          calendarYears.enumerated().map { k, y in
            .object([
              ("year", .integer(y.year)), ("partial", .bool(y.isPartial)), ("blend", .number(y.value)),
              ("components", .object(codes.indices.map { (codes[$0], .number(parts[$0][k].value)) })),
            ])
          })
      ),
      (
        "correlation",
        .object([
          ("codes", .array(codes.map { .string($0) })),
          ("matrix", .array(codes.indices.map { i in .array(codes.indices.map { .optional(correlation[i, $0]) }) })),
        ])
      ),
    ])
  }

  /// CSV: the blend's value and each component's (scaled to 1 at the start), one row per common date.
  public var csv: String {
    var lines = [CSVWriter.line(["date", "blend"] + codes)]
    for t in dates.indices {
      lines.append(
        CSVWriter.line(
          [dates[t].description, CSVWriter.number(values[t])]
            + componentValues.map { CSVWriter.number($0[t] / $0[0]) }))
    }
    return lines.joined(separator: "\n")
  }
}
