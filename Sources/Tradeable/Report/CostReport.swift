/// One row per instrument with its costs and standalone capital (the `costs` command).
public struct CostReport: Sendable {
  /// Orderings of the rows.
  public enum SortKey: String, Sendable, CaseIterable {
    /// Input order.
    case input
    /// Code, byte order.
    case code
    /// Annual SR cost.
    case cost
    /// Standalone minimum capital.
    case capital
    /// Annual volatility (fraction of notional).
    case volatility
    /// Notional of one contract.
    case notional
    /// Trades a year.
    case trades
    /// Status, then reasons.
    case status
  }

  /// The analysis.
  public let analysis: UniverseAnalysis
  /// The selection when a capital was given (statuses then include `selected` and the capital filter).
  public let selection: SelectionResult?
  /// Row order: input indices.
  public let order: [Int]

  public init(analysis: UniverseAnalysis, selection: SelectionResult?, sort: SortKey = .input, descending: Bool = false) {
    self.analysis = analysis
    self.selection = selection
    let m = analysis.metrics
    let status = selection?.statuses
    let screening = selection?.screening ?? analysis.screening
    func value(_ i: Int) -> Double? {
      switch sort {
      case .input, .code, .status: return nil
      case .cost: return m[i].annualSRCost
      case .capital: return analysis.standaloneCapital[i]
      case .volatility: return m[i].annualVolatility
      case .notional: return abs(m[i].notional)
      case .trades: return m[i].tradesPerYear
      }
    }
    let codeRank = byteOrderRanks(m.map(\.code))
    func statusRank(_ i: Int) -> Int {
      switch status?[i] ?? (screening[i].isEligible ? .eligible : .excluded) {
      case .selected: return 0
      case .eligible: return 1
      case .excluded: return 2
      }
    }
    self.order = m.indices.sorted { a, b in
      switch sort {
      case .input: return descending ? a > b : a < b
      case .code: return descending ? codeRank[a] > codeRank[b] : codeRank[a] < codeRank[b]
      case .status:
        if statusRank(a) != statusRank(b) { return descending ? statusRank(a) > statusRank(b) : statusRank(a) < statusRank(b) }
        return a < b
      default:
        // Missing values last whatever the direction; ties in input order.
        switch (value(a), value(b)) {
        case let (x?, y?) where x != y: return descending ? x > y : x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a < b
        }
      }
    }
  }

  var screening: [Screening] { selection?.screening ?? analysis.screening }
  var statusWords: [String] {
    selection?.statuses.map(\.rawValue) ?? screening.map { $0.isEligible ? "eligible" : "excluded" }
  }

  /// Aligned text table.
  public func table(style: TerminalStyle = .plain) -> String {
    let base = analysis.universe.fx.baseCurrency
    let m = analysis.metrics
    let words = statusWords
    var table = TextTable([
      ("Code", .left), ("Notional", .right), ("Vol", .right), ("Cost/trade", .right), ("Cost/trade SR", .right),
      ("Roll trades", .right), ("Rebalance", .right), ("Trades/yr", .right), ("SR cost/yr", .right),
      ("Min capital", .right), ("Status", .left), ("Reasons", .left),
    ])
    for i in order {
      table.append([
        m[i].code, NumberFormat.money(m[i].notional), NumberFormat.percent(m[i].annualVolatility),
        NumberFormat.fixed(m[i].costPerTrade, decimals: 2), NumberFormat.scientific(m[i].costPerTradeSR),
        NumberFormat.fixed(m[i].rollTradesPerYear, decimals: 1), NumberFormat.fixed(m[i].rebalanceTradesPerYear, decimals: 1),
        NumberFormat.fixed(m[i].tradesPerYear, decimals: 1), NumberFormat.fixed(m[i].annualSRCost, decimals: 4),
        NumberFormat.money(analysis.standaloneCapital[i]), words[i],
        (screening[i].reasons.map(\.rawValue) + screening[i].flags.map(\.rawValue)).joined(separator: ", "),
      ])
    }
    let capitalNote = selection.map { " at capital \(NumberFormat.money($0.capital)) \(base)" } ?? " (no capital given: capital filter not applied)"
    let lead = wrapWords(
      "Data: \(analysis.universe.source) — \(NumberFormat.count(m.count, "instrument")). Cost per trade = commission "
        + "+ half spread, one contract; SR units divide by the contract's annual currency volatility.",
      width: style.width ?? 160)
    return style.bold("Costs and standalone capital, \(base)\(capitalNote)") + "\n" + lead.joined(separator: "\n")
      + "\n\n" + table.rendered(style: style)
  }

  /// JSON: `baseCurrency`, `capital` (or null) and one object per instrument in the report's order.
  public var json: JSONValue {
    let m = analysis.metrics
    let words = statusWords
    return .object([
      ("baseCurrency", .string(analysis.universe.fx.baseCurrency)),
      ("capital", .optional(selection?.capital)),
      (
        "instruments",
        .array(
          order.map { i in
            .object([
              ("code", .string(m[i].code)),
              ("notional", .optional(m[i].notional)),
              ("currencyVolatility", .optional(m[i].currencyVolatility)),
              ("annualVolatility", .optional(m[i].annualVolatility)),
              ("costPerTrade", .optional(m[i].costPerTrade)),
              ("costPerTradeSR", .optional(m[i].costPerTradeSR)),
              ("rollTradesPerYear", .optional(m[i].rollTradesPerYear)),
              ("rebalanceTradesPerYear", .optional(m[i].rebalanceTradesPerYear)),
              ("tradesPerYear", .optional(m[i].tradesPerYear)),
              ("annualSRCost", .optional(m[i].annualSRCost)),
              ("minimumCapital", .optional(analysis.standaloneCapital[i])),
              ("status", .string(words[i])),
              ("reasons", .array(screening[i].reasons.map { .string($0.rawValue) })),
              ("flags", .array(screening[i].flags.map { .string($0.rawValue) })),
            ])
          })
      ),
    ])
  }

  /// CSV, full precision, in the report's order.
  public var csv: String {
    let m = analysis.metrics
    let words = statusWords
    var lines = [
      CSVWriter.line([
        "code", "notional", "currency_volatility", "annual_volatility", "cost_per_trade", "cost_per_trade_sr",
        "roll_trades_per_year", "rebalance_trades_per_year", "trades_per_year", "annual_sr_cost", "minimum_capital",
        "status", "reasons", "flags",
      ])
    ]
    for i in order {
      lines.append(
        CSVWriter.line([
          m[i].code, CSVWriter.number(m[i].notional), CSVWriter.number(m[i].currencyVolatility),
          CSVWriter.number(m[i].annualVolatility), CSVWriter.number(m[i].costPerTrade),
          CSVWriter.number(m[i].costPerTradeSR), CSVWriter.number(m[i].rollTradesPerYear),
          CSVWriter.number(m[i].rebalanceTradesPerYear), CSVWriter.number(m[i].tradesPerYear),
          CSVWriter.number(m[i].annualSRCost), CSVWriter.number(analysis.standaloneCapital[i]), words[i],
          screening[i].reasons.map(\.rawValue).joined(separator: ";"),
          screening[i].flags.map(\.rawValue).joined(separator: ";"),
        ]))
    }
    return lines.joined(separator: "\n")
  }
}
