import Tradeable

/// The `funds regress --style` report: each kept product's style weights (Sharpe 1992) on the factors over their
/// shared dates, and with `rolling` the weights over each window; every other product listed with its reason.
public struct StyleAnalysisReport: Sendable {
  public let entries: [FundEntry]
  /// Factor series, in the analysis' order.
  public let factors: [NAVSeries]
  /// Where the factors came from.
  public let factorSource: String
  /// Per entry: the whole-span analysis, or why there is none; `nil` for an entry cleaning dropped.
  public let results: [Result<StyleAnalysis, StyleAnalysis.Failure>?]
  /// Per entry: the rolling analysis (with `rollingMonths`), `nil` otherwise or for a dropped entry.
  public let rolling: [RollingStyleAnalysis?]
  /// Calendar months of the rolling windows; `nil` without `--rolling`.
  public let rollingMonths: Int?

  /// Runs the analysis of every kept entry on `factors` within `start … end`.
  public init(
    entries: [FundEntry], factors: [NAVSeries], factorSource: String, start: CalendarDay? = nil,
    end: CalendarDay? = nil, rollingMonths: Int? = nil, periodsPerYear: Double? = nil
  ) {
    self.entries = entries
    self.factors = factors
    self.factorSource = factorSource
    self.rollingMonths = rollingMonths
    results = entries.map { entry in
      guard entry.isKept else { return nil }
      return Result { () throws(StyleAnalysis.Failure) -> StyleAnalysis in
        try StyleAnalysis(
          product: entry.series, factors: factors, start: start, end: end, periodsPerYear: periodsPerYear)
      }
    }
    rolling = entries.map { entry in
      guard entry.isKept, let rollingMonths else { return nil }
      return RollingStyleAnalysis(
        product: entry.series, factors: factors, months: rollingMonths, start: start, end: end,
        periodsPerYear: periodsPerYear)
    }
  }

  /// The analysis of entry `k`, `nil` when there is none.
  func analysis(_ k: Int) -> StyleAnalysis? { results[k].flatMap { try? $0.get() } }

  /// Why entry `k` has no weights, in words; `nil` when it has.
  func reasonText(_ k: Int) -> String? {
    switch results[k] {
    case nil: return entries[k].reasonText
    case .failure(let failure)?: return failure.description
    case .success?: return nil
    }
  }

  /// The exclusion reasons of entry `k`: cleaning's, `overlap` (too few shared returns) or `collinear`.
  func reasons(_ k: Int) -> [ExclusionReason] {
    switch results[k] {
    case nil: return entries[k].reasons
    case .failure(.tooFewReturns)?: return [.overlap]
    case .failure(.collinearFactors)?: return [.collinear]
    case .success?: return []
    }
  }

  /// Whether no entry got weights.
  public var isEmpty: Bool { entries.indices.allSatisfy { analysis($0) == nil } }

  /// The first failure's words, for the error when nothing could be analysed.
  public var firstFailure: String? {
    entries.indices.lazy.compactMap { k in self.reasonText(k).map { "\(self.entries[k].code): \($0)" } }.first
  }

