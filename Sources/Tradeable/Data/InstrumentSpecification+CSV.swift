extension InstrumentSpecification {
  /// The columns of `instruments.csv` Tradeable reads, in DESIGN.md §2's order; any other column is kept in
  /// `extraColumns`, unless its name is close to one of these (a likely misspelling, an error).
  public static let columns = [
    "code", "name", "asset_class", "exchange", "currency", "multiplier", "tick_size", "spread_ticks", "half_spread",
    "commission_per_contract", "commission_rate", "commission_per_trade", "rolls_per_year",
    "rebalance_trades_per_year",
  ]
  /// `columns` as a set.
  public static let knownColumns = Set(columns)

  /// Reads `instruments.csv` (DESIGN.md §2). Required columns: `code`, `currency`, `multiplier`; each row needs
  /// `half_spread` or `tick_size`. Codes must be unique. Numbers must be finite and non-negative (the multiplier and
  /// tick size positive).
  public static func load(_ table: CSVTable) throws(InputError) -> [InstrumentSpecification] {
    try table.checkColumnNames(columns)
    let code = try table.requireColumn("code")
    let currency = try table.requireColumn("currency")
    let multiplier = try table.requireColumn("multiplier", purpose: "currency per price point per contract")
    let name = table.columnIndex("name")
    let assetClass = table.columnIndex("asset_class")
    let exchange = table.columnIndex("exchange")
    let tickSize = table.columnIndex("tick_size")
    let spreadTicks = table.columnIndex("spread_ticks")
    let halfSpread = table.columnIndex("half_spread")
    let commissionPerContract = table.columnIndex("commission_per_contract")
    let commissionRate = table.columnIndex("commission_rate")
    let commissionPerTrade = table.columnIndex("commission_per_trade")
    let rollsPerYear = table.columnIndex("rolls_per_year")
    let rebalance = table.columnIndex("rebalance_trades_per_year")
    if tickSize == nil && halfSpread == nil {
      throw InputError(
        file: table.file, line: 1, message: "neither 'half_spread' nor 'tick_size' is a column",
        suggestion: "Add 'half_spread' (price points) or 'tick_size' (with optional 'spread_ticks', default 1).")
    }
    let extra = table.header.enumerated().filter { !knownColumns.contains($0.element) }

    if table.rows.isEmpty {
      throw InputError(
        file: table.file, line: 1, message: "the file has a header but no instruments",
        suggestion: "Add one row per instrument.")
    }
    var seen: [String: Int] = [:]
    var result: [InstrumentSpecification] = []
    result.reserveCapacity(table.rows.count)
    let nonNegative = "a number ≥ 0"
    for row in table.rows {
      let c = row[code]
      if c.isEmpty {
        throw InputError(
          file: table.file, line: row.line, column: code + 1, message: "the instrument code is empty",
          suggestion: "Give every instrument a unique code.")
      }
      if let earlier = seen[c] {
        throw InputError(
          file: table.file, line: row.line, column: code + 1,
          message: "duplicate instrument code '\(InputError.escapedExcerpt(c))' (first on line \(earlier))",
          suggestion: "Keep one row per instrument, or rename one of them.")
      }
      seen[c] = row.line
      let ccy = row[currency]
      if ccy.isEmpty {
        throw InputError(
          file: table.file, line: row.line, column: currency + 1, message: "the currency of '\(InputError.escapedExcerpt(c))' is empty",
          suggestion: "Give the ISO code of the currency its prices are quoted in, e.g. USD.")
      }
      let tick = try table.number(row, tickSize)
      if let tick, !(tick > 0) {
        throw InputError(
          file: table.file, line: row.line, column: tickSize! + 1, message: "tick_size \(tick) is not positive",
          suggestion: "Give the minimum price increment in price points, or leave it empty and give half_spread.")
      }
      let half = try table.number(row, halfSpread)
      if let half, half < 0 {
        throw InputError(
          file: table.file, line: row.line, column: halfSpread! + 1, message: "half_spread \(half) is negative",
          suggestion: "Give half the bid-ask spread in price points (0 or more).")
      }
      if half == nil && tick == nil {
        throw InputError(
          file: table.file, line: row.line, column: (halfSpread ?? tickSize!) + 1,
          message: "'\(InputError.escapedExcerpt(c))' has neither half_spread nor tick_size, so its spread cost is unknown",
          suggestion: "Fill in half_spread (price points) or tick_size (price points, with spread_ticks, default 1).")
      }
      result.append(
        InstrumentSpecification(
          code: c, name: row[name], assetClass: row[assetClass], exchange: row[exchange], currency: ccy,
          multiplier: try table.number(row, multiplier, requirement: "a positive number") { $0 > 0 },
          tickSize: tick,
          spreadTicks: try table.number(row, spreadTicks, default: 1, requirement: nonNegative) { $0 >= 0 },
          halfSpread: half,
          commissionPerContract: try table.number(
            row, commissionPerContract, default: 0, requirement: nonNegative) { $0 >= 0 },
          commissionRate: try table.number(row, commissionRate, default: 0, requirement: nonNegative) { $0 >= 0 },
          commissionPerTrade: try table.number(
            row, commissionPerTrade, default: 0, requirement: nonNegative) { $0 >= 0 },
          rollsPerYear: try table.number(row, rollsPerYear, default: 0, requirement: nonNegative) { $0 >= 0 },
          rebalanceTradesPerYear: try table.number(row, rebalance).map { value throws(InputError) in
            guard value >= 0 else {
              throw InputError(
                file: table.file, line: row.line, column: rebalance! + 1,
                message: "rebalance_trades_per_year \(value) is negative",
                suggestion: "Give 0 or more, or leave it empty to measure it from prices.")
            }
            return value
          },
          extraColumns: extra.map { ($0.element, row.fields[$0.offset]) },
          sourceLine: row.line))
    }
    return result
  }
}
