import Tradeable

extension FactorTest {
  /// The months with an IC, over every cell: first and last month end.
  var span: (first: CalendarDay, last: CalendarDay)? {
    let dates = cells.flatMap { $0.ics.map(\.monthEnd) }
    guard let first = dates.min(), let last = dates.max() else { return nil }
    return (first, last)
  }

  /// The conventions in words, for every format's preamble.
  var conventions: String {
    "At each calendar month end m, products that pass the screens as of m (frequency \(cleaning.frequency.slowest.rawValue) or "
      + "faster, at least \(cleaning.history.minimumPrices) NAVs) and have a NAV in month m + 1 are ranked by each metric over "
      + "each window ending at m; IC = Spearman correlation (average ranks) with value(m + 1)/value(m) − 1, when at "
      + "least \(settings.minimumProducts) products have the metric. IC IR = mean / sd × √12; t = mean / (sd / √n). "
      + "Quintiles: q = floor(5 (rank − 1) / count) ascending by the metric, each one's mean next-month return "
      + "averaged over the months it is not empty. Volatility and downside deviation are reported as they are (lower "
      + "is calmer: read their IC and spread the other way)."
  }

  /// Table: one row per metric and window.
  public func table(source: String, style: TerminalStyle = .plain) -> String {
    var out: [String] = []
    out.append(style.bold("Factor test — rank IC with the next month's return (\(source))"))
    let counts = participants.filter { $0 > 0 }
    let months = span.map { "month ends \($0.first) to \($0.last)" } ?? "no month with enough products"
    out.append(
      contentsOf: wrapWords(
        "\(NumberFormat.count(productCount, "product")); \(months); products taking part a month: "
          + (counts.isEmpty
            ? "none"
            : "\(NumberFormat.integer(counts.min()!)) to \(NumberFormat.integer(counts.max()!))")
          + "; risk-free \(NumberFormat.percent(settings.riskFree, decimals: 2)) a year.", width: 116))
    out.append(contentsOf: wrapWords(conventions, width: 116))
    out.append("")
    var table = TextTable([
      ("Metric", .left), ("Window", .left), ("Mean IC", .right), ("SD", .right), ("IC IR", .right), ("t", .right),
      ("IC > 0", .right), ("Months", .right), ("Q1", .right), ("Q2", .right), ("Q3", .right), ("Q4", .right),
      ("Q5", .right), ("Q5 − Q1", .right),
    ])
    for cell in cells {
      table.append(
        [
          cell.window == settings.windows.first ? cell.metric.title : "", cell.window.rawValue,
          NumberFormat.fixed(cell.meanIC, decimals: 4), NumberFormat.fixed(cell.standardDeviation, decimals: 4),
          NumberFormat.fixed(cell.informationRatio, decimals: 2), NumberFormat.fixed(cell.tStatistic, decimals: 2),
          NumberFormat.percent(cell.shareAboveZero, decimals: 0), "\(cell.months)",
        ] + cell.quintileReturns.map { NumberFormat.percent($0, decimals: 2) }
          + [NumberFormat.percent(cell.topMinusBottom, decimals: 2)])
    }
    out.append(table.rendered(style: style))
    out.append("Q1 … Q5: mean next-month return of the lowest to the highest fifth by the metric.")
    if let best = cells.filter({ $0.meanIC != nil }).max(by: { $0.meanIC! < $1.meanIC! }) {
      out.append(
        "Highest mean IC: \(best.metric.title.lowercased()) over \(best.window.title), "
          + "\(NumberFormat.fixed(best.meanIC, decimals: 4)) (t \(NumberFormat.fixed(best.tStatistic, decimals: 2)), "
          + "\(best.months) months).")
    }
    return out.joined(separator: "\n")
  }