  /// Table: the weights of each product, then its rolling windows; the products without weights with their reason.
  public func table(style: TerminalStyle = .plain) -> String {
    var out: [String] = []
    let codes = factors.map(\.code)
    out.append(style.bold("Style analysis on \(codes.joined(separator: ", "))"))
    out.append(
      contentsOf: wrapWords(
        "Factors from \(factorSource). Sharpe (1992): the weights w ≥ 0, Σ w = 1 minimising Σ (r − Σ w f)² "
          + "over the dates each product shares with every factor, no intercept (an exact active-set "
          + "solve over LAPACK). R² = 1 − var(e)/var(r); tracking error = sd(e) × √P; unexplained = mean(e) × P.",
        width: 116))
    out.append("")
    var table = TextTable(
      [
        ("Code", .left), ("From", .left), ("To", .left), ("N", .right), ("R²", .right), ("Tracking error", .right),
        ("Unexplained/yr", .right),
      ] + codes.map { ($0, TextTable.Alignment.right) })
    for k in entries.indices {
      guard let a = analysis(k) else { continue }
      table.append(
        [
          entries[k].code, a.dates[0].description, a.dates[a.dates.count - 1].description, "\(a.returnCount)",
          NumberFormat.fixed(a.rSquared, decimals: 4), NumberFormat.percent(a.trackingError, decimals: 2),
          NumberFormat.percent(a.annualisedResidual, decimals: 2),
        ] + a.weights.map { NumberFormat.percent($0, decimals: 1) })
    }
    out.append(table.rendered(style: style))
    if let rollingMonths {
      for k in entries.indices {
        guard let r = rolling[k] else { continue }
        out.append("")
        out.append(style.bold("\(entries[k].code): weights over rolling \(rollingMonths)-month windows"))
        if r.windows.isEmpty {
          out.append("  No full \(rollingMonths)-month window in the shared dates.")
          continue
        }
        var drift = TextTable(
          [("Month end", .left), ("N", .right), ("R²", .right), ("Tracking error", .right)]
            + codes.map { ($0, TextTable.Alignment.right) })
        for w in r.windows {
          switch w.result {
          case .success(let a):
            drift.append(
              [
                w.monthEnd.description, "\(a.returnCount)", NumberFormat.fixed(a.rSquared, decimals: 4),
                NumberFormat.percent(a.trackingError, decimals: 2),
              ] + a.weights.map { NumberFormat.percent($0, decimals: 1) })
          case .failure:
            drift.append([w.monthEnd.description, "\(w.returnCount)", "—", "—"] + codes.map { _ in "—" })
          }
        }
        out.append(drift.rendered(style: style))
        let failed = r.windows.filter { $0.analysis == nil }
        for w in failed.prefix(3) {
          if case .failure(let failure) = w.result { out.append("  \(w.monthEnd): \(failure)") }
        }
        if failed.count > 3 { out.append("  … and \(failed.count - 3) more windows without weights.") }
      }
    }
    let skipped = entries.indices.filter { analysis($0) == nil }
    if !skipped.isEmpty {
      out.append("")
      out.append("Not analysed (\(skipped.count)):")
      for k in skipped { out.append("  \(entries[k].code): \(reasonText(k) ?? "")") }
    }
    return out.joined(separator: "\n")
  }

  /// The weights as a JSON object keyed by factor, in factor order.
  func weightsJSON(_ a: StyleAnalysis) -> JSONValue {
    .object(zip(a.factors, a.weights).map { ($0, .number($1)) })
  }

  /// One analysis' numbers.
  func fields(_ a: StyleAnalysis) -> [(String, JSONValue)] {
    [
      ("start", .string(a.dates[0].description)),
      ("end", .string(a.dates[a.dates.count - 1].description)),
      ("returns", .integer(a.returnCount)),
      ("weights", weightsJSON(a)),
      ("rSquared", .optional(a.rSquared)),
      ("trackingError", .optional(a.trackingError)),
      ("meanResidual", .number(a.meanResidual)),
      ("annualisedResidual", .optional(a.annualisedResidual)),
    ]
  }

  /// JSON: the factors, then one object per entry (input order) with its weights and rolling windows.
  public var json: JSONValue {
    .object([
      ("method", .string("style")),
      ("factors", .array(factors.map { .string($0.code) })),
      ("factorSource", .string(factorSource)),
      ("rollingMonths", rollingMonths.map { .integer($0) } ?? .null),
      (
        "products",
        .array(
          entries.indices.map { k in
            let a = analysis(k)
            var object: [(String, JSONValue)] = [
              ("code", .string(entries[k].code)),
              ("status", .string(a == nil ? "excluded" : "analysed")),
              ("reasons", .array(reasons(k).map { .string($0.rawValue) })),
              ("message", reasonText(k).map { .string($0) } ?? .null),
              ("periodsPerYear", .optional(a?.periodsPerYear)),
            ]
            object += a.map(fields) ?? [
              ("start", .null), ("end", .null), ("returns", .null), ("weights", .null), ("rSquared", .null),
              ("trackingError", .null), ("meanResidual", .null), ("annualisedResidual", .null),
            ]
            if rollingMonths != nil {
              object.append(
                (
                  "rolling",
                  .array(
                    (rolling[k]?.windows ?? []).map { w in
                      switch w.result {
                      case .success(let a): return .object([("date", .string(w.monthEnd.description))] + fields(a))
                      case .failure(let failure):
                        return .object([
                          ("date", .string(w.monthEnd.description)), ("start", .string(w.start.description)),
                          ("end", .string(w.end.description)), ("returns", .integer(w.returnCount)),
                          ("weights", .null), ("message", .string(failure.description)),
                        ])
                      }
                    })
                ))
            }
            return .object(object)
          })
      ),
    ])
  }

