/// One self-contained HTML page about a selection: inline CSS and SVG, no scripts, no fonts or images fetched, so it
/// opens the same anywhere and can be mailed as one file. The markup is well-formed XML (XHTML syntax), so it can be
/// checked by any XML parser.
///
/// Sections: summary; the greedy path (chart and table); the chosen set; the capital sweep (chart and table, when a
/// sweep is given); costs against standalone capital for every instrument; the correlation heatmap of the chosen set;
/// the capital reserve (histogram and table, when given); every instrument; exclusions; the data import (for
/// pysystemtrade folders); the settings.
///
/// Every chart is drawn twice, for a desktop column and for a phone (`ChartLayout`), and the CSS shows the one that
/// fits; tables scroll sideways with their first column held in view. Wherever the page describes the chosen set it
/// says how the set was found (`setDescription`).
public struct HTMLReport: Sendable {
  public var selection: SelectionResult
  public var sweep: CapitalSweep?
  public var reserve: CapitalReserve?
  public var imported: PysystemtradeImport?
  /// The walk-forward at the report's capital, for its section (`WalkForward+HTML.swift`).
  public var walkForward: WalkForward?

  public init(
    selection: SelectionResult, sweep: CapitalSweep? = nil, reserve: CapitalReserve? = nil,
    imported: PysystemtradeImport? = nil, walkForward: WalkForward? = nil
  ) {
    self.selection = selection
    self.sweep = sweep
    self.reserve = reserve
    self.imported = imported
    self.walkForward = walkForward
  }

  var base: String { selection.universe.baseCurrency }
  var settings: PipelineSettings { selection.settings }

  /// The page.
  public func rendered() -> String {
    let s = selection
    let money = NumberFormat.money
    let portfolio = s.portfolio
    let universe = s.universe
    var body: [String] = []

    // Header and summary.
    body.append("<header><h1>Which instruments to trade with \(esc(money(s.capital))) \(esc(base))</h1>")
    body.append(
      "<p class=\"lead\">Data: <code>\(esc(universe.source))</code> — \(NumberFormat.count(universe.instrumentCount, "instrument"))"
        + (universe.lastDate.map { ", prices to \($0)" } ?? "") + "; \(NumberFormat.integer(s.eligible.count)) \(s.eligible.count == 1 ? "passes" : "pass") "
        + "every filter at this capital."
        + (portfolio.isEmpty ? "" : " The set was found by \(esc(setDescription)).") + " Pre-cost Sharpe ratio "
        + "\(num(settings.costs.preCostSR, 2)) for every instrument, target volatility "
        + "\(esc(NumberFormat.percent(settings.sizing.targetVolatility))), at most "
        + "\(num(settings.sizing.maxContracts, 0)) contracts at the target position in the capital tests, IDM capped at "
        + "\(num(settings.sizing.idmCap, 2)).</p></header>")
    var cards: [(String, String, String)] = []
    if let sharpe = portfolio.sharpe, let idm = portfolio.idm {
      cards.append(
        ("Instruments chosen", "\(portfolio.members.count)", "of \(NumberFormat.integer(universe.instrumentCount))"))
      cards.append(("Expected Sharpe ratio", NumberFormat.fixed(sharpe, decimals: 3), "after costs; \(setDescription)"))
      cards.append(
        ("IDM", NumberFormat.fixed(idm, decimals: 2), "cap \(NumberFormat.fixed(settings.sizing.idmCap, decimals: 2))"))
      cards.append(
        ("The set needs", NumberFormat.capitalNeeded(portfolio.smallestCapital), "\(base), of \(money(s.capital)) available"))
    } else {
      cards.append(("Instruments chosen", "0", "nothing fits this capital"))
    }
    if let reserve, let amount = reserve.reserve {
      cards.append(
        (
          "Cash to hold back", money(amount),
          "\(base), \(NumberFormat.percent(amount / s.capital, decimals: 2)) of capital (\(percentLabel(reserve.quantile)) one-day loss)"
        ))
    }
    body.append(
      "<section class=\"cards\">"
        + cards.map {
          "<div class=\"card\"><div class=\"label\">\(esc($0.0))</div><div class=\"value\">\(esc($0.1))</div>"
            + "<div class=\"note\">\(esc($0.2))</div></div>"
        }.joined() + "</section>")
    if portfolio.isEmpty {
      let smallest =
        universe.smallestWorkable.map {
          " The smallest capital that admits an instrument is \(money($0.capital.rounded(.up))) \(base) (\($0.code))."
        } ?? " No instrument passes the history, stale, liquidity and cost filters at any capital."
      body.append(
        "<p class=\"warning\">Nothing can be selected with \(esc(money(s.capital))) \(esc(base)).\(esc(smallest))</p>")
    }

    body.append(contentsOf: greedySection())
    body.append(contentsOf: chosenSection())
    if sweep != nil { body.append(contentsOf: sweepSection()) }
    body.append(contentsOf: costSection())
    body.append(contentsOf: correlationSection())
    if reserve != nil { body.append(contentsOf: reserveSection()) }
    if let walkForward { body.append(contentsOf: walkForwardSection(walkForward)) }
    body.append(contentsOf: instrumentsSection())
    if let imported { body.append(contentsOf: importSection(imported)) }
    body.append(contentsOf: settingsSection())

    return HTMLPage.document(
      title: "Tradeable — \(money(s.capital)) \(base)", body: body, command: "tradeable report")
  }

