/// What the trading rule knows about one instrument at the close of each of its prices (DESIGN.md §9): the daily
/// price volatility, the risk positions are sized by, and the combined EWMAC forecast. Every value at index `t` uses
/// prices `0 … t` only, so the series computed on a history cut at any date agree with the full one up to that date.
public struct InstrumentSignals: Sendable, Equatable {
  /// `σ_t`, the EWMA standard deviation of daily price differences, price points; NaN before the instrument's
  /// `volatilitySpan`-th difference.
  public var volatility: [Double]
  /// `σ̂_t = recentRiskWeight·σ_t + (1 − recentRiskWeight)·mean(σ over the last longRunRiskWindow differences)`,
  /// price points; NaN where `σ_t` is.
  public var sizingRisk: [Double]
  /// `F_t` in [−cap, cap]; NaN before the first forecast (the warm-up). 0 where `σ_t = 0`: a price that has not moved
  /// since its first print has no trend to measure (the raw rule would be 0/0).
  public var forecasts: [Double]

  /// Index of the first price with a forecast, `nil` when the history is too short.
  public var firstForecast: Int? {
    forecasts.firstIndex { !$0.isNaN }
  }

  /// The signals of a price series under `settings`.
  public init(prices: [Double], settings: TradingSettings) {
    let n = prices.count
    volatility = [Double](repeating: .nan, count: n)
    sizingRisk = [Double](repeating: .nan, count: n)
    forecasts = [Double](repeating: .nan, count: n)
    let rule = settings.forecast
    let span = rule.volatilitySpan
    guard span >= 1, n > span else { return }

    // σ_t: the mean of the first `span` squared differences at difference `span` (price index `span`), then the EWMA.
    let a = rule.volatilityDecay
    var variance = 0.0
    for k in 1...span {
      let d = prices[k] - prices[k - 1]
      variance += d * d
    }
    variance /= Double(span)
    volatility[span] = variance.squareRoot()
    if span + 1 < n {
      for k in (span + 1)..<n {
        let d = prices[k] - prices[k - 1]
        variance = (1 - a) * variance + a * d * d
        volatility[k] = variance.squareRoot()
      }
    }

    // σ̂_t: blend with the mean of σ over the differences j in [k − window + 1, k] where σ is defined (j ≥ span).
    let window = max(1, settings.longRunRiskWindow)
    let recent = settings.recentRiskWeight
    var sum = 0.0
    for k in span..<n {
      sum += volatility[k]
      if k - window >= span { sum -= volatility[k - window] }
      let count = min(k - span + 1, window)
      sizingRisk[k] = recent * volatility[k] + (1 - recent) * (sum / Double(count))
    }

    // EWMAs of prices for every fast and slow span, started at the first price; the forecast from the first index on.
    let first = rule.firstForecastIndex
    guard first < n, !rule.rules.isEmpty else { return }
    let spans = rule.rules.flatMap { [$0.fastSpan, $0.fastSpan * rule.slowSpanMultiple] }
    let decays = spans.map { 2 / Double($0 + 1) }
    var averages = [Double](repeating: prices[0], count: spans.count)
    let ruleCount = Double(rule.rules.count)
    for k in 0..<n {
      if k > 0 {
        for s in spans.indices { averages[s] = (1 - decays[s]) * averages[s] + decays[s] * prices[k] }
      }
      guard k >= first else { continue }
      let sigma = volatility[k]
      guard sigma > 0 else {
        forecasts[k] = 0
        continue
      }
      var total = 0.0
      for (r, item) in rule.rules.enumerated() {
        let raw = (averages[2 * r] - averages[2 * r + 1]) / sigma
        total += clip(item.scalar * raw, rule.cap)
      }
      forecasts[k] = clip(rule.diversificationMultiplier * (total / ruleCount), rule.cap)
    }
  }
}

/// `x` limited to `[−cap, cap]`.
@inline(__always)
func clip(_ x: Double, _ cap: Double) -> Double { min(cap, max(-cap, x)) }
