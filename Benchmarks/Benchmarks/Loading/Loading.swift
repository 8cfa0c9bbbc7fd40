import Benchmark
import Tradeable

// Loading the bundled real futures data (238 instruments, 740,000 price rows): instruments.csv, fx.csv and every
// prices/CODE.csv, parsed and validated, two files at a time. Throughput reported in thousands of rows a second.

let rowsPerSecond = BenchmarkMetric.custom("kilo-rows/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal, rowsPerSecond], timeUnits: .milliseconds,
    warmupIterations: 2, maxDuration: .seconds(5), maxIterations: 50)

  // The package sits in Benchmarks/; the data in ../data/futures.
  let folder = "../data/futures"

  Benchmark("load bundled futures data (238 instruments, 740k rows)") { benchmark in
    let clock = ContinuousClock()
    for _ in benchmark.scaledIterations {
      var rows = 0
      let elapsed = clock.measure {
        let universe = try! Universe.load(folder: folder)
        rows = universe.histories.reduce(0) { $0 + $1.count }
        blackHole(universe)
      }
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      benchmark.measurement(rowsPerSecond, Int(Double(rows) / seconds / 1000))
    }
  }

  Benchmark("load bundled futures data, summaries only (what select keeps)") { benchmark in
    let retention = PipelineSettings().priceRetention
    for _ in benchmark.scaledIterations {
      blackHole(try! Universe.load(folder: folder, keeping: .summaries(retention)))
    }
  }

  Benchmark("analyse bundled futures data (metrics, filters, correlation)") { benchmark in
    let universe = try! Universe.load(folder: folder)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      blackHole(UniverseAnalysis(universe: universe, settings: PipelineSettings()))
    }
  }
}