  // MARK: - Sections

  func greedySection() -> [String] {
    let s = selection
    var out = [
      "<section id=\"greedy\"><h2>How the selection grew</h2>",
      "<p>Start with the cheapest instrument the capital can hold alone, then repeatedly add the one that raises the "
        + "portfolio's expected Sharpe ratio the most while every member stays affordable. Stopped: "
        + "\(esc(s.path.stopReason.rawValue)).</p>",
    ]
    guard !s.path.steps.isEmpty else {
      out.append("<p>No step: nothing is selected.</p></section>")
      return out
    }
    let steps = s.path.steps.map { step in
      GreedyPathChart.Step(
        code: s.metrics[step.added].code, sharpe: step.sharpe, idm: step.idm,
        capitalNeeded: step.minimumCapital)
    }
    out.append(
      figure(
        GreedyPathChart(steps: steps, idmCap: settings.sizing.idmCap, capital: s.capital, baseCurrency: base),
        id: "chart-greedy-path",
        caption: "Each step adds the instrument named below. Sharpe ratio: expected, after costs, of the set with "
          + "\(schemeDescription). IDM: the diversification multiplier (capped). Capital: what the whole set needs so every "
          + "member holds \(num(settings.sizing.maxContracts, 0)) contracts at its target position."))
    var table = HTMLTable([
      ("Step", .number), ("Added", .left), ("Class", .left), ("Sharpe", .number), ("IDM", .number),
      ("\(NumberFormat.quantity(settings.sizing.maxContracts, "contract")) each (\(base))", .number),
    ])
    for (k, step) in s.path.steps.enumerated() {
      let i = step.added
      table.append([
        "\(k + 1)", s.metrics[i].code, s.instruments[i].assetClass, NumberFormat.fixed(step.sharpe, decimals: 4),
        NumberFormat.fixed(step.idm, decimals: 3), NumberFormat.capitalNeeded(step.minimumCapital),
      ])
    }
    out.append(table.rendered(id: "table-steps"))
    out.append(contentsOf: refinementPart())
    out.append("</section>")
    return out
  }