  /// JSON: the settings, the month ends with their participants, and one object per metric and window with its
  /// monthly ICs.
  public func json(source: String) -> JSONValue {
    .object([
      ("method", .string("rank IC")),
      ("source", .string(source)),
      ("products", .integer(productCount)),
      (
        "settings",
        .object([
          ("windows", .array(settings.windows.map { .string($0.rawValue) })),
          ("minimumProducts", .integer(settings.minimumProducts)),
          ("riskFree", .number(settings.riskFree)),
          ("minimumNAVs", .integer(cleaning.history.minimumPrices)),
          ("slowestFrequency", .string(cleaning.frequency.slowest.rawValue)),
          ("periodsPerYear", .optional(cleaning.periodsPerYear)),
          ("groups", .integer(FactorTest.groups)),
        ])
      ),
      (
        "months",
        .array(
          monthEnds.indices.map { i in
            .object([("date", .string(monthEnds[i].description)), ("participants", .integer(participants[i]))])
          })
      ),
      (
        "cells",
        .array(
          cells.map { cell in
            .object([
              ("metric", .string(cell.metric.rawValue)),
              ("window", .string(cell.window.rawValue)),
              ("higherIsBetter", .bool(cell.metric.higherIsBetter)),
              ("meanIC", .optional(cell.meanIC)),
              ("standardDeviation", .optional(cell.standardDeviation)),
              ("icIR", .optional(cell.informationRatio)),
              ("tStatistic", .optional(cell.tStatistic)),
              ("shareAboveZero", .optional(cell.shareAboveZero)),
              ("months", .integer(cell.months)),
              ("quintiles", .array(cell.quintileReturns.map { .optional($0) })),
              ("quintileMonths", .array(cell.quintileMonths.map { .integer($0) })),
              ("topMinusBottom", .optional(cell.topMinusBottom)),
              (
                "ics",
                .array(
                  cell.ics.map { ic in
                    .object([
                      ("date", .string(ic.monthEnd.description)), ("ic", .number(ic.ic)),
                      ("products", .integer(ic.products)),
                    ])
                  })
              ),
            ])
          })
      ),
    ])
  }

  /// CSV: one row per metric and window (the table's numbers at full precision).
  public var csv: String {
    var lines = [
      CSVWriter.line([
        "metric", "window", "mean_ic", "sd", "ic_ir", "t", "share_above_zero", "months", "q1", "q2", "q3", "q4", "q5",
        "top_minus_bottom",
      ])
    ]
    for cell in cells {
      lines.append(
        CSVWriter.line(
          [
            cell.metric.rawValue, cell.window.rawValue, CSVWriter.number(cell.meanIC),
            CSVWriter.number(cell.standardDeviation), CSVWriter.number(cell.informationRatio),
            CSVWriter.number(cell.tStatistic), CSVWriter.number(cell.shareAboveZero), "\(cell.months)",
          ] + cell.quintileReturns.map { CSVWriter.number($0) } + [CSVWriter.number(cell.topMinusBottom)]))
    }
    return lines.joined(separator: "\n")
  }

  /// CSV of the monthly ICs, long: `date,metric,window,ic,products`.
  public var monthlyCSV: String {
    var lines = [CSVWriter.line(["date", "metric", "window", "ic", "products"])]
    for cell in cells {
      for ic in cell.ics {
        lines.append(
          CSVWriter.line([
            ic.monthEnd.description, cell.metric.rawValue, cell.window.rawValue, CSVWriter.number(ic.ic),
            "\(ic.products)",
          ]))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// A self-contained HTML page: the heatmap of mean IC, the table, the conventions.
  public func html(source: String, command: String) -> String {
    var body: [String] = [
      "<header><h1>Factor test: which trailing metric predicts next month's return</h1>",
      "<p class=\"lead\">Data: <code>\(HTML.escape(source))</code> — \(NumberFormat.count(productCount, "product"))"
        + (span.map { ", month ends \($0.first) to \($0.last)" } ?? "") + ".</p></header>",
    ]
    body.append("<section id=\"heatmap\"><h2>Mean rank IC</h2>")
    body.append(
      HTMLPage.figure(
        FactorICHeatmap(test: self), id: "chart-factor-ic",
        caption: "Mean Spearman rank correlation between each metric over each trailing window and the next "
          + "month's return, over the month ends with at least \(settings.minimumProducts) products. Blue: products "
          + "ranked higher did better; red: worse."))
    body.append("</section>")
    var table = HTMLTable([
      ("Metric", .left), ("Window", .left), ("Mean IC", .number), ("SD", .number), ("IC IR", .number),
      ("t", .number), ("IC > 0", .number), ("Months", .number), ("Q1", .number), ("Q2", .number), ("Q3", .number),
      ("Q4", .number), ("Q5", .number), ("Q5 − Q1", .number),
    ])
    for cell in cells {
      table.append(
        [
          cell.metric.title, cell.window.rawValue, NumberFormat.fixed(cell.meanIC, decimals: 4),
          NumberFormat.fixed(cell.standardDeviation, decimals: 4), NumberFormat.fixed(cell.informationRatio, decimals: 2),
          NumberFormat.fixed(cell.tStatistic, decimals: 2), NumberFormat.percent(cell.shareAboveZero, decimals: 0),
          "\(cell.months)",
        ] + cell.quintileReturns.map { NumberFormat.percent($0, decimals: 2) }
          + [NumberFormat.percent(cell.topMinusBottom, decimals: 2)])
    }
    body.append("<section id=\"table\"><h2>Every metric and window</h2>")
    body.append(table.rendered(id: "table-factor-test"))
    body.append("<p>\(HTML.escape(conventions))</p></section>")
    return HTMLPage.document(title: "Tradeable — factor test", body: body, command: command)
  }
}
