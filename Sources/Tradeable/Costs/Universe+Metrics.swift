import Dispatch

extension Universe {
  /// Metrics of every instrument, in input order, from the summaries of its prices (`priceSummaries(keeping:)`),
  /// liquidity over the last `liquidityDays` rows; instruments are measured in parallel.
  public func metrics(
    _ summaries: [PriceSummary], risk: RiskSettings, costs: CostSettings, liquidityDays: Int
  ) -> [InstrumentMetrics] {
    precondition(summaries.count == count, "one summary per instrument")
    let results = ConcurrentResults<InstrumentMetrics>(count: count)
    let chunk = 64
    let chunks = (count + chunk - 1) / chunk
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      for i in (c * chunk)..<min(count, (c + 1) * chunk) {
        results[i] = InstrumentMetrics(
          index: i, spec: instruments[i], prices: summaries[i], fxRate: fxRate(i), risk: risk, costs: costs,
          liquidityDays: liquidityDays)
      }
    }
    return (0..<count).map { results[$0]! }
  }

  /// Metrics of every instrument from its whole history (summarised first).
  public func metrics(risk: RiskSettings, costs: CostSettings, liquidityDays: Int) -> [InstrumentMetrics] {
    let retention = PriceSummary.Retention(differences: risk.volatilityWindow, volumeRows: liquidityDays, weeks: 1)
    return metrics(priceSummaries(keeping: retention), risk: risk, costs: costs, liquidityDays: liquidityDays)
  }
}
