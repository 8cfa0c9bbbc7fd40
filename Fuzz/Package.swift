// swift-tools-version:6.0
//
// libFuzzer targets over every input reader of Tradeable, in their own package so that the root build and its tests
// never compile with the fuzzer's instrumentation. Build and run through the script at the root:
//
//     scripts/fuzz.sh TARGET SECONDS [SEED]     # one target (instruments, price-file, …, options)
//     scripts/fuzz.sh all SECONDS [SEED]        # every target in turn
//
// The script builds this package with `-sanitize=fuzzer,address` applied to every module (so the readers of the
// Tradeable library are coverage-guided, not only this entry point), and picks the target by the environment
// variable TRADEABLE_FUZZ_TARGET. See docs/inputs.md.
import PackageDescription

let package = Package(
  name: "TradeableFuzz",
  dependencies: [
    .package(name: "Tradeable", path: "..")
  ],
  targets: [
    .executableTarget(
      name: "TradeableFuzz",
      dependencies: [.product(name: "_InputFuzzing", package: "Tradeable")],
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
  ]
)