  /// What ran after the greedy path (DESIGN.md §6b): the winning start, its moves, why it stopped, the exact search.
  func refinementPart() -> [String] {
    let search = selection.search
    guard search.mode != .greedy, search.final != nil else { return [] }
    let code = { (i: Int) in self.selection.metrics[i].code }
    var text =
      "--search \(search.mode.rawValue): \(NumberFormat.integer(search.startsRefined)) distinct starting sets "
      + "refined by single add, drop and swap moves; the best came from \(search.startDescription(baseCurrency: base))"
      + (search.moves.isEmpty ? ", which no move improves." : " in \(search.moves.count) move\(search.moves.count == 1 ? "" : "s").")
    if let stop = search.refinementStop, !search.moves.isEmpty { text += " Stopped: \(stop.rawValue)." }
    if let exact = search.exact {
      text +=
        exact.proved
        ? " The exact search proved the set optimal over every subset of the eligible instruments "
          + "(\(NumberFormat.integer(exact.nodes)) nodes)."
        : " The exact search did not prove it (\(exact.limit ?? "stopped"), \(NumberFormat.integer(exact.nodes)) nodes): "
          + "the set is the best found, never worse than the refined one."
    }
    var out = ["<h3>Beyond the greedy path</h3>", "<p>\(esc(text))</p>"]
    guard !search.moves.isEmpty else { return out }
    var table = HTMLTable([
      ("Move", .number), ("Added", .left), ("Removed", .left), ("Sharpe", .number), ("IDM", .number),
      ("Capital needed (\(base))", .number),
    ])
    for (k, move) in search.moves.enumerated() {
      table.append([
        "\(k + 1)", move.added.map(code) ?? "—", move.removed.map(code) ?? "—",
        NumberFormat.fixed(move.set.sharpe, decimals: 4), NumberFormat.fixed(move.set.idm, decimals: 3),
        NumberFormat.money(move.set.minimumCapital),
      ])
    }
    out.append(table.rendered(id: "table-refinement"))
    return out
  }

  func chosenSection() -> [String] {
    let s = selection
    let portfolio = s.portfolio
    guard !portfolio.isEmpty else { return [] }
    var out = [
      "<section id=\"chosen\"><h2>The chosen set</h2>",
      "<p>\(portfolio.members.count) instrument\(portfolio.members.count == 1 ? "" : "s"), found by "
        + "\(esc(setDescription)). "
        + "Contracts at the "
        + "target position = capital × IDM × weight × target volatility / the contract's annual volatility in "
        + "\(esc(base)).</p>",
    ]
    var table = HTMLTable([
      ("Code", .left), ("Name", .left), ("Class", .left), ("Weight", .number), ("Vol", .number),
      ("SR cost/yr", .number),
      ("Contracts", .number), ("Rounded", .number),
      ("\(NumberFormat.quantity(settings.sizing.maxContracts, "contract")) at (\(base))", .number),
      ("Alone at (\(base))", .number),
    ])
    for member in portfolio.members {
      let i = member.index
      table.append([
        s.metrics[i].code, s.instruments[i].name, s.instruments[i].assetClass, NumberFormat.percent(member.weight),
        NumberFormat.percent(s.metrics[i].annualVolatility), NumberFormat.fixed(s.metrics[i].annualSRCost, decimals: 4),
        NumberFormat.fixed(member.contracts, decimals: 2), NumberFormat.fixed(member.roundedContracts, decimals: 0),
        NumberFormat.capitalNeeded(member.minimumCapital), NumberFormat.capitalNeeded(member.standaloneCapital),
      ])
    }
    out.append(table.rendered(id: "table-chosen"))
    out.append(
      "<p>\(esc(NumberFormat.quantity(settings.sizing.maxContracts, "contract"))) at: the capital at which the member holds "
        + "that many contracts in this set; alone at: what the capital filter asks of it alone at its best case. The "
        + "set needs the largest of these, \(esc(NumberFormat.capitalNeeded(portfolio.smallestCapital))) \(esc(base)).</p>")
    out.append("</section>")
    return out
  }

