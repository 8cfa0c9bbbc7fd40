import Dispatch

extension Universe {
  /// Metrics of every instrument, in input order; instruments are measured in parallel.
  public func metrics(settings: SelectionSettings) -> [InstrumentMetrics] {
    let results = ConcurrentResults<InstrumentMetrics>(count: count)
    let chunk = 64
    let chunks = (count + chunk - 1) / chunk
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      for i in (c * chunk)..<min(count, (c + 1) * chunk) {
        results[i] = InstrumentMetrics(
          index: i, spec: instruments[i], history: histories[i], fxRate: fxRate(i), settings: settings)
      }
    }
    return (0..<count).map { results[$0]! }
  }
}
