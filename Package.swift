// swift-tools-version:6.0
//
// Tradeable: given this capital, which instruments should I trade?
//
// The numerical core goes through OpenBLAS and LAPACKE (Debian: libopenblas-dev, liblapacke-dev).
// Benchmarks live in their own package under Benchmarks/ so that builds and CI stay light.

import PackageDescription

let package = Package(
  name: "Tradeable",
  products: [
    // MARK: - Public API
    .executable(name: "tradeable", targets: ["TradeableCLI"]),
    .library(name: "Tradeable", targets: ["Tradeable"]),
    .library(name: "FundResearch", targets: ["FundResearch"]),
    .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),

    // MARK: - Implementation details
    // The fuzz targets' checks, shared by the libFuzzer package under Fuzz/ and the regression tests.
    .library(name: "_InputFuzzing", targets: ["_InputFuzzing"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
  ],
  targets: [
    // MARK: - Public API
    .target(
      name: "LinearAlgebra",
      dependencies: ["_CBLASLAPACK"]
    ),
    .target(
      name: "Tradeable",
      dependencies: ["LinearAlgebra"]
    ),
    // Fund research on top of the core: performance metrics, rank scores and their backtest, regressions, blends.
    // The core never depends on it.
    .target(
      name: "FundResearch",
      dependencies: ["Tradeable", "LinearAlgebra"]
    ),
    .executableTarget(
      name: "TradeableCLI",
      dependencies: [
        "Tradeable",
        "FundResearch",
        "LinearAlgebra",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Implementation details
    .systemLibrary(
      name: "_CBLASLAPACK",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
    ),
    .target(
      name: "_InputFuzzing",
      dependencies: ["Tradeable"]
    ),
    .target(
      name: "_TestSupport",
      dependencies: [
        "Tradeable",
        .product(name: "RealModule", package: "swift-numerics"),
      ]
    ),

    // MARK: - Tests
    .testTarget(
      name: "LinearAlgebraTests",
      dependencies: ["LinearAlgebra", "Tradeable", "_TestSupport"]
    ),
    .testTarget(
      name: "TradeableTests",
      dependencies: ["Tradeable", "_TestSupport", "_InputFuzzing"]
    ),
    .testTarget(
      name: "FundResearchTests",
      dependencies: ["FundResearch", "Tradeable", "LinearAlgebra", "_TestSupport"]
    ),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["Tradeable", "FundResearch", "_TestSupport", "TradeableCLI"]
    ),
  ]
)
