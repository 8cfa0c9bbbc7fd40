/// Exchange rates into the base currency: `rate(c)` is units of the base currency per one unit of `c`
/// (DESIGN.md §2, `fx.csv`). The base currency maps to 1.
public struct FXRates: Sendable, Equatable {
  /// ISO code of the base currency every amount is reported in.
  public let baseCurrency: String
  /// Rates by currency code, the base included (at 1).
  public let rates: [String: Double]
  /// Line of `fx.csv` each currency came from (for messages); empty when built in code.
  public let sourceLines: [String: Int]

  /// Rates given against `baseCurrency` directly.
  public init(baseCurrency: String, rates: [String: Double], sourceLines: [String: Int] = [:]) {
    var r = rates
    r[baseCurrency] = 1
    self.baseCurrency = baseCurrency
    self.rates = r
    self.sourceLines = sourceLines
  }

  /// Units of the base currency per one unit of `currency`, or `nil` if unknown.
  public func rate(_ currency: String) -> Double? { rates[currency] }
}

extension FXRates {
  /// Reads `fx.csv` (`currency,rate`) and expresses it against `baseCurrency`.
  ///
  /// The file may be written against any one currency (the one at rate 1); asking for another base currency that is
  /// in the file divides every rate by that currency's rate, so `--base-currency EUR` works with a USD file.
  public static func load(_ table: CSVTable, baseCurrency: String) throws(InputError) -> FXRates {
    try table.checkColumnNames(["currency", "rate"])
    let currency = try table.requireColumn("currency")
    let rate = try table.requireColumn("rate", purpose: "units of the base currency per one unit of the currency")
    var rates: [String: Double] = [:]
    var lines: [String: Int] = [:]
    for row in table.rows {
      let c = row[currency]
      if c.isEmpty {
        throw InputError(
          file: table.file, line: row.line, column: currency + 1, message: "the currency code is empty",
          suggestion: "Give an ISO currency code such as EUR.")
      }
      if let earlier = lines[c] {
        throw InputError(
          file: table.file, line: row.line, column: currency + 1,
          message: "currency '\(InputError.escapedExcerpt(c))' appears twice (first on line \(earlier))", suggestion: "Keep one rate per currency.")
      }
      rates[c] = try table.number(row, rate, requirement: "a positive number") { $0 > 0 }
      lines[c] = row.line
    }
    guard let baseRate = rates[baseCurrency] else {
      throw InputError(
        file: table.file,
        message: "there is no rate for the base currency \(InputError.escapedExcerpt(baseCurrency))",
        suggestion: "Add a row '\(baseCurrency),1' (if rates are per \(baseCurrency)) or choose --base-currency among: "
          + InputError.escapedExcerpt(rates.keys.sorted().joined(separator: ", "), limit: 80) + ".")
    }
    var rebased: [String: Double] = [:]
    for (c, r) in rates { rebased[c] = c == baseCurrency ? 1 : r / baseRate }
    return FXRates(baseCurrency: baseCurrency, rates: rebased, sourceLines: lines)
  }
}