  func sweepSection() -> [String] {
    guard let sweep else { return [] }
    let rows = sweep.rows
    var out = [
      "<section id=\"sweep\"><h2>What more or less capital buys</h2>",
      "<p>The same selection at \(rows.count) capitals from \(esc(NumberFormat.money(rows.first?.capital))) to "
        + "\(esc(NumberFormat.money(rows.last?.capital))) \(esc(base)), \(esc(setDescription)). "
        + esc(sweep.explanation) + "</p>",
    ]
    let points = rows.map {
      SweepChart.Point(
        capital: $0.capital, instruments: $0.instruments.count, sharpe: $0.sharpe, eligible: $0.eligibleCount,
        carried: $0.carriedFrom != nil)
    }
    out.append(
      figure(
        SweepChart(points: points, marked: selection.capital, baseCurrency: base), id: "chart-sweep",
        caption: "Capital on a logarithmic axis. The dashed line marks this report's capital; open rings mark "
          + "capitals where the set carried from the previous capital won; the bottom panel shows how many instruments "
          + "are eligible at each capital."))
    var table = HTMLTable([
      ("Capital (\(base))", .number), ("Eligible", .number), ("Chosen", .number), ("Sharpe", .number),
      ("IDM", .number), ("Set needs (\(base))", .number), ("Found", .left), ("Set (in the order built)", .left),
    ])
    for row in rows {
      table.append(
        [
          NumberFormat.money(row.capital), NumberFormat.integer(row.eligibleCount),
          NumberFormat.integer(row.instruments.count), NumberFormat.fixed(row.sharpe, decimals: 4),
          NumberFormat.fixed(row.idm, decimals: 3), NumberFormat.capitalNeeded(row.smallestCapital), sweep.found(row),
          row.instruments.isEmpty ? "—" : row.instruments.joined(separator: " "),
        ], rowClass: row.capital == selection.capital ? "current" : nil)
    }
    out.append(table.rendered(id: "table-sweep"))
    out.append("</section>")
    return out
  }

  func costSection() -> [String] {
    let s = selection
    let status = s.statuses
    let points = s.metrics.indices.map { i in
      CostCapitalChart.Point(
        code: s.metrics[i].code, assetClass: s.instruments[i].assetClass, minimumCapital: s.standaloneCapital[i],
        annualSRCost: s.metrics[i].annualSRCost, status: status[i], reasons: s.screening[i].reasons.map(\.rawValue))
    }
    let chart = CostCapitalChart(
      points: points, capital: s.capital, maxSRCost: settings.filters.cost.maximumSRCost, baseCurrency: base)
    let missing = chart.notPlotted
    var caption =
      "One point per instrument. Annual SR cost = cost per trade / the contract's annual volatility × trades a year. "
      + "Capital needed on its own = \(num(settings.sizing.maxContracts, 0)) contracts × annual volatility / (IDM cap "
      + "\(num(settings.sizing.idmCap, 2)) × weight \(num(settings.filters.capital.maximumWeight, 2)) × target "
      + "\(num(settings.sizing.targetVolatility, 2))). "
      + "Instruments above the dashed horizontal line cost too much; right of the vertical line they need more than the "
      + "capital. Shape tells the status: chosen instruments are large ringed circles (labelled), eligible ones filled "
      + "circles, excluded ones hollow diamonds; colour tells the asset class. Hover a point for its numbers."
    let offScale = chart.offScale
    if !offScale.isEmpty {
      caption +=
        " Triangles on the top edge cost more than \(compactNumber(chart.costScaleTop)) "
        + "SR a year, off the scale: " + offScale.map(\.code).joined(separator: ", ") + "."
    }
    if !missing.isEmpty {
      caption +=
        " Not drawn (no volatility, or a zero cost or capital, which a logarithmic axis cannot show): "
        + missing.map(\.code).joined(separator: ", ") + "."
    }
    return [
      "<section id=\"costs\"><h2>What each instrument costs, and what it needs alone</h2>",
      figure(chart, id: "chart-cost-capital", caption: caption),
      "</section>",
    ]
  }

  func correlationSection() -> [String] {
    let s = selection
    guard !s.portfolio.isEmpty else { return [] }
    let codes = s.portfolio.codes
    let matrix = s.correlation.selected
    var note =
      "Correlations of weekly price differences over \(settings.correlation.weeks) ISO weeks, pairwise over the "
      + "weeks both instruments have, floored at \(num(settings.correlation.floor, 2))"
    if let repair = s.correlation.repair, repair.repaired {
      note +=
        "; the pool's \(s.correlation.poolSize)×\(s.correlation.poolSize) matrix (every filter but capital) was not "
        + "positive definite (smallest eigenvalue \(NumberFormat.fixed(repair.smallestEigenvalue, decimals: 4))) and "
        + "was repaired once before selection, so these are the repaired values the selection used"
    } else if s.correlation.matrixFree {
      note += "; selected matrix-free (only the chosen instruments' rows were computed), so no repair"
    }
    note += ". The set was found by \(setDescription); instruments in the order they were added."
    return [
      "<section id=\"correlation\"><h2>How correlated the chosen set is</h2>",
      codes.count >= 2
        ? figure(CorrelationHeatmap(codes: codes, matrix: matrix), id: "chart-correlation", caption: note)
        : "<p>One instrument: nothing to correlate.</p>",
      "</section>",
    ]
  }

