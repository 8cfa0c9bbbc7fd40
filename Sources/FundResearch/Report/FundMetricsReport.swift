import Tradeable

/// The `funds metrics` report: every metric of DESIGN.md §8 over each window, for every kept series; every dropped
/// series listed with its reasons.
public struct FundMetricsReport: Sendable {
  /// Cleaned entries, input order.
  public let entries: [FundEntry]
  /// Windows reported, in order.
  public let windows: [MetricWindow]
  /// Annual risk-free rate of the Sharpe ratio.
  public let riskFree: Double
  /// The date the entries were cut at (`FundUniverse.asOf(_:)`), for the report's words; `nil`: all NAVs.
  public let date: CalendarDay?
  /// Where the NAVs and products came from.
  public let source: String
  public let productsFile: String?
  /// Per entry and window: the metrics, `nil` when the window is not available (or the entry was dropped).
  public let metrics: [[PerformanceMetrics?]]
  /// Per entry: its latest NAV against the product's warning and stop-loss lines; `nil` for a product without lines,
  /// a manager series (its index has no NAV level of its own) or a series without NAVs.
  public let lines: [NAVLineStatus?]

  public init(
    entries: [FundEntry], windows: [MetricWindow] = MetricWindow.allCases, riskFree: Double = 0,
    date: CalendarDay? = nil, source: String = "", productsFile: String? = nil
  ) {
    self.entries = entries
    self.windows = windows
    self.riskFree = riskFree
    self.date = date
    self.source = source
    self.productsFile = productsFile
    lines = entries.map { entry in
      guard !entry.isMerged, let nav = entry.series.navs.last else { return nil }
      return entry.product.lineStatus(nav: nav)
    }
    metrics = entries.map { entry in
      guard entry.isKept, let p = entry.periodsPerYear else { return windows.map { _ in nil } }
      return windows.map { w in
        entry.series.window(w).map { PerformanceMetrics($0, periodsPerYear: p, riskFree: riskFree) }
      }
    }
  }

  /// Aligned table: one row per kept series and window, then the dropped series.
  public func table(style: TerminalStyle = .plain) -> String {
    var out: [String] = []
    let kept = entries.filter(\.isKept).count
    out.append(style.bold("Fund metrics — \(source)"))
    out.append(
      "\(entries.count) series\(productsFile.map { " (products: \($0))" } ?? ""); \(kept) kept"
        + (date.map { "; NAVs up to \($0)" } ?? "") + ". Annualised at each series' reporting frequency; risk-free "
        + "\(NumberFormat.percent(riskFree, decimals: 2)) a year.")
    out.append("")
    var table = TextTable([
      ("Code", .left), ("Freq", .left), ("Window", .left), ("From", .left), ("To", .left), ("N", .right),
      ("Cumul.", .right), ("Annual", .right), ("Vol", .right), ("Downside", .right), ("Sharpe", .right),
      ("± SE", .right), ("Sortino", .right), ("Max DD", .right), ("Peak", .left), ("Trough", .left),
      ("Recovery", .left), ("Calmar", .right),
    ])
    let dash = "—"
    for (k, entry) in entries.enumerated() where entry.isKept {
      for (w, window) in windows.enumerated() {
        let code = w == 0 ? entry.code : ""
        let frequency = w == 0 ? entry.frequency?.rawValue ?? "" : ""
        guard let m = metrics[k][w] else {
          table.append([code, frequency, window.rawValue, "—", "", "", "", "", "", "", "", "", "", "", "", "", "", ""])
          continue
        }
        table.append([
          code, frequency, window.rawValue, m.start.description, m.end.description, "\(m.returnCount)",
          NumberFormat.percent(m.cumulativeReturn), NumberFormat.percent(m.annualisedReturn),
          NumberFormat.percent(m.volatility), NumberFormat.percent(m.downsideDeviation),
          NumberFormat.fixed(m.sharpe, decimals: 2), NumberFormat.fixed(m.sharpeStandardError, decimals: 2),
          NumberFormat.fixed(m.sortino, decimals: 2), NumberFormat.percent(m.maxDrawdown.depth),
          m.maxDrawdown.peak?.description ?? dash, m.maxDrawdown.trough?.description ?? dash,
          m.maxDrawdown.recovery?.description ?? (m.maxDrawdown.peak == nil ? dash : "not yet"),
          NumberFormat.fixed(m.calmar, decimals: 2),
        ])
      }
    }
    out.append(table.rendered(style: style))
    out.append(contentsOf: linesTable(style: style))
    out.append(contentsOf: FundMetricsReport.droppedLines(entries))
    return out.joined(separator: "\n")
  }

