import Benchmark
import LinearAlgebra
import Tradeable

// The greedy selection at N = 1,000, 10,000 and 100,000 candidates, for each weighting scheme.
//
// Correlation rows come from a factor model computed on demand (five asset-class factors, O(N·F) per row), so the
// measurement is the greedy engine itself — candidate evaluation per step — not the panel arithmetic, which the
// CorrelationKernel suite measures. Capital is set so that every run takes about 20 steps. Reported: wall time of the
// whole selection and a custom metric, microseconds per step (a step with equal weights is O(N): watch it scale
// by 10 from N = 1,000 to 10,000 to 100,000).

/// Correlations of a five-factor model: instruments in five classes, within-class 0.6, across 0.1, plus noise in
/// loadings; computed row by row.
struct FactorRows: CorrelationRows, Sendable {
  let loadings: [[Double]]  // per instrument, 6 numbers (5 class factors + 1 global), unit norm with idiosyncratic part

  init(count: Int, seed: UInt64) {
    var random = RandomSource(seed: seed)
    loadings = (0..<count).map { i in
      var l = [Double](repeating: 0, count: 6)
      l[i % 5] = random.uniform(0.6, 0.85)
      l[5] = random.uniform(0.1, 0.35)
      return l
    }
  }

  var count: Int { loadings.count }

  func row(_ i: Int) -> [Double] {
    let a = loadings[i]
    return loadings.enumerated().map { j, b in
      if j == i { return 1 }
      var r = 0.0
      for k in 0..<6 { r += a[k] * b[k] }
      return max(0, r)
    }
  }
}

func candidates(_ n: Int, seed: UInt64) -> [SelectionCandidate] {
  var random = RandomSource(seed: seed)
  return (0..<n).map { i in
    let cost = random.uniform(0.001, 0.1)
    return SelectionCandidate(
      code: "S\(i)", netSR: 0.4 - cost, annualSRCost: cost, unitRisk: random.logUniform(2_000, 60_000))
  }
}

let microsecondsPerStep = BenchmarkMetric.custom("µs per step", polarity: .prefersSmaller, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .peakMemoryResident, microsecondsPerStep], timeUnits: .milliseconds, warmupIterations: 1,
    maxDuration: .seconds(10), maxIterations: 20)

  for n in [1_000, 10_000, 100_000] {
    let rows = FactorRows(count: n, seed: 1)
    let pool = candidates(n, seed: 2)
    for scheme in WeightingScheme.allCases {
      Benchmark("greedy \(scheme.rawValue), N = \(n)") { benchmark in
        let rules = SelectionRules(weighting: scheme, maxInstruments: 20)
        let clock = ContinuousClock()
        for _ in benchmark.scaledIterations {
          var steps = 0
          let elapsed = clock.measure {
            let path = GreedySelector(capital: 3_000_000, rules: rules).select(pool, correlation: rows)
            steps = path.steps.count
            blackHole(path)
          }
          let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
          benchmark.measurement(microsecondsPerStep, Int(seconds / Double(max(steps, 1)) * 1e6))
        }
      }
    }
  }
}