  func reserveSection() -> [String] {
    guard let reserve else { return [] }
    var out = [
      "<section id=\"reserve\"><h2>Cash to hold back for a bad day</h2>",
      "<p>\(esc(reserve.methodNote))</p>",
    ]
    guard let amount = reserve.reserve, let longLoss = reserve.longLoss, let shortLoss = reserve.shortLoss else {
      out.append("<p>Not enough common history to estimate the one-day loss.</p></section>")
      return out
    }
    let histogram = LossHistogram(
      profitAndLoss: reserve.dailyProfitAndLoss, quantile: reserve.quantile, longLoss: longLoss,
      shortLoss: shortLoss, normalStandardDeviation: reserve.expectedDailyVolatility, baseCurrency: base)
    out.append(
      figure(
        histogram, id: "chart-loss-histogram",
        caption: "Each bar counts the days whose P&L fell in its range. Vermillion, left: days the long book lost "
          + "more than its \(percentLabel(reserve.quantile)) quantile loss; indigo, right: days the short book did. "
          + "Dashed curve: the normal distribution at the expected volatility."
          + (histogram.tailNote.map { " " + $0 + " Hover a bar for its range." } ?? " Hover a bar for its range.")))
    let money = NumberFormat.money
    var table = HTMLTable([
      ("One-day loss at the \(percentLabel(reserve.quantile)) quantile", .left),
      ("Target positions (\(base))", .number), ("Rounded positions (\(base))", .number),
    ])
    table.append(["Long book", money(longLoss), money(reserve.longLossRounded)])
    table.append(["Short book", money(shortLoss), money(reserve.shortLossRounded)])
    table.append([
      "Normal at the expected daily volatility \(money(reserve.expectedDailyVolatility))", money(reserve.normalLoss),
      "—",
    ])
    table.append(["Cash to hold back", money(amount), money(reserve.reserveRounded)], rowClass: "current")
    out.append(table.rendered(id: "table-reserve"))
    out.append(
      "<p>Realised daily P&amp;L volatility \(esc(money(reserve.realisedDailyVolatility))) \(esc(base)) against "
        + "\(esc(money(reserve.expectedDailyVolatility))) expected; window \(NumberFormat.integer(reserve.dailyProfitAndLoss.count)) "
        + "days\(reserve.windowStart.map { ", \($0) to \(reserve.dates.last!)" } ?? "").</p>")
    out.append("</section>")
    return out
  }

  func instrumentsSection() -> [String] {
    let s = selection
    let status = s.statuses
    let money = NumberFormat.money
    var table = HTMLTable([
      ("Code", .left), ("Name", .left), ("Class", .left), ("Currency", .left), ("Notional (\(base))", .number),
      ("Vol", .number), ("Cost/trade (\(base))", .number), ("Trades/yr", .number), ("SR cost/yr", .number),
      ("Min capital (\(base))", .number), ("Status", .left), ("Reasons", .left),
    ])
    for i in s.metrics.indices {
      let m = s.metrics[i]
      table.append(
        [
          m.code, s.instruments[i].name, s.instruments[i].assetClass, s.instruments[i].currency, money(m.notional),
          NumberFormat.percent(m.annualVolatility), NumberFormat.fixed(m.costPerTrade, decimals: 2),
          NumberFormat.fixed(m.tradesPerYear, decimals: 1), NumberFormat.fixed(m.annualSRCost, decimals: 4),
          money(s.standaloneCapital[i]), status[i].rawValue,
          (s.screening[i].reasons.map(\.rawValue) + s.screening[i].flags.map(\.rawValue)).joined(separator: ", "),
        ], rowClass: status[i] == .selected ? "current" : status[i] == .excluded ? "excluded" : nil)
    }
    var exclusions = HTMLTable([("Reason", .left), ("Instruments", .number)])
    for (reason, count) in s.exclusionCounts { exclusions.append([reason.rawValue, NumberFormat.integer(count)]) }
    let counts = status.reduce(into: [InstrumentStatus: Int]()) { $0[$1, default: 0] += 1 }
    return [
      "<section id=\"instruments\"><h2>Every instrument</h2>",
      "<p>\(NumberFormat.integer(counts[.selected, default: 0])) selected, "
        + "\(NumberFormat.integer(counts[.eligible, default: 0])) eligible but not chosen, "
        + "\(NumberFormat.integer(counts[.excluded, default: 0])) excluded. An instrument may fail several filters.</p>",
      exclusions.rendered(id: "table-exclusions"),
      "<details><summary>All \(NumberFormat.integer(s.metrics.count)) instruments, in input order</summary>",
      table.rendered(id: "table-instruments"),
      "</details>",
      "</section>",
    ]
  }

