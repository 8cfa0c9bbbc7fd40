import Benchmark
import Tradeable

// The search after the greedy path (DESIGN.md §6b): `refined` and `exact` on the bundled futures data at three
// capitals, and `refined` on generated universes of 1,000 and 10,000 instruments (the second matrix-free). The
// analysis (loading, metrics, correlation) is prepared outside the measured block: what is measured is
// `UniverseAnalysis.select`, greedy path included. Custom metric: the Sharpe ratio found, × 10⁶, so a change in the
// answer shows beside a change in time. The optimality-gap tables (greedy vs refined vs exact at 25 capitals) come
// from `search_gap.sh`, not from this suite.

let sharpeMicros = BenchmarkMetric.custom("Sharpe × 1e6", polarity: .prefersLarger, useScalingFactor: false)

func analysis(_ folder: String, mode: SearchMode) -> UniverseAnalysis {
  var settings = PipelineSettings()
  settings.selection.search = SearchSettings(mode: mode, budgetSeconds: 60)
  return UniverseAnalysis(universe: try! Universe.load(folder: folder), settings: settings)
}

func measure(_ benchmark: Benchmark, _ analysis: UniverseAnalysis, capital: Double) {
  for _ in benchmark.scaledIterations {
    let result = try! analysis.select(capital: capital)
    benchmark.measurement(sharpeMicros, Int((result.portfolio.sharpe ?? 0) * 1e6))
    blackHole(result)
  }
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .peakMemoryResident, sharpeMicros], timeUnits: .milliseconds, warmupIterations: 1,
    maxDuration: .seconds(20), maxIterations: 10)

  // The package sits in Benchmarks/; the data in ../data/futures.
  let bundled = "../data/futures"
  for mode in [SearchMode.greedy, .refined, .exact] {
    for capital in [1_000_000.0, 3_000_000, 10_000_000] {
      Benchmark("\(mode.rawValue), bundled data, \(Int(capital / 1_000)) k USD") { benchmark in
        let prepared = analysis(bundled, mode: mode)
        benchmark.startMeasurement()
        measure(benchmark, prepared, capital: capital)
      }
    }
  }

  for n in [1_000, 10_000] {
    let folder = "\(temporaryFolder())/tradeable-search-benchmark-\(n)"
    Benchmark("refined, generated N = \(n), 5,000 k USD") { benchmark in
      if !fileExists("\(folder)/instruments.csv") {
        _ = try! UniverseGenerator(instruments: n, years: 5.5, seed: 1).write(to: folder)
      }
      let prepared = analysis(folder, mode: .refined)
      benchmark.startMeasurement()
      measure(benchmark, prepared, capital: 5_000_000)
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func temporaryFolder() -> String { getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp" }

func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }
