// swift-tools-version:6.1
//
// Benchmarks for Tradeable, in their own package so that `swift build` and `swift test` at the root (and CI) never
// compile ordo-one/benchmark. Run from this folder:
//
//     swift package benchmark
//
import PackageDescription

let package = Package(
  name: "TradeableBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "Tradeable", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "CorrelationKernel",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "LinearAlgebra", package: "Tradeable"),
        .product(name: "Tradeable", package: "Tradeable"),
      ],
      path: "Benchmarks/CorrelationKernel",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ]
)
