import Benchmark
import FundResearch
import Tradeable

// The fund commands at the scale of a CTA-fund database: 10,000 synthetic products over 8 years of weeks
// (`FundUniverseGenerator`, the `tradeable generate --funds` model: weekly, biweekly, monthly and quarterly NAVs,
// late starts, closures, stop-loss liquidations, fees and minimums; about 1.9 million NAV rows).
//
// Each benchmark starts from the parsed files (`FundUniverse.load`, measured on its own first), so it measures what
// the command computes: `funds metrics` (cleaning and every metric over every window), `funds score` (cleaning and
// the rank score), `funds factor-test` (every metric over every window at every month end, ranked) and
// `funds select` (the FOF pipeline and the greedy selection at 100,000,000, matrix-free above 2,500 products as by
// default). Targets: select and score under 5 s, factor-test under 30 s, including the load.
//
// The universe is written once to a temporary folder (generated in about a second).

let products = 10_000
let years = 8.0

let folder: String = {
  let path = "/tmp/tradeable-benchmark-funds-\(products)x\(Int(years))"
  _ = try? FundUniverseGenerator(products: products, years: years, seed: 1).write(to: path, replacing: true)
  return path
}()

func load() -> FundUniverse {
  try! FundUniverse.load(navs: folder + "/navs.csv", products: folder + "/products.csv")
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 1,
    maxDuration: .seconds(60), maxIterations: 5)

  Benchmark("load 10,000 products × 8 years (navs.csv, products.csv)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(load()) }
  }

  Benchmark("funds metrics, 10,000 products × 8 years") { benchmark in
    let universe = load()
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      let entries = try! universe.cleaned()
      blackHole(FundMetricsReport(entries: entries).metrics.count)
    }
  }

  Benchmark("funds score, 10,000 products × 8 years") { benchmark in
    let universe = load()
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      let entries = try! universe.cleaned()
      blackHole(RankScore(entries: entries, at: universe.lastDate!).selected)
    }
  }

  Benchmark("funds factor-test, 10,000 products × 8 years") { benchmark in
    let universe = load()
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      blackHole(FactorTest(universe: universe, settings: FactorTestSettings()).cells.count)
    }
  }

  Benchmark("funds select at 100,000,000, 10,000 products × 8 years") { benchmark in
    let universe = load()
    let fx = FXRates(baseCurrency: "CNY", rates: [:])
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      let analysis = try! FundAnalysis(universe: universe, fx: fx)
      blackHole(try! analysis.select(capital: 100_000_000).selected)
    }
  }
}
