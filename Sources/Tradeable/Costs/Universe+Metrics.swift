import Dispatch

extension Universe {
  /// Metrics of every instrument, in input order, liquidity over the last `liquidityDays` rows; instruments are
  /// measured in parallel.
  public func metrics(risk: RiskSettings, costs: CostSettings, liquidityDays: Int) -> [InstrumentMetrics] {
    let results = ConcurrentResults<InstrumentMetrics>(count: count)
    let chunk = 64
    let chunks = (count + chunk - 1) / chunk
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      for i in (c * chunk)..<min(count, (c + 1) * chunk) {
        results[i] = InstrumentMetrics(
          index: i, spec: instruments[i], history: histories[i], fxRate: fxRate(i), risk: risk, costs: costs,
          liquidityDays: liquidityDays)
      }
    }
    return (0..<count).map { results[$0]! }
  }
}
