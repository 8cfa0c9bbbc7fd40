extension SelectionResult {
  /// Header of `csv`.
  public static let csvHeader = [
    "code", "status", "reasons", "flags", "step", "weight", "member_capital", "currency_volatility",
    "annual_volatility", "cost_per_trade", "cost_per_trade_sr", "roll_trades_per_year", "rebalance_trades_per_year",
    "trades_per_year", "annual_sr_cost", "net_sr", "minimum_capital", "notional",
  ]

  /// One row per input instrument, input order, full precision; `step` is the step that added a selected instrument
  /// (1-based), `weight` and `member_capital` its weight and capital need in the chosen set. Reasons and flags are
  /// joined by `;`. Base currency amounts.
  public var csv: String {
    var lines = [CSVWriter.line(Self.csvHeader)]
    let status = statuses
    let member = portfolio.membership
    for (i, m) in metrics.enumerated() {
      lines.append(
        CSVWriter.line([
          m.code, status[i].rawValue, screening[i].reasons.map(\.rawValue).joined(separator: ";"),
          screening[i].flags.map(\.rawValue).joined(separator: ";"), member[i].map { String($0.step) } ?? "",
          CSVWriter.number(member[i]?.weight), CSVWriter.number(member[i]?.capital), CSVWriter.number(m.currencyVolatility),
          CSVWriter.number(m.annualVolatility), CSVWriter.number(m.costPerTrade), CSVWriter.number(m.costPerTradeSR),
          CSVWriter.number(m.rollTradesPerYear), CSVWriter.number(m.rebalanceTradesPerYear),
          CSVWriter.number(m.tradesPerYear), CSVWriter.number(m.annualSRCost), CSVWriter.number(m.netSR),
          CSVWriter.number(standaloneCapital[i]), CSVWriter.number(m.notional),
        ]))
    }
    return lines.joined(separator: "\n")
  }
}
