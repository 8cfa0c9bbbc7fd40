import Tradeable

extension RankBacktest {
  /// Metrics of the rank portfolio.
  public func strategyMetrics(riskFree: Double = 0) -> PerformanceMetrics {
    PerformanceMetrics(dates: dates, navs: strategy, periodsPerYear: periodsPerYear, riskFree: riskFree)
  }

  /// Metrics of the equal-weight portfolio.
  public func benchmarkMetrics(riskFree: Double = 0) -> PerformanceMetrics {
    PerformanceMetrics(dates: dates, navs: benchmark, periodsPerYear: periodsPerYear, riskFree: riskFree)
  }

  /// Calendar-year returns of both, aligned by year.
  public var calendarYears: [(year: Int, strategy: Double, benchmark: Double, isPartial: Bool)] {
    let s = CalendarYearReturn.of(dates: dates, navs: strategy)
    let b = CalendarYearReturn.of(dates: dates, navs: benchmark)
    return zip(s, b).map { ($0.year, $0.value, $1.value, $0.isPartial) }
  }

  /// Table: rebalances, then the two portfolios side by side, then calendar years.
  public func table(
    settings: RankBacktestSettings, entries: [FundEntry], riskFree: Double = 0, style: TerminalStyle = .plain
  ) -> String {
    var out: [String] = []
    out.append(
      style.bold(
        "Rank-score backtest: top products every \(settings.rebalanceMonths) months against the equal-weight average"))
    out.append(
      "From \(dates[0]) to \(dates[dates.count - 1]), \(dates.count) dates "
        + "(\(JSONValue.format(periodsPerYear)) a year); "
        + "score on the trailing \(settings.scoring.windowMonths) months, data up to each rebalance only.")
    out.append("")
    var rebalanceTable = TextTable([
      ("Rebalance", .left), ("Ranked", .right), ("Selected (best first)", .left), ("Equal weight", .right),
    ])
    for r in rebalances {
      rebalanceTable.append([
        r.date.description, "\(r.score.rankedCount)",
        r.selected.isEmpty ? "— (kept holdings)" : r.selected.joined(separator: ", "),
        "\(r.benchmarkCount) products",
      ])
    }
    out.append(rebalanceTable.rendered(style: style))
    out.append("")
    let s = strategyMetrics(riskFree: riskFree)
    let b = benchmarkMetrics(riskFree: riskFree)
    var summary = TextTable([("", .left), ("Rank portfolio", .right), ("Equal weight", .right)])
    func row(_ name: String, _ f: (PerformanceMetrics) -> String) { summary.append([name, f(s), f(b)]) }
    row("Cumulative return") { NumberFormat.percent($0.cumulativeReturn) }
    row("Annualised return") { NumberFormat.percent($0.annualisedReturn) }
    row("Volatility") { NumberFormat.percent($0.volatility) }
    row("Sharpe ratio") { NumberFormat.fixed($0.sharpe, decimals: 3) }
    row("Sortino ratio") { NumberFormat.fixed($0.sortino, decimals: 3) }
    row("Maximum drawdown") { NumberFormat.percent($0.maxDrawdown.depth) }
    row("  peak → trough") { m in
      m.maxDrawdown.peak.map { "\($0) → \(m.maxDrawdown.trough!)" } ?? "—"
    }
    row("Calmar ratio") { NumberFormat.fixed($0.calmar, decimals: 3) }
    out.append(summary.rendered(style: style))
    out.append("")
    var years = TextTable([
      ("Year", .left), ("Rank portfolio", .right), ("Equal weight", .right), ("Difference", .right),
    ])
    for y in calendarYears {
      years.append([
        "\(y.year)\(y.isPartial ? " (part)" : "")", NumberFormat.percent(y.strategy), NumberFormat.percent(y.benchmark),
        NumberFormat.percent(y.strategy - y.benchmark),
      ])
    }
    out.append(years.rendered(style: style))
    out.append(contentsOf: FundMetricsReport.droppedLines(entries))
    return out.joined(separator: "\n")
  }

  /// JSON: settings, rebalances, both portfolios' metrics and calendar years.
  public func json(settings: RankBacktestSettings, riskFree: Double = 0) -> JSONValue {
    .object([
      ("start", .string(dates[0].description)),
      ("end", .string(dates[dates.count - 1].description)),
      ("rebalanceMonths", .integer(settings.rebalanceMonths)),
      ("windowMonths", .integer(settings.scoring.windowMonths)),
      ("keepFraction", .number(settings.scoring.keepFraction)),
      ("riskFree", .number(riskFree)),
      ("periodsPerYear", .number(periodsPerYear)),
      (
        "rebalances",
        .array(
          rebalances.map { r in
            .object([
              ("scheduled", .string(r.scheduled.description)),
              ("date", .string(r.date.description)),
              ("ranked", .integer(r.score.rankedCount)),
              ("selected", .array(r.selected.map { .string($0) })),
              ("benchmarkProducts", .integer(r.benchmarkCount)),
            ])
          })
      ),
      ("strategy", strategyMetrics(riskFree: riskFree).json),
      ("benchmark", benchmarkMetrics(riskFree: riskFree).json),
      (
        "calendarYears",
        .array(
          calendarYears.map { y in
            .object([
              ("year", .integer(y.year)), ("strategy", .number(y.strategy)), ("benchmark", .number(y.benchmark)),
              ("partial", .bool(y.isPartial)),
            ])
          })
      ),
    ])
  }

  /// CSV: the two value series, one row per date.
  public var csv: String {
    var lines = ["date,strategy,benchmark"]
    for k in dates.indices {
      lines.append(
        CSVWriter.line([dates[k].description, CSVWriter.number(strategy[k]), CSVWriter.number(benchmark[k])]))
    }
    return lines.joined(separator: "\n")
  }
}
