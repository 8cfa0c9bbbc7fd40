import Tradeable

/// Dates on which products can be subscribed or redeemed (`funds backtest --open-dates`).
public enum OpenDates {
  /// Reads `code,date` rows (any order; other columns ignored). Every code must be a product; a product listed has
  /// only the listed open dates, a product not listed is always open.
  public static func load(_ table: CSVTable, codes: Set<String>) throws(InputError) -> [String: Set<CalendarDay>] {
    let code = try table.requireColumn("code")
    let date = try table.requireColumn("date")
    var result: [String: Set<CalendarDay>] = [:]
    for row in table.rows {
      let c = row[code]
      guard codes.contains(c) else {
        throw InputError(
          file: table.file, line: row.line, column: code + 1,
          message: c.isEmpty ? "the product code is empty" : "unknown product '\(c)'",
          suggestion: "Use the code of a product of the NAV input; products not listed are always open.")
      }
      guard let d = CalendarDay(iso: row[date]) else {
        throw InputError(
          file: table.file, line: row.line, column: date + 1, message: "cannot read '\(row[date])' as a date",
          suggestion: "Write dates as YYYY-MM-DD.")
      }
      result[c, default: []].insert(d)
    }
    return result
  }
}
