import Benchmark
import Tradeable

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The walk-forward of DESIGN.md §9 with every baseline (greedy, refined, lowest-cost, 100 random paths, ideal,
// in-sample) at one capital:
// - on the bundled futures (238 instruments, rebalanced at the end of 2010 … 2022, traded to 2023-08-31);
// - on generated universes of 1,000 and 10,000 instruments over 10 years (rebalanced at each year end from the
//   first with two years of prices), written once to a temporary folder.
// And the trading engine alone: 100 plans of 10 instruments each (the random baseline's shape) over the bundled
// prices, which must grow linearly in instruments × days × plans.
//
// Reported: wall time, peak memory, and nanoseconds per instrument-day — the run's time ÷ (instruments in the
// universe × account days) for the walk-forwards, ÷ (instruments held × account days, summed over the plans) for
// the engine.

let nanosecondsPerInstrumentDay = BenchmarkMetric.custom(
  "ns per instrument-day", polarity: .prefersSmaller, useScalingFactor: false)

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

/// A generated universe of `n` instruments over `years` years, written once under the temporary folder.
func generated(_ n: Int, years: Double) -> Universe {
  let base = String(cString: getenv("TMPDIR") ?? strdup("/tmp"))
  let folder = "\(base)/tradeable-trading-bench-n\(n)-y\(Int(years))"
  if (try? Universe.load(folder: folder)) == nil {
    _ = try! UniverseGenerator(instruments: n, years: years, seed: 1).write(to: folder)
  }
  return try! Universe.load(folder: folder)
}

/// A benchmark of the whole walk-forward on `universe`.
func walkForward(_ name: String, universe: @escaping @Sendable () -> Universe, capital: Double, from: Int?, to: Int?) {
  Benchmark(name) { benchmark in
    let u = universe()
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      let clock = ContinuousClock()
      var days = 0
      let elapsed = clock.measure {
        let w = try! WalkForward(universe: u, capitals: [capital], from: from, to: to)
        days = w.schedule.calendar.count
        blackHole(w)
      }
      benchmark.measurement(nanosecondsPerInstrumentDay, Int(seconds(elapsed) * 1e9 / Double(u.count * days)))
    }
  }
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .peakMemoryResident, nanosecondsPerInstrumentDay], timeUnits: .milliseconds,
    warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 10)

  // The package sits in Benchmarks/; the data in ../data/futures.
  let bundled = "../data/futures"

  walkForward(
    "walk-forward, bundled futures 2010–2022, all baselines, 100 random paths, 1,000,000 USD",
    universe: { try! Universe.load(folder: bundled) }, capital: 1_000_000, from: 2010, to: 2022)
  walkForward(
    "walk-forward, 1,000 generated instruments, 10 years, all baselines, 100 random paths, 10,000,000 USD",
    universe: { generated(1_000, years: 10) }, capital: 10_000_000, from: nil, to: nil)
  Benchmark(
    "walk-forward, 10,000 generated instruments, 10 years, all baselines, 100 random paths, 10,000,000 USD",
    configuration: .init(warmupIterations: 0, maxDuration: .seconds(600), maxIterations: 1)
  ) { benchmark in
    let u = generated(10_000, years: 10)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      let clock = ContinuousClock()
      var days = 0
      let elapsed = clock.measure {
        let w = try! WalkForward(universe: u, capitals: [10_000_000])
        days = w.schedule.calendar.count
        blackHole(w)
      }
      benchmark.measurement(nanosecondsPerInstrumentDay, Int(seconds(elapsed) * 1e9 / Double(u.count * days)))
    }
  }

  // The engine alone: `plans` plans of 10 instruments each, at every size of 25, 50 and 100 plans, so the time per
  // held instrument-day can be seen to stay flat.
  for plans in [25, 50, 100] {
    Benchmark("trading engine, \(plans) plans of 10 bundled instruments, 2006–2023") { benchmark in
      let u = try! Universe.load(folder: bundled)
      let schedule = TradingSchedule(
        periodStarts: [CalendarDay(iso: "2006-01-03")!], end: CalendarDay(iso: "2023-08-31")!)
      var random = RandomSource(seed: 1)
      let book = (0..<plans).map { _ -> TradingPlan in
        var members: [Int] = []
        while members.count < 10 {
          let i = Int(random.next() % UInt64(u.count))
          if !members.contains(i) { members.append(i) }
        }
        let holding = Holding(
          members: members.sorted(), weights: [Double](repeating: 0.1, count: 10), idm: 2.5, expectedSharpe: nil,
          predictedTradesPerYear: [Double](repeating: 0, count: 10), predictedSRCost: [Double](repeating: 0, count: 10))
        return TradingPlan(capital: 10_000_000, holdings: [holding], rounding: .wholeContracts)
      }
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations {
        let clock = ContinuousClock()
        let elapsed = clock.measure { blackHole(schedule.trade(book, universe: u)) }
        let heldDays = Double(plans * 10 * schedule.calendar.count)
        benchmark.measurement(nanosecondsPerInstrumentDay, Int(seconds(elapsed) * 1e9 / heldDays))
      }
    }
  }
}