  func importSection(_ imported: PysystemtradeImport) -> [String] {
    var out = [
      "<section id=\"import\"><h2>Data import (pysystemtrade layout)</h2>",
      "<p>" + esc(imported.headline) + "</p>",
      "<ul class=\"import-layout\" style=\"overflow-wrap:anywhere\">"
        + imported.layoutLines().map { "<li>" + esc($0.trimmingSpaces()) + "</li>" }.joined() + "</ul>",
    ]
    if !imported.leftOut.isEmpty {
      var table = HTMLTable([("Code", .left), ("Left out because", .left), ("Where", .left)])
      for item in imported.leftOut {
        table.append([
          item.code, item.reasons.map(\.rawValue).joined(separator: "; "),
          item.line.map { "\(item.file):\($0)" } ?? item.file,
        ])
      }
      out.append(table.rendered(id: "table-import"))
    }
    out.append("</section>")
    return out
  }

  /// Every setting of the run, grouped by stage with plain-language labels (`PipelineSettings.settingLabels`), from
  /// one source: the encoded settings, so nothing the run used is left unsaid. Each row also names its JSON key, as
  /// `--settings FILE` reads it.
  func settingsSection() -> [String] {
    var table = HTMLTable([("Setting", .left), ("Value", .left), ("JSON key", .left)])
    var stage: String?
    for row in PipelineSettings.describedSettings(settings.json, baseCurrency: base) {
      if row.stage != stage {
        table.appendGroup(row.stage)
        stage = row.stage
      }
      table.append([row.label, row.value, row.key], codeColumns: [2])
    }
    return [
      "<section id=\"settings\"><h2>Settings</h2>",
      "<p>Every setting of the run, by stage. The JSON key is the setting's name in the <code>settings</code> block "
        + "of <code>--format json</code>, which <code>--settings FILE</code> reads back.</p>",
      table.rendered(id: "table-settings"), "</section>",
    ]
  }

  /// How the set was found, in words: the search and the weighting scheme. Every place the page describes the chosen
  /// set says it with these words, so a new search mode or weighting scheme is one case here or in
  /// `schemeDescription`.
  var setDescription: String { "\(searchDescription) with \(schemeDescription)" }

  /// The search that found the set.
  var searchDescription: String {
    switch settings.selection.search.mode {
    case .greedy: return "greedy search"
    case .refined: return "refined search"
    case .exact: return "exact search"
    }
  }

  /// The weighting scheme in words, for every place the page describes the set.
  var schemeDescription: String {
    switch settings.selection.weighting {
    case .equal: return "equal risk weights"
    case .handcrafted: return "handcrafted risk weights"
    case .maxSharpe: return "max-Sharpe risk weights"
    }
  }

  // MARK: - Helpers

  /// A figure holding `chart` drawn for every layout (`id` for the desktop one, `id-narrow` for the phone one; the
  /// CSS shows one) and its caption.
  func figure(_ chart: some Chart, id: String, caption: String) -> String {
    HTMLPage.figure(chart, id: id, caption: caption)
  }

  func esc(_ text: String) -> String { HTML.escape(text) }
  func num(_ x: Double, _ decimals: Int) -> String { NumberFormat.fixed(x, decimals: decimals) }
  func percentLabel(_ q: Double) -> String {
    NumberFormat.fixed(q * 100, decimals: q * 100 == (q * 100).rounded() ? 0 : 1) + "%"
  }

