extension TradingStatistics {
  /// JSON: `days`, `annualMean`, `volatility`, `sharpe`, `annualCost`, `costSR`, `maxDrawdown` (fractions of capital,
  /// full precision, `null` when undefined), and `years` (`year`, `return` = the sum of the year's daily returns,
  /// `days`).
  public var json: JSONValue {
    .object([
      ("days", .integer(days)),
      ("annualMean", .optional(annualMean)),
      ("volatility", .optional(volatility)),
      ("sharpe", .optional(sharpe)),
      ("annualCost", .optional(annualCost)),
      ("costSR", .optional(costSR)),
      ("maxDrawdown", .optional(maxDrawdown)),
      (
        "years",
        .array(
          years.map { .object([("year", .integer($0.year)), ("return", .optional($0.sum)), ("days", .integer($0.days))]) })
      ),
    ])
  }

  /// Header cells of `csvCells`, years as `Y2011` …
  static func csvHeader(years: [Int]) -> [String] {
    ["annual_mean", "volatility", "sharpe", "annual_cost", "cost_sr", "max_drawdown"] + years.map { "Y\($0)" }
  }

  /// The statistics as CSV cells (full precision), one per year of `years` (empty where the account has none).
  func csvCells(years: [Int]) -> [String] {
    let byYear = Dictionary(uniqueKeysWithValues: self.years.map { ($0.year, $0.sum) })
    return [annualMean, volatility, sharpe, annualCost, costSR, maxDrawdown].map { CSVWriter.number($0) }
      + years.map { CSVWriter.number(byYear[$0]) }
  }

  /// Table cells: mean, volatility, Sharpe, cost SR, maximum drawdown.
  var tableCells: [String] {
    [
      NumberFormat.percent(annualMean), NumberFormat.percent(volatility), NumberFormat.fixed(sharpe, decimals: 2),
      NumberFormat.fixed(costSR, decimals: 3), NumberFormat.percent(maxDrawdown),
    ]
  }

  /// Titles of `tableCells`.
  static let tableTitles: [(String, TextTable.Alignment)] = [
    ("Mean/yr", .right), ("Vol", .right), ("Sharpe", .right), ("Cost SR", .right), ("Max DD", .right),
  ]
}

extension InstrumentTrading {
  /// JSON of the realised numbers beside the predicted ones (full precision, `null` when undefined).
  var json: [(String, JSONValue)] {
    [
      ("memberPeriods", .integer(memberPeriods)),
      ("memberDays", .integer(memberDays)),
      ("contractsTraded", .number(contractsTraded)),
      ("rebalanceContracts", .number(rebalanceContracts)),
      ("meanAbsolutePosition", .optional(meanAbsolutePosition)),
      ("rollTradesPerYear", .number(rollTradesPerYear)),
      ("rebalanceTradesPerYear", .optional(rebalanceTradesPerYear)),
      ("realisedTradesPerYear", .optional(realisedTradesPerYear)),
      ("predictedTradesPerYear", .optional(predictedTradesPerYear)),
      ("realisedSRCost", .optional(realisedSRCost)),
      ("predictedSRCost", .optional(predictedSRCost)),
      ("profit", .number(profit)),
      ("tradeCosts", .number(tradeCosts)),
      ("rollCosts", .number(rollCosts)),
      ("openingCosts", .number(openingCosts)),
    ]
  }

  /// Header of `csvCells`.
  static let csvHeader = [
    "member_periods", "member_days", "contracts_traded", "rebalance_contracts", "mean_abs_position",
    "roll_trades_per_year", "rebalance_trades_per_year", "realised_trades_per_year", "predicted_trades_per_year",
    "realised_sr_cost", "predicted_sr_cost", "profit", "trade_costs", "roll_costs", "opening_costs",
  ]

  /// The same as CSV cells.
  var csvCells: [String] {
    [String(memberPeriods), String(memberDays)]
      + [
        contractsTraded, rebalanceContracts, meanAbsolutePosition, rollTradesPerYear, rebalanceTradesPerYear,
        realisedTradesPerYear, predictedTradesPerYear, realisedSRCost, predictedSRCost, profit, tradeCosts, rollCosts,
        openingCosts,
      ].map { CSVWriter.number($0) }
  }

  /// The per-instrument table: realised against predicted trades a year and SR cost.
  static func table(_ instruments: [InstrumentTrading], names: [String], baseCurrency: String, style: TerminalStyle)
    -> String
  {
    var table = TextTable([
      ("Code", .left), ("Name", .left), ("Days", .right), ("Mean |N|", .right), ("Trades/yr", .right),
      ("predicted", .right), ("SR cost", .right), ("predicted", .right), ("Profit (\(baseCurrency))", .right),
      ("Costs (\(baseCurrency))", .right),
    ])
    for m in instruments {
      table.append([
        m.code, String(names[m.index].prefix(28)), NumberFormat.integer(m.memberDays),
        NumberFormat.fixed(m.meanAbsolutePosition, decimals: 2), NumberFormat.fixed(m.realisedTradesPerYear, decimals: 1),
        NumberFormat.fixed(m.predictedTradesPerYear, decimals: 1), NumberFormat.fixed(m.realisedSRCost, decimals: 4),
        NumberFormat.fixed(m.predictedSRCost, decimals: 4), NumberFormat.money(m.profit),
        NumberFormat.money(m.tradeCosts + m.rollCosts),
      ])
    }
    return table.rendered(style: style)
  }
}

extension TradingAccount {
  /// `date,nav` for `blend` and the fund tools: a first row at 100 on the last weekday before the first account day
  /// (for a walk-forward, its first rebalance date), then `nav_t = 100 × Π_{s≤t} (1 + r_s)` on every account day
  /// (compounded here only; the account itself adds returns), full precision.
  public func navCSV(days: [CalendarDay]) -> String {
    navTable(columns: [("nav", self)], days: days)
  }

  /// `date,A,B,…`: one NAV column per account (all on `days`), as `navCSV` does for one.
  public static func navCSV(columns: [(String, TradingAccount)], days: [CalendarDay]) -> String {
    navTable(columns: columns, days: days)
  }
}

/// The NAV table of `navCSV`.
func navTable(columns: [(String, TradingAccount)], days: [CalendarDay]) -> String {
  guard let first = days.first else { return CSVWriter.line(["date"] + columns.map(\.0)) }
  var base = first.adding(days: -1)
  while !base.isWeekday { base = base.adding(days: -1) }
  var lines = [CSVWriter.line(["date"] + columns.map(\.0))]
  var navs = [Double](repeating: 100, count: columns.count)
  lines.append(CSVWriter.line([base.description] + navs.map { CSVWriter.number($0) }))
  for (d, day) in days.enumerated() {
    for (c, column) in columns.enumerated() { navs[c] *= 1 + column.1.returns[d] }
    lines.append(CSVWriter.line([day.description] + navs.map { CSVWriter.number($0) }))
  }
  return lines.joined(separator: "\n") + "\n"
}

extension TradingSettings {
  /// A rounding in words: `whole contracts, 10% buffer` or `unrounded, no buffer`.
  func describe(_ rounding: PositionRounding) -> String {
    switch rounding {
    case .wholeContracts: return "whole contracts, \(NumberFormat.percent(buffer, decimals: 0)) buffer"
    case .unrounded: return "unrounded, no buffer"
    }
  }
}
