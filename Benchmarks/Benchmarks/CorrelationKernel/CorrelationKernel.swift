import Benchmark
import LinearAlgebra
import Tradeable

// The weekly correlation kernel of DESIGN.md §3: a T × N panel of weekly differences (T = 260 weeks, five years),
// with and without gaps, against the machine's own `dsyrk` on the same panel (its rate is the yardstick: the kernel
// should run at ≥ 80% of it counting the flops it must do).
//
// Flops counted: complete panel, one dsyrk: N²·T. Panel with gaps, four products (two dsyrk, two dgemm): 6·N²·T.
// Reported as a custom metric in MFLOP/s (integers only in this framework).

/// A deterministic factor-model panel: 5 factors, idiosyncratic noise, column means away from zero; `gapRate` of
/// entries missing (0/1 mask), or `nil` mask when complete.
func makePanel(weeks: Int, instruments: Int, gapRate: Double, seed: UInt64) -> (Matrix, Matrix?) {
  var random = RandomSource(seed: seed)
  func uniform() -> Double { random.uniform() }
  let factors = (0..<5).map { _ in (0..<weeks).map { _ in uniform() - 0.5 } }
  var values = Matrix(rows: weeks, columns: instruments)
  var mask = Matrix(rows: weeks, columns: instruments, repeating: 1)
  for j in 0..<instruments {
    let loadings = (0..<5).map { _ in uniform() }
    for t in 0..<weeks {
      var v = 10 + uniform() - 0.5
      for f in 0..<5 { v += loadings[f] * factors[f][t] }
      values[t, j] = v
      if gapRate > 0, uniform() < gapRate {
        mask[t, j] = 0
        values[t, j] = 0
      }
    }
  }
  return (values, gapRate > 0 ? mask : nil)
}

let mflops = BenchmarkMetric.custom("MFLOP/s", polarity: .prefersLarger, useScalingFactor: false)

func measure(_ benchmark: Benchmark, flops: Double, _ body: () -> Void) {
  let clock = ContinuousClock()
  for _ in benchmark.scaledIterations {
    let elapsed = clock.measure { body() }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    benchmark.measurement(mflops, Int(flops / seconds / 1e6))
  }
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .peakMemoryResident, mflops], timeUnits: .milliseconds, warmupIterations: 2,
    maxDuration: .seconds(5), maxIterations: 20)

  let weeks = 260
  for n in [1_000, 5_000] {
    let (complete, _) = makePanel(weeks: weeks, instruments: n, gapRate: 0, seed: 1)
    let (gappy, mask) = makePanel(weeks: weeks, instruments: n, gapRate: 0.1, seed: 2)
    let completePanel = CorrelationPanel(values: complete, mask: nil)
    let gappyPanel = CorrelationPanel(values: gappy, mask: mask)
    let symmetricFlops = CorrelationPanel.flops(columns: n, rows: weeks, gaps: false)
    let gapFlops = CorrelationPanel.flops(columns: n, rows: weeks, gaps: true)

    // The yardstick: dsyrk on the same panel into a preallocated matrix.
    Benchmark("dsyrk XᵀX (yardstick), N = \(n), T = 260") { benchmark in
      var c = Matrix(rows: n, columns: n)
      measure(benchmark, flops: symmetricFlops) {
        complete.storage.withUnsafeBufferPointer { a in
          c.storage.withUnsafeMutableBufferPointer { cp in
            BLAS.syrkUpper(.transpose, n: n, k: weeks, alpha: 1, a: a.baseAddress!, lda: weeks, beta: 0, c: cp.baseAddress!, ldc: n)
          }
        }
      }
      blackHole(c)
    }

    // The kernel: prepared panel → correlation matrix (upper triangle, as dsyrk), preallocated output.
    Benchmark("correlation kernel, no gaps, N = \(n), T = 260") { benchmark in
      var c = Matrix(rows: n, columns: n)
      measure(benchmark, flops: symmetricFlops) { completePanel.fill(&c, triangle: .upper) }
      blackHole(c)
    }

    Benchmark("correlation kernel, 10% gaps, N = \(n), T = 260") { benchmark in
      var c = Matrix(rows: n, columns: n)
      measure(benchmark, flops: gapFlops) { gappyPanel.fill(&c, triangle: .upper) }
      blackHole(c)
    }

    // End to end: raw panel → prepared → full symmetric matrix (allocation and mirroring included).
    Benchmark("correlation end to end (prepare + full matrix), 10% gaps, N = \(n), T = 260") { benchmark in
      measure(benchmark, flops: gapFlops) {
        blackHole(CorrelationPanel(values: gappy, mask: mask).matrix(triangle: .full))
      }
    }
  }
}
