import Tradeable

extension PerformanceMetrics {
  /// The metrics as a JSON object (full precision; `null` where undefined).
  public var json: JSONValue {
    .object([
      ("start", .string(start.description)),
      ("end", .string(end.description)),
      ("returns", .integer(returnCount)),
      ("periodsPerYear", .number(periodsPerYear)),
      ("cumulativeReturn", .optional(cumulativeReturn)),
      ("annualisedReturn", .optional(annualisedReturn)),
      ("volatility", .optional(volatility)),
      ("downsideDeviation", .optional(downsideDeviation)),
      ("sharpe", .optional(sharpe)),
      ("sharpeStandardError", .optional(sharpeStandardError)),
      ("sortino", .optional(sortino)),
      ("maxDrawdown", .optional(maxDrawdown.depth)),
      ("peakDate", maxDrawdown.peak.map { .string($0.description) } ?? .null),
      ("troughDate", maxDrawdown.trough.map { .string($0.description) } ?? .null),
      ("recoveryDate", maxDrawdown.recovery.map { .string($0.description) } ?? .null),
      ("calmar", .optional(calmar)),
    ])
  }

  /// CSV column names of `csvFields`.
  public static let csvHeader = [
    "start", "end", "returns", "periods_per_year", "cumulative_return", "annualised_return", "volatility",
    "downside_deviation", "sharpe", "sharpe_standard_error", "sortino", "max_drawdown", "peak_date", "trough_date",
    "recovery_date", "calmar",
  ]

  /// The metrics as CSV fields (full precision; empty where undefined).
  public var csvFields: [String] {
    [
      start.description, end.description, String(returnCount), CSVWriter.number(periodsPerYear),
      CSVWriter.number(cumulativeReturn), CSVWriter.number(annualisedReturn), CSVWriter.number(volatility),
      CSVWriter.number(downsideDeviation), CSVWriter.number(sharpe), CSVWriter.number(sharpeStandardError),
      CSVWriter.number(sortino), CSVWriter.number(maxDrawdown.depth), maxDrawdown.peak?.description ?? "",
      maxDrawdown.trough?.description ?? "", maxDrawdown.recovery?.description ?? "", CSVWriter.number(calmar),
    ]
  }

  /// Empty CSV fields for an undefined window.
  public static var emptyCSVFields: [String] { Array(repeating: "", count: csvHeader.count) }
}

extension FundEntry {
  /// Identification and cleaning fields shared by the fund reports' JSON.
  public var summaryJSON: [(String, JSONValue)] {
    var fields: [(String, JSONValue)] = [
      ("code", .string(code)),
      ("status", .string(isKept ? "kept" : "dropped")),
      ("reasons", .array(reasons.map { .string($0.rawValue) })),
      ("frequency", frequency.map { .string($0.rawValue) } ?? .null),
      ("medianGapDays", .optional(medianGapDays)),
      ("periodsPerYear", .optional(periodsPerYear)),
      ("observations", .integer(series.count)),
      ("firstDate", series.firstDate.map { .string($0.description) } ?? .null),
      ("lastDate", series.lastDate.map { .string($0.description) } ?? .null),
    ]
    if !product.name.isEmpty { fields.insert(("name", .string(product.name)), at: 1) }
    return fields
  }
}
