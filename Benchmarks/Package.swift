// swift-tools-version:6.1
//
// Benchmarks for Tradeable, in their own package so that `swift build` and `swift test` at the root (and CI) never
// compile ordo-one/benchmark. Run from this folder:
//
//     swift package benchmark                        # every suite
//     swift package benchmark --target Selection     # one suite
//     swift package benchmark --target Trading       # backtest and walk-forward (Benchmarks/results/trading.md)
//     swift package benchmark --target Search        # refinement and exact search (Benchmarks/results/search.md)
//     ./search_gap.sh                                # greedy vs refined vs exact (results/search.md)
//     python3 numpy_comparison.py                    # the correlation kernel side by side with numpy
//
import PackageDescription

let benchmarkDependencies: [Target.Dependency] = [
  .product(name: "Benchmark", package: "benchmark"),
  .product(name: "LinearAlgebra", package: "Tradeable"),
  .product(name: "Tradeable", package: "Tradeable"),
  .product(name: "FundResearch", package: "Tradeable"),
]

let package = Package(
  name: "TradeableBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "Tradeable", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "CorrelationKernel", dependencies: benchmarkDependencies, path: "Benchmarks/CorrelationKernel",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    .executableTarget(
      name: "Funds", dependencies: benchmarkDependencies, path: "Benchmarks/Funds",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    .executableTarget(
      name: "Loading", dependencies: benchmarkDependencies, path: "Benchmarks/Loading",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    .executableTarget(
      name: "Selection", dependencies: benchmarkDependencies, path: "Benchmarks/Selection",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    .executableTarget(
      name: "Trading", dependencies: benchmarkDependencies, path: "Benchmarks/Trading",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    .executableTarget(
      name: "Search", dependencies: benchmarkDependencies, path: "Benchmarks/Search",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    // A plain executable for load-throughput.sh: loading a data folder against a line-counting pass on the same files.
    .executableTarget(
      name: "LoadTimer",
      dependencies: [.product(name: "Tradeable", package: "Tradeable")],
      path: "Sources/LoadTimer"),
    // A plain executable for numpy_comparison.py: times the kernel on a panel the script wrote.
    .executableTarget(
      name: "CorrelationTimer",
      dependencies: [.product(name: "LinearAlgebra", package: "Tradeable")],
      path: "Sources/CorrelationTimer"),
  ]
)
