import Tradeable

/// The `funds regress` report: each kept product regressed on the factors; every other product listed with its
/// reason.
public struct StyleRegressionReport: Sendable {
  public let entries: [FundEntry]
  /// Factor series, in the regression's order.
  public let factors: [NAVSeries]
  /// Where the factors came from.
  public let factorSource: String
  /// Whether an intercept (alpha) is fitted.
  public let intercept: Bool
  /// Per entry: the regression, `nil` when not run.
  public let results: [StyleRegression?]
  /// Per entry: why not run (cleaning reasons, or `overlap`).
  public let reasons: [[ExclusionReason]]

  /// Regresses every kept entry on `factors` over their common dates within `start … end`. A rank-deficient design
  /// or an exact fit is a warning of that product's fit (`LinearRegression.warnings`), not an error.
  public init(
    entries: [FundEntry], factors: [NAVSeries], factorSource: String, start: CalendarDay? = nil,
    end: CalendarDay? = nil, intercept: Bool = true, periodsPerYear: Double? = nil
  ) throws {
    self.entries = entries
    self.factors = factors
    self.factorSource = factorSource
    self.intercept = intercept
    var results: [StyleRegression?] = []
    var reasons: [[ExclusionReason]] = []
    for entry in entries {
      guard entry.isKept else {
        results.append(nil)
        reasons.append(entry.reasons)
        continue
      }
      let fit = try StyleRegression(
        product: entry.series, factors: factors, start: start, end: end, intercept: intercept,
        periodsPerYear: periodsPerYear)
      results.append(fit)
      reasons.append(fit == nil ? [.overlap] : [])
    }
    self.results = results
    self.reasons = reasons
  }

  /// Table: per product its fit, then one row per coefficient.
  public func table(style: TerminalStyle = .plain) -> String {
    var out: [String] = []
    out.append(style.bold("Style regression on \(factors.map(\.code).joined(separator: ", "))"))
    out.append(
      "Factors from \(factorSource). Returns over the dates each product shares with every factor; OLS through LAPACK "
        + "(dgels), t-statistics from σ²(XᵀX)⁻¹, two-sided p-values (Student t, n − k degrees of freedom).")
    out.append("")
    var table = TextTable([
      ("Code", .left), ("From", .left), ("To", .left), ("N", .right), ("R²", .right), ("Adj. R²", .right),
      ("Alpha/yr", .right), ("Term", .left), ("Estimate", .right), ("Std error", .right), ("t", .right),
      ("p-value", .right),
    ])
    for result in results {
      guard let r = result else { continue }
      for (j, c) in r.fit.coefficients.enumerated() {
        let first = j == 0
        table.append([
          first ? r.code : "", first ? r.dates[0].description : "", first ? r.dates[r.dates.count - 1].description : "",
          first ? "\(r.fit.observations)" : "", first ? NumberFormat.fixed(r.fit.rSquared, decimals: 4) : "",
          first ? NumberFormat.fixed(r.fit.adjustedRSquared, decimals: 4) : "",
          first ? NumberFormat.percent(r.annualisedAlpha, decimals: 2) : "", c.name,
          c.estimate == nil ? "aliased" : NumberFormat.fixed(c.estimate, decimals: c.name == "alpha" ? 6 : 4),
          NumberFormat.fixed(c.standardError, decimals: c.name == "alpha" ? 6 : 4),
          NumberFormat.fixed(c.tStatistic, decimals: 2), pValueText(c.pValue),
        ])
      }
    }
    out.append(table.rendered(style: style))
    let warned = results.compactMap { $0 }.filter { !$0.fit.warnings.isEmpty }
    if !warned.isEmpty {
      out.append("")
      out.append(style.bold(style.yellow("Warnings")))
      for r in warned {
        for w in r.fit.warnings {
          out.append(contentsOf: wrapWords("\(r.code): \(w)", width: 116).enumerated().map { ($0 == 0 ? "  " : "    ") + $1 })
        }
      }
    }
    let skipped = entries.indices.filter { results[$0] == nil }
    if !skipped.isEmpty {
      out.append("")
      out.append("Not regressed (\(skipped.count)):")
      for k in skipped {
        out.append(
          "  \(entries[k].code): "
            + (entries[k].isKept
              ? "overlap (fewer than \(factors.count + (intercept ? 3 : 2)) common dates)" : entries[k].reasonText))
      }
    }
    return out.joined(separator: "\n")
  }

  func pValueText(_ p: Double?) -> String {
    guard let p else { return "—" }
    if p == 0 { return "<1e-300" }  // below the smallest double the incomplete beta returns
    return p < 1e-4 ? NumberFormat.scientific(p, digits: 2) : NumberFormat.fixed(p, decimals: 4)
  }

  /// JSON: the factors, then one object per entry (input order).
  public var json: JSONValue {
    .object([
      ("factors", .array(factors.map { .string($0.code) })),
      ("factorSource", .string(factorSource)),
      ("intercept", .bool(intercept)),
      (
        "products",
        .array(
          entries.indices.map { k in
            let r = results[k]
            return .object([
              ("code", .string(entries[k].code)),
              ("status", .string(r == nil ? "excluded" : "regressed")),
              ("reasons", .array(reasons[k].map { .string($0.rawValue) })),
              ("observations", r.map { .integer($0.fit.observations) } ?? .null),
              ("start", r.map { .string($0.dates[0].description) } ?? .null),
              ("end", r.map { .string($0.dates[$0.dates.count - 1].description) } ?? .null),
              ("periodsPerYear", .optional(r?.periodsPerYear)),
              ("rSquared", .optional(r?.fit.rSquared)),
              ("adjustedRSquared", .optional(r?.fit.adjustedRSquared)),
              ("residualStandardError", .optional(r?.fit.residualStandardError)),
              ("annualisedAlpha", .optional(r?.annualisedAlpha)),
              ("warnings", .array((r?.fit.warnings ?? []).map { .string($0.description) })),
              (
                "coefficients",
                .array(
                  (r?.fit.coefficients ?? []).map { c in
                    .object([
                      ("name", .string(c.name)), ("estimate", .optional(c.estimate)),
                      ("aliased", .bool(c.estimate == nil)),
                      ("standardError", .optional(c.standardError)), ("tStatistic", .optional(c.tStatistic)),
                      ("pValue", .optional(c.pValue)),
                    ])
                  })
              ),
            ])
          })
      ),
    ])
  }

  /// CSV: one row per coefficient of each regressed product, one row per other product.
  public var csv: String {
    var lines = [
      CSVWriter.line([
        "code", "status", "reasons", "observations", "start", "end", "r_squared", "adjusted_r_squared",
        "annualised_alpha", "term", "estimate", "standard_error", "t_statistic", "p_value",
      ])
    ]
    for k in entries.indices {
      guard let r = results[k] else {
        lines.append(
          CSVWriter.line(
            [entries[k].code, "excluded", reasons[k].map(\.rawValue).joined(separator: ";")]
              + Array(repeating: "", count: 11)))
        continue
      }
      for c in r.fit.coefficients {
        lines.append(
          CSVWriter.line([
            r.code, "regressed", "", "\(r.fit.observations)", r.dates[0].description,
            r.dates[r.dates.count - 1].description, CSVWriter.number(r.fit.rSquared),
            CSVWriter.number(r.fit.adjustedRSquared), CSVWriter.number(r.annualisedAlpha), c.name,
            CSVWriter.number(c.estimate), CSVWriter.number(c.standardError), CSVWriter.number(c.tStatistic),
            CSVWriter.number(c.pValue),
          ]))
      }
    }
    return lines.joined(separator: "\n")
  }
}
