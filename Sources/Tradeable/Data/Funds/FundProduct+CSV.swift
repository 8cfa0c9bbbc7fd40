extension FundProduct {
  /// The columns of `products.csv`. Only `code` is required; every other column may be absent or empty
  /// (fees default to 0; `currency` to the base currency; `min_subscription` is needed only by `funds select`).
  public static let columns = [
    "code", "name", "manager", "strategy", "currency", "min_subscription", "management_fee", "performance_fee",
    "hurdle", "subscription_fee", "redemption_fee", "custody_fee", "warning_line", "stop_line",
  ]

  /// Reads `products.csv`. Codes must be unique; fees are fractions in [0, 1) (a trailing `%` is accepted:
  /// `1.5%` = 0.015); `min_subscription` is positive.
  ///
  /// `performance_fee` is either one rate, charged on the return above `hurdle` (default 0), or tiers
  /// `RATE@THRESHOLD;RATE@THRESHOLD;…` with increasing thresholds, each rate charged on the part of the annual return
  /// from its threshold to the next one. The first tier may omit `@THRESHOLD`, and then starts at `hurdle`; when it
  /// names one and `hurdle` is also given, the two must agree.
  public static func load(_ table: CSVTable) throws(InputError) -> [FundProduct] {
    try table.checkColumnNames(columns)
    let code = try table.requireColumn("code")
    let name = table.columnIndex("name")
    let manager = table.columnIndex("manager")
    let strategy = table.columnIndex("strategy")
    let currency = table.columnIndex("currency")
    let minimum = table.columnIndex("min_subscription")
    let management = table.columnIndex("management_fee")
    let performance = table.columnIndex("performance_fee")
    let hurdle = table.columnIndex("hurdle")
    let subscription = table.columnIndex("subscription_fee")
    let redemption = table.columnIndex("redemption_fee")
    let custody = table.columnIndex("custody_fee")
    let warning = table.columnIndex("warning_line")
    let stop = table.columnIndex("stop_line")
    if table.rows.isEmpty {
      throw InputError(
        file: table.file, line: 1, message: "the file has a header but no products",
        suggestion: "Add one row per product: \(columns.joined(separator: ",")).")
    }
    var seen: [String: Int] = [:]
    var products: [FundProduct] = []
    for row in table.rows {
      let c = row[code]
      if c.isEmpty {
        throw InputError(
          file: table.file, line: row.line, column: code + 1, message: "the product code is empty",
          suggestion: "Give every product a unique code (the one its NAV series uses).")
      }
      if let earlier = seen[c] {
        throw InputError(
          file: table.file, line: row.line, column: code + 1,
          message: "duplicate product code '\(InputError.escapedExcerpt(c))' (first on line \(earlier))",
          suggestion: "Keep one row per product, or rename one of them.")
      }
      seen[c] = row.line
      func fee(_ column: Int?) throws(InputError) -> Double {
        try fraction(table, row, column, requirement: "a fraction in [0, 1)") { $0 >= 0 && $0 < 1 } ?? 0
      }
      let hurdleValue = try fraction(table, row, hurdle, requirement: "a fraction > -1 (an annual return)") {
        $0 > -1
      }
      let schedule = try performanceSchedule(table, row, performance, hurdle: hurdleValue, hurdleColumn: hurdle)
      let minimumValue = try table.number(row, minimum).map { value throws(InputError) in
        guard value > 0 else {
          throw InputError(
            file: table.file, line: row.line, column: minimum! + 1,
            message: "min_subscription \(JSONValue.format(value)) is not positive",
            suggestion: "Give the smallest amount one can invest, in the product's currency, or leave it empty.")
        }
        return value
      }
      func line(_ column: Int?, _ name: String) throws(InputError) -> Double? {
        try table.number(row, column).map { value throws(InputError) in
          guard value > 0 else {
            throw InputError(
              file: table.file, line: row.line, column: column! + 1,
              message: "\(name) \(JSONValue.format(value)) is not positive",
              suggestion: "Give the line as a NAV level in the units of the product's NAVs (0.8 for a product that "
                + "started at 1), or leave it empty.")
          }
          return value
        }
      }
      let warningValue = try line(warning, "warning_line")
      let stopValue = try line(stop, "stop_line")
      if let warningValue, let stopValue, warningValue < stopValue {
        throw InputError(
          file: table.file, line: row.line, column: warning! + 1,
          message: "the warning line \(JSONValue.format(warningValue)) is below the stop line "
            + "\(JSONValue.format(stopValue))",
          suggestion: "The warning line comes first as the NAV falls: make it at least the stop line (e.g. 0.8 and "
            + "0.7), or swap the two columns.")
      }
      let ccy = row[currency]
      products.append(
        FundProduct(
          code: c, name: row[name], manager: row[manager], strategy: row[strategy],
          currency: ccy.isEmpty ? nil : ccy, minimumSubscription: minimumValue, managementFee: try fee(management),
          performanceFee: schedule, subscriptionFee: try fee(subscription), redemptionFee: try fee(redemption),
          custodyFee: try fee(custody), warningLine: warningValue, stopLine: stopValue, sourceLine: row.line))
    }
    return products
  }

  /// A fraction in `row` at `column` (`nil` when absent or empty); a trailing `%` divides by 100.
  static func fraction(
    _ table: CSVTable, _ row: CSVTable.Row, _ column: Int?, requirement: String, _ valid: (Double) -> Bool
  ) throws(InputError) -> Double? {
    guard let column else { return nil }
    let text = row.fields[column]
    if text.isEmpty { return nil }
    guard let value = parseFraction(text) else {
      throw InputError(
        file: table.file, line: row.line, column: column + 1,
        message: "cannot read '\(InputError.escapedExcerpt(text))' in column '\(table.header[column])' as a fraction",
        suggestion: "Write a fraction such as 0.015 (or 1.5%).")
    }
    guard valid(value) else {
      throw InputError(
        file: table.file, line: row.line, column: column + 1,
        message: "\(InputError.escapedExcerpt(text)) in column '\(table.header[column])' is not \(requirement)",
        suggestion: "Fees are fractions: 0.015 (or 1.5%) for 1.5%.")
    }
    return value
  }

  /// `0.2` → 0.2, `20%` → 0.2; `nil` when not a finite number.
  static func parseFraction(_ text: String) -> Double? {
    var body = text.trimmingSpaces()
    var scale = 1.0
    if body.hasSuffix("%") {
      body.removeLast()
      body = body.trimmingSpaces()
      scale = 0.01
    }
    guard let value = NumberParser.parse(body), value.isFinite else { return nil }
    return value * scale
  }

  /// Parses `performance_fee` (see `load`).
  static func performanceSchedule(
    _ table: CSVTable, _ row: CSVTable.Row, _ column: Int?, hurdle: Double?, hurdleColumn: Int?
  ) throws(InputError) -> PerformanceFeeSchedule {
    guard let column else { return .none }
    let text = row.fields[column]
    if text.isEmpty { return .none }
    func failure(_ message: String) -> InputError {
      InputError(
        file: table.file, line: row.line, column: column + 1, message: message,
        suggestion: "Write one rate (0.20, charged above the hurdle column) or tiers RATE@THRESHOLD separated by ';', "
          + "e.g. 0.20@0.06;0.30@0.20;0.50@0.40 (20% of the return from 6% to 20% a year, 30% from 20% to 40%, 50% "
          + "above 40%).")
    }
    var tiers: [PerformanceFeeSchedule.Tier] = []
    let parts = text.split(separator: ";", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
    for (k, part) in parts.enumerated() {
      let pieces = part.split(separator: "@", omittingEmptySubsequences: false).map { String($0) }
      guard pieces.count <= 2, let rate = parseFraction(pieces[0]) else {
        throw failure("cannot read the performance fee tier '\(InputError.escapedExcerpt(part))'")
      }
      guard rate >= 0, rate < 1 else {
        throw failure("performance fee rate \(InputError.escapedExcerpt(pieces[0])) is not a fraction in [0, 1)")
      }
      let threshold: Double
      if pieces.count == 2 {
        guard let t = parseFraction(pieces[1]) else {
          throw failure("cannot read the threshold '\(InputError.escapedExcerpt(pieces[1]))'")
        }
        threshold = t
      } else if k == 0 {
        threshold = hurdle ?? 0
      } else {
        throw failure(
          "tier \(k + 1) ('\(InputError.escapedExcerpt(part))') has no threshold; only the first tier may start at the "
            + "hurdle")
      }
      if k == 0, pieces.count == 2, let hurdle, hurdle != threshold {
        throw InputError(
          file: table.file, line: row.line, column: (hurdleColumn ?? column) + 1,
          message: "the hurdle \(JSONValue.format(hurdle)) disagrees with the first performance fee tier's threshold "
            + "\(JSONValue.format(threshold))",
          suggestion: "Leave the hurdle empty, make the two equal, or drop '@\(InputError.escapedExcerpt(pieces[1]))' from "
            + "the first tier.")
      }
      if let previous = tiers.last, threshold <= previous.threshold {
        throw failure(
          "tier thresholds must increase: \(JSONValue.format(threshold)) follows "
            + JSONValue.format(previous.threshold))
      }
      tiers.append(PerformanceFeeSchedule.Tier(threshold: threshold, rate: rate))
    }
    // Tiers at rate 0 charge nothing; a schedule of only zero rates is no fee (its hurdle is kept for display).
    if tiers.allSatisfy({ $0.rate == 0 }) && tiers.count == 1 { return .none }
    return PerformanceFeeSchedule(tiers: tiers)
  }
}
