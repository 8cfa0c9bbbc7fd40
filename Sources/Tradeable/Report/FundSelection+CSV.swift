extension FundSelection {
  /// One row per product (or manager series), input order, full precision.
  public var csv: String {
    var lines = [
      CSVWriter.line([
        "code", "status", "reasons", "step", "weight", "member_capital", "volatility", "minimum_subscription",
        "unit_risk", "fee_drag", "management_fee", "custody_fee", "expected_performance_fee",
        "transaction_fees_per_year", "annual_sr_cost", "net_sr", "minimum_capital",
      ])
    ]
    let member = portfolio.membership
    let status = statuses
    for (k, m) in metrics.enumerated() {
      lines.append(
        CSVWriter.line([
          m.code, status[k].rawValue, screening[k].reasons.map(\.rawValue).joined(separator: ";"),
          member[k].map { "\($0.step)" } ?? "", CSVWriter.number(member[k]?.weight),
          CSVWriter.number(member[k]?.capital),
          CSVWriter.number(m.annualVolatility), CSVWriter.number(m.minimumSubscription), CSVWriter.number(m.unitRisk),
          CSVWriter.number(m.feeDrag?.total), CSVWriter.number(m.feeDrag?.management),
          CSVWriter.number(m.feeDrag?.custody), CSVWriter.number(m.feeDrag?.expectedPerformance),
          CSVWriter.number(m.feeDrag?.transactions), CSVWriter.number(m.annualSRCost), CSVWriter.number(m.netSR),
          CSVWriter.number(standaloneCapital[k]),
        ]))
    }
    return lines.joined(separator: "\n")
  }
}
