extension WalkForward.StrategyRun {
  /// The realised Sharpe ratio of each period's account days (`nil` for a period with fewer than two days or no
  /// variation), beside the set's expected one.
  func periodSharpes(_ schedule: TradingSchedule, businessDaysPerYear: Double) -> [(expected: Double?, realised: Double?)] {
    let periodOfDay = schedule.periodOfDay
    let days = schedule.calendar.days
    return holdings.indices.map { y in
      let range = periodOfDay.indices.filter { periodOfDay[$0] == y }
      let returns = range.map { account.returns[$0] }
      let stats = TradingStatistics(
        returns: returns, costs: [Double](repeating: 0, count: returns.count), days: range.map { days[$0] },
        businessDaysPerYear: businessDaysPerYear)
      return (holdings[y].expectedSharpe, stats.sharpe)
    }
  }
}

extension HTMLReport {
  /// A random path in the Sharpe ratio scatter: a small hollow triangle, apart from the strategies' ringed circles and
  /// the yearly squares.
  static let randomPathMarker = ChartMarker(shape: .triangleDown, filled: false, size: 3.2, outlineWidth: 1)

  /// The walk-forward section (`tradeable report --walkforward`): how the selection would have done had it been made
  /// at each year end with the data known then, beside the baselines — statistics, cumulative return with the random
  /// band, each year's return, predicted against realised trades a year per instrument and predicted against
  /// realised Sharpe ratios.
  func walkForwardSection(_ walkForward: WalkForward) -> [String] {
    guard let run = walkForward.runs.first(where: { $0.capital == selection.capital }) ?? walkForward.runs.first else {
      return []
    }
    let main = walkForward.mainStrategy
    let days = walkForward.schedule.calendar.days
    let perYear = walkForward.settings.risk.businessDaysPerYear
    let random = run.random
    let low = shownPercent(walkForward.trading.random.lowerPercentile)
    let high = shownPercent(walkForward.trading.random.upperPercentile)
    var out = [
      "<section id=\"walkforward\"><h2>Had you chosen this way in the past</h2>",
      "<p>At the last weekday of each year from \(walkForward.fromYear) to \(walkForward.toYear) with a price, the whole "
        + "selection was re-run with only the data known that day, and the chosen set traded until the next year end "
        + "(\(esc(walkForward.tradedPeriod))) with the EWMAC trend rule: whole contracts with a "
        + "\(esc(NumberFormat.percent(walkForward.trading.buffer, decimals: 0))) buffer, costs per trade and per roll, "
        + "fixed capital of \(esc(NumberFormat.money(run.capital))) \(esc(base)). The baselines trade on the same days: "
        + "the cheapest feasible instruments (lowest-cost), \(random.paths.count) random feasible sets of the same size "
        + "(random), every instrument that passes the filters but capital, unrounded (ideal), and today's selection "
        + "held throughout (in-sample, which looks ahead).</p>",
    ]
    for note in walkForward.notes { out.append("<p class=\"warning\">\(esc(note))</p>") }

    var table = HTMLTable([
      ("Strategy", .left), ("Instruments", .number), ("Expected SR", .number), ("Mean/yr", .number), ("Vol", .number),
      ("Sharpe", .number), ("Cost SR", .number), ("Max drawdown", .number),
    ])
    func cells(_ stats: TradingStatistics) -> [String] {
      [
        NumberFormat.percent(stats.annualMean), NumberFormat.percent(stats.volatility),
        NumberFormat.fixed(stats.sharpe, decimals: 2), NumberFormat.fixed(stats.costSR, decimals: 3),
        NumberFormat.percent(stats.maxDrawdown),
      ]
    }
    for s in run.strategies {
      table.append(
        [
          s.strategy.label(main: main), NumberFormat.fixed(s.meanSetSize, decimals: 1),
          NumberFormat.fixed(s.meanExpectedSharpe, decimals: 2),
        ] + cells(s.statistics), rowClass: s.strategy == main ? "current" : nil)
    }
    for (label, stats) in [("random median", random.median), ("random \(low)", random.lower), ("random \(high)", random.upper)] {
      table.append(
        [label, NumberFormat.fixed(random.meanSetSize, decimals: 1), NumberFormat.fixed(random.meanExpectedSharpe, decimals: 2)]
          + cells(stats))
    }
    out.append(table.rendered(id: "table-walkforward"))
    out.append(
      "<p>Instruments and expected SR: means over the periods. Sharpe ratio, volatility and mean: of the daily returns "
        + "on fixed capital. Random rows: each statistic's own percentile over the paths. Whole contracts against the "
        + "same sets unrounded: tracking error \(esc(NumberFormat.percent(run.trackingError, decimals: 2))) a year.</p>")

    // Cumulative return. Strategies keep one colour (and in-sample a dashed line) in every chart of the section.
    let colours: [WalkForward.Strategy: String] = [
      .greedy: ChartColour.primary, .refined: ChartColour.palette[6], .lowestCost: ChartColour.secondary,
      .ideal: ChartColour.tertiary, .inSample: ChartColour.marker,
    ]
    let randomColour = ChartColour.axis
    let shown = run.strategies
    func cumulative(_ returns: [Double]) -> [Double] {
      var sum = 0.0
      return returns.map {
        sum += $0
        return sum
      }
    }
    var series = shown.map {
      CumulativeReturnChart.Series(
        name: $0.strategy.rawValue, colour: colours[$0.strategy] ?? ChartColour.axis,
        dash: $0.strategy == .inSample ? "6 3" : nil, values: cumulative($0.account.returns))
    }
    if !random.cumulativeMedian.isEmpty {
      series.append(
        CumulativeReturnChart.Series(
          name: "random median", colour: randomColour, dash: "3 3", values: random.cumulativeMedian))
    }
    let band = random.cumulativeLower.isEmpty
      ? nil
      : CumulativeReturnChart.Band(
        lower: random.cumulativeLower, upper: random.cumulativeUpper, label: "random \(low)–\(high)")
    out.append(
      figure(
        CumulativeReturnChart(days: days, series: series, band: band, rebalanceDates: walkForward.rebalanceDates),
        id: "chart-cumulative",
        caption: "Running sum of daily returns (fixed capital: no compounding). Faint vertical lines: rebalance dates. "
          + "The band holds, on each day, the random paths between the \(low) and \(high) percentiles of their "
          + "cumulative return."))

    // Each year.
    let years = run.strategies.first?.statistics.years.map(\.year) ?? []
    var bars = shown.map { s in
      YearReturnChart.Series(
        name: s.strategy.rawValue, colour: colours[s.strategy] ?? ChartColour.axis, values: s.statistics.years.map(\.sum))
    }
    if !random.paths.isEmpty {
      bars.append(
        YearReturnChart.Series(
          name: "random median (\(low)–\(high))", colour: randomColour,
          values: random.median.years.map(\.sum),
          whiskers: zip(random.lower.years, random.upper.years).map { ($0.sum, $1.sum) }))
    }
    out.append(
      figure(
        YearReturnChart(years: years, series: bars), id: "chart-years",
        caption: "Sum of each calendar year's daily returns. The whisker on the random bar spans the paths' \(low) to "
          + "\(high) percentiles of that year's return."))
    var yearTable = HTMLTable(
      [("Year", .left)] + run.strategies.map { ($0.strategy.rawValue, HTMLTable.Alignment.number) }
        + [("random \(low)", .number), ("random median", .number), ("random \(high)", .number)])
    for (y, year) in years.enumerated() {
      yearTable.append(
        [String(year)] + run.strategies.map { NumberFormat.percent($0.statistics.years[y].sum) }
          + [random.lower, random.median, random.upper].map { NumberFormat.percent($0.years[y].sum) })
    }
    out.append(yearTable.rendered(id: "table-walkforward-years"))

    // Predicted against realised trades a year, one point per instrument the main strategy held.
    if let mainRun = run.run(main) {
      let classes = ChartColour.classColours(walkForward.instruments.map(\.assetClass))
      let points = mainRun.account.instruments.compactMap { m -> PredictionScatter.Point? in
        guard let predicted = m.predictedTradesPerYear, let realised = m.realisedTradesPerYear else { return nil }
        return PredictionScatter.Point(
          label: m.code, predicted: predicted, realised: realised,
          colour: classes[walkForward.instruments[m.index].assetClass] ?? ChartColour.otherClass, marker: .eligible)
      }
      let usedClasses = Set(mainRun.account.instruments.map { walkForward.instruments[$0.index].assetClass })
      out.append(
        figure(
          PredictionScatter(
            title: "Trades a year: predicted (§4.3) against realised, per instrument",
            predictedAxis: "predicted trades a year (rolls + volatility-targeting turnover)",
            realisedAxis: "realised trades a year", shortTitle: "Trades a year, per instrument",
            shortPredictedAxis: "predicted trades a year", points: points,
            legend: usedClasses.sorted().map { ($0, .square(fill: classes[$0] ?? ChartColour.otherClass)) },
            decimals: 0), id: "chart-turnover",
          caption: "One point per instrument \(main.rawValue) held in some period. Predicted: §4.3's trades a year at "
            + "each rebalance date, weighted by the days held. Realised: 2 × rolls a year + contracts traded a year ÷ "
            + "the mean absolute position (the opening trade of each holding left out). Above the dashed line the "
            + "rule traded more than predicted: the forecast moves positions, which §4.3's volatility-only model does "
            + "not count."))
    }

    // Predicted against realised Sharpe ratio.
    var sharpePoints: [PredictionScatter.Point] = []
    for (p, stats) in random.paths.enumerated() {
      let expected = random.holdings[p].compactMap(\.expectedSharpe)
      guard !expected.isEmpty, let sharpe = stats.sharpe else { continue }
      sharpePoints.append(
        PredictionScatter.Point(
          label: "random path \(p + 1)", predicted: expected.reduce(0, +) / Double(expected.count), realised: sharpe,
          colour: randomColour, marker: Self.randomPathMarker))
    }
    if let mainRun = run.run(main) {
      for (y, pair) in mainRun.periodSharpes(walkForward.schedule, businessDaysPerYear: perYear).enumerated() {
        guard let expected = pair.expected, let realised = pair.realised else { continue }
        sharpePoints.append(
          PredictionScatter.Point(
            label: "\(main.rawValue), year after \(walkForward.rebalanceDates[y])", predicted: expected,
            realised: realised, colour: ChartColour.primaryLight, marker: .secondSeries))
      }
    }
    for s in shown {
      guard let expected = s.meanExpectedSharpe, let realised = s.statistics.sharpe else { continue }
      sharpePoints.append(
        PredictionScatter.Point(
          label: s.strategy.rawValue, predicted: expected, realised: realised,
          colour: colours[s.strategy] ?? ChartColour.axis, marker: .chosen, labelled: true))
    }
    out.append(
      figure(
        PredictionScatter(
          title: "Sharpe ratio: expected by the selection against realised",
          predictedAxis: "expected Sharpe ratio after costs (§6, mean over the periods)",
          realisedAxis: "realised Sharpe ratio", shortTitle: "Sharpe ratio: expected, realised",
          shortPredictedAxis: "expected Sharpe ratio", points: sharpePoints,
          legend: [
            ("strategies, whole run", .marker(.chosen, colour: ChartColour.primary)),
            ("\(main.rawValue), each year", .marker(.secondSeries, colour: ChartColour.primaryLight)),
            ("random paths", .marker(Self.randomPathMarker, colour: randomColour)),
          ], decimals: 1), id: "chart-sharpe",
        caption: "Expected: the selection's Sharpe ratio after costs (every instrument assumed to earn a pre-cost "
          + "Sharpe ratio of \(num(walkForward.settings.costs.preCostSR, 2))), averaged over the periods. Realised: "
          + "of the daily returns. Light blue squares: each year of \(main.rawValue) alone (about 256 days: a Sharpe ratio "
          + "measured over one year has a standard error near 1)."))
    out.append("</section>")
    return out
  }
}