  /// CSV, long: one row per product, window (empty `date` for the whole span) and factor; a product without weights
  /// has one row with its reason.
  public var csv: String {
    var lines = [
      CSVWriter.line([
        "code", "status", "reasons", "date", "start", "end", "returns", "r_squared", "tracking_error",
        "annualised_residual", "factor", "weight",
      ])
    ]
    func rows(_ code: String, _ date: String, _ a: StyleAnalysis) {
      for (factor, weight) in zip(a.factors, a.weights) {
        lines.append(
          CSVWriter.line([
            code, "analysed", "", date, a.dates[0].description, a.dates[a.dates.count - 1].description,
            "\(a.returnCount)", CSVWriter.number(a.rSquared), CSVWriter.number(a.trackingError),
            CSVWriter.number(a.annualisedResidual), factor, CSVWriter.number(weight),
          ]))
      }
    }
    for k in entries.indices {
      guard let a = analysis(k) else {
        lines.append(
          CSVWriter.line(
            [entries[k].code, "excluded", reasons(k).map(\.rawValue).joined(separator: ";")]
              + Array(repeating: "", count: 9)))
        continue
      }
      rows(entries[k].code, "", a)
      for w in rolling[k]?.windows ?? [] {
        if let a = w.analysis { rows(entries[k].code, w.monthEnd.description, a) }
      }
    }
    return lines.joined(separator: "\n")
  }

  /// A self-contained HTML page: per product its weights and, with rolling windows, the stacked-area chart of style
  /// drift and the windows' table.
  public func html(command: String) -> String {
    let codes = factors.map(\.code)
    var body: [String] = [
      "<header><h1>Style analysis on \(HTML.escape(codes.joined(separator: ", ")))</h1>",
      "<p class=\"lead\">Factors from <code>\(HTML.escape(factorSource))</code>. Sharpe (1992): long-only weights "
        + "summing to 1 that minimise the squared tracking difference over the dates each product shares with every "
        + "factor, no intercept. R² = 1 − var(e)/var(r); tracking error = sd(e) × √P.</p></header>",
    ]
    var table = HTMLTable(
      [("Code", .left), ("From", .left), ("To", .left), ("N", .number), ("R²", .number), ("Tracking error", .number)]
        + codes.map { ($0, HTMLTable.Alignment.number) })
    for k in entries.indices {
      guard let a = analysis(k) else { continue }
      table.append(
        [
          entries[k].code, a.dates[0].description, a.dates[a.dates.count - 1].description, "\(a.returnCount)",
          NumberFormat.fixed(a.rSquared, decimals: 4), NumberFormat.percent(a.trackingError, decimals: 2),
        ] + a.weights.map { NumberFormat.percent($0, decimals: 1) })
    }
    body.append("<section id=\"weights\"><h2>Style weights over the whole span</h2>")
    body.append(table.rendered(id: "table-style"))
    body.append("</section>")
    if let rollingMonths {
      for k in entries.indices {
        guard let r = rolling[k], !r.windows.isEmpty else { continue }
        let code = entries[k].code
        let anchor = "drift-\(k)"
        body.append("<section id=\"\(anchor)\"><h2>\(HTML.escape(code)): style drift</h2>")
        body.append(
          HTMLPage.figure(
            StyleDriftChart(code: code, rolling: r), id: "chart-\(anchor)",
            caption: "Weights of each \(rollingMonths)-month window ending at a month end, stacked in the legend's "
              + "order (the first factor at the bottom); a gap is a window with too few shared returns."))
        var drift = HTMLTable(
          [("Month end", .left), ("N", .number), ("R²", .number), ("Tracking error", .number)]
            + codes.map { ($0, HTMLTable.Alignment.number) })
        for w in r.windows {
          if let a = w.analysis {
            drift.append(
              [
                w.monthEnd.description, "\(a.returnCount)", NumberFormat.fixed(a.rSquared, decimals: 4),
                NumberFormat.percent(a.trackingError, decimals: 2),
              ] + a.weights.map { NumberFormat.percent($0, decimals: 1) })
          } else {
            drift.append([w.monthEnd.description, "\(w.returnCount)", "—", "—"] + codes.map { _ in "—" })
          }
        }
        body.append("<details><summary>Every window</summary>" + drift.rendered(id: "table-\(anchor)") + "</details>")
        body.append("</section>")
      }
    }
    let skipped = entries.indices.filter { analysis($0) == nil }
    if !skipped.isEmpty {
      body.append("<section id=\"skipped\"><h2>Not analysed</h2><ul>")
      for k in skipped {
        body.append("<li><code>\(HTML.escape(entries[k].code))</code>: \(HTML.escape(reasonText(k) ?? ""))</li>")
      }
      body.append("</ul></section>")
    }
    return HTMLPage.document(title: "Tradeable — style analysis", body: body, command: command)
  }
}