  /// The products with a warning or stop-loss line: latest NAV, each line and the fall that reaches it, flagged at
  /// or below. Nothing when no product has a line.
  func linesTable(style: TerminalStyle) -> [String] {
    let rows = entries.indices.filter { lines[$0] != nil }
    guard !rows.isEmpty else { return [] }
    var table = TextTable([
      ("Code", .left), ("Last NAV", .right), ("Warning line", .right), ("Fall to it", .right), ("Stop line", .right),
      ("Fall to it", .right), ("Status", .left),
    ])
    func level(_ x: Double?) -> String { x.map { JSONValue.format($0) } ?? "—" }
    for k in rows {
      let l = lines[k]!
      table.append([
        entries[k].code, JSONValue.format(l.nav), level(l.warningLine), NumberFormat.percent(l.warningDistance),
        level(l.stopLine), NumberFormat.percent(l.stopDistance), FundMetricsReport.lineWords(l, style: style),
      ])
    }
    let stopped = rows.filter { lines[$0]!.isAtOrBelowStopLine }.count
    let warned = rows.filter { lines[$0]!.isAtOrBelowWarningLine }.count
    return [
      "", style.bold("Warning and stop-loss lines"),
      "Fall to a line = 1 − line / last NAV: what the NAV can lose before it touches the line. \(warned) at or below "
        + "the warning line, \(stopped) at or below the stop line (excluded by funds select, reason stop_line).",
      table.rendered(style: style),
    ]
  }

  /// "at or below the stop line", "at or below the warning line", or nothing.
  static func lineWords(_ l: NAVLineStatus, style: TerminalStyle = .plain) -> String {
    if l.isAtOrBelowStopLine { return style.bold(style.yellow("at or below the stop line")) }
    if l.isAtOrBelowWarningLine { return style.yellow("at or below the warning line") }
    return ""
  }

  /// "Dropped: …" lines, or nothing when every entry is kept; manager merges are listed too.
  static func droppedLines(_ entries: [FundEntry]) -> [String] {
    var lines: [String] = []
    let dropped = entries.filter { !$0.isKept }
    if !dropped.isEmpty {
      lines.append("")
      lines.append("Dropped (\(dropped.count)):")
      for entry in dropped { lines.append("  \(entry.code): \(entry.reasonText)") }
    }
    let merged = entries.filter(\.isMerged)
    if !merged.isEmpty {
      lines.append("")
      lines.append("Manager series (equal weight of the manager's kept products):")
      for entry in merged { lines.append("  \(entry.code): \(entry.members.count) products") }
    }
    return lines
  }

  /// JSON: the settings, then one object per entry (input order) with its windows.
  public func json(universe: FundUniverse) -> JSONValue {
    .object([
      ("source", .string(source)),
      ("productsFile", productsFile.map { .string($0) } ?? .null),
      ("date", date.map { .string($0.description) } ?? .null),
      ("riskFree", .number(riskFree)),
      (
        "series",
        .array(
          entries.indices.map { k in
            let entry = entries[k]
            var fields = entry.summaryJSON
            let l = lines[k]
            fields += [
              ("lastNAV", .optional(entry.series.navs.last)),
              ("warningLine", .optional(l?.warningLine)),
              ("warningDistance", .optional(l?.warningDistance)),
              ("atOrBelowWarningLine", .bool(l?.isAtOrBelowWarningLine ?? false)),
              ("stopLine", .optional(l?.stopLine)),
              ("stopDistance", .optional(l?.stopDistance)),
              ("atOrBelowStopLine", .bool(l?.isAtOrBelowStopLine ?? false)),
            ]
            if entry.isMerged {
              fields.append(("members", .array(entry.members.map { .string(universe.products[$0].code) })))
            }
            fields.append(
              ("windows", .object(windows.indices.map { w in (windows[w].rawValue, metrics[k][w]?.json ?? .null) })))
            return .object(fields)
          })
      ),
    ])
  }

  /// CSV: one row per kept entry and window (empty metrics where a window is unavailable), one row per dropped entry.
  public var csv: String {
    var rows = [
      CSVWriter.line(
        ["code", "status", "reasons", "frequency", "window"] + PerformanceMetrics.csvHeader + [
          "last_nav", "warning_line", "warning_distance", "stop_line", "stop_distance", "line_status",
        ])
    ]
    for (k, entry) in entries.enumerated() {
      let head = [
        entry.code, entry.isKept ? "kept" : "dropped", entry.reasons.map(\.rawValue).joined(separator: ";"),
        entry.frequency?.rawValue ?? "",
      ]
      let l = lines[k]
      let tail = [
        CSVWriter.number(entry.series.navs.last), CSVWriter.number(l?.warningLine),
        CSVWriter.number(l?.warningDistance), CSVWriter.number(l?.stopLine), CSVWriter.number(l?.stopDistance),
        l.map { $0.isAtOrBelowStopLine ? "at_or_below_stop_line" : $0.isAtOrBelowWarningLine ? "at_or_below_warning_line" : "" } ?? "",
      ]
      guard entry.isKept else {
        rows.append(CSVWriter.line(head + [""] + PerformanceMetrics.emptyCSVFields + tail))
        continue
      }
      for (w, window) in windows.enumerated() {
        rows.append(
          CSVWriter.line(
            head + [window.rawValue] + (metrics[k][w]?.csvFields ?? PerformanceMetrics.emptyCSVFields) + tail))
      }
    }
    return rows.joined(separator: "\n")
  }
}
