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
    out.append(contentsOf: FundMetricsReport.droppedLines(entries))
    return out.joined(separator: "\n")
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
    var lines = [
      CSVWriter.line(["code", "status", "reasons", "frequency", "window"] + PerformanceMetrics.csvHeader)
    ]
    for (k, entry) in entries.enumerated() {
      let head = [
        entry.code, entry.isKept ? "kept" : "dropped", entry.reasons.map(\.rawValue).joined(separator: ";"),
        entry.frequency?.rawValue ?? "",
      ]
      guard entry.isKept else {
        lines.append(CSVWriter.line(head + [""] + PerformanceMetrics.emptyCSVFields))
        continue
      }
      for (w, window) in windows.enumerated() {
        lines.append(
          CSVWriter.line(head + [window.rawValue] + (metrics[k][w]?.csvFields ?? PerformanceMetrics.emptyCSVFields)))
      }
    }
    return lines.joined(separator: "\n")
  }
}