  /// The page's style: a readable column at most 1,040 pixels wide; on a desktop the wide drawing of each chart,
  /// shrinking with the window, and below 720 pixels the narrow one drawn for a phone; tables that scroll sideways
  /// rather than widen the page, their first column held in view.
  static let css = """
    :root { color-scheme: light; }
    body { margin: 0; background: #f6f7f9; color: #1d1f23; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    main { max-width: 1040px; margin: 0 auto; padding: 24px 28px 48px; background: #ffffff; }
    h1 { font-size: 26px; line-height: 1.25; margin: 8px 0 4px; }
    h2 { font-size: 20px; line-height: 1.3; margin: 36px 0 8px; padding-top: 12px; border-top: 1px solid #e3e5e8; }
    p { max-width: 900px; }
    .lead { color: #444a52; }
    code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 13px; background: #f1f3f5; padding: 1px 4px; border-radius: 3px; white-space: nowrap; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin: 16px 0 8px; }
    .card { border: 1px solid #e3e5e8; border-radius: 8px; padding: 10px 14px; background: #fbfcfd; }
    .card .label { font-size: 13px; color: #5a616b; }
    .card .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
    .card .note { font-size: 12px; color: #6b727c; }
    .warning { background: #fff4e5; border-left: 4px solid #e69f00; padding: 8px 12px; }
    figure { margin: 16px 0 20px; }
    svg.chart { display: block; max-width: 100%; height: auto; }
    svg.chart.narrow { display: none; }
    figcaption { font-size: 13px; color: #555b63; margin-top: 6px; max-width: 900px; }
    .table-wrap { overflow-x: auto; margin: 12px 0; max-width: 100%; }
    table { border-collapse: separate; border-spacing: 0; font-size: 13px; font-variant-numeric: tabular-nums; }
    th, td { padding: 4px 10px; border-bottom: 1px solid #eceef1; text-align: left; vertical-align: top; background: #ffffff; }
    th, td.num { white-space: nowrap; }
    thead th { background: #f3f5f7; font-weight: 600; }
    td.num, th.num { text-align: right; }
    tr > :first-child { position: sticky; left: 0; z-index: 1; box-shadow: inset -1px 0 0 #dfe2e6; }
    thead th:first-child { z-index: 2; }
    #table-steps tr > :first-child { box-sizing: border-box; width: 3.6em; min-width: 3.6em; max-width: 3.6em; box-shadow: none; }
    #table-steps tr > :nth-child(2) { position: sticky; left: 3.6em; z-index: 1; box-shadow: inset -1px 0 0 #dfe2e6; }
    tr.current td { background: #eaf2fb; font-weight: 600; }
    tr.excluded td { color: #6b727c; }
    tr.group th { position: static; box-shadow: none; background: #f8f9fa; font-weight: 650; padding-top: 10px; border-bottom: 1px solid #dfe2e6; }
    tr.group th span { position: sticky; left: 10px; }
    td code { font-size: 12px; background: none; padding: 0; color: #5a616b; }
    #table-sweep td:last-child { white-space: normal; min-width: 280px; }
    details { margin: 12px 0; }
    summary { cursor: pointer; font-weight: 600; }
    footer { margin-top: 40px; font-size: 12px; color: #6b727c; }
    @media (max-width: 720px) {
      main { padding: 12px 14px 32px; }
      h1 { font-size: 22px; }
      h2 { font-size: 18px; margin-top: 28px; }
      svg.chart.wide { display: none; }
      svg.chart.narrow { display: block; }
      .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
      .card { padding: 8px 10px; }
      .card .value { font-size: 20px; }
      th, td { padding: 4px 8px; }
      td { white-space: nowrap; }
      tr > :first-child { white-space: normal; min-width: 6em; max-width: 42vw; }
      #table-steps tr > :first-child { min-width: 3.6em; }
      #table-settings td { white-space: normal; min-width: 6em; }
      #table-sweep td:last-child { min-width: 220px; }
    }
    """
}
