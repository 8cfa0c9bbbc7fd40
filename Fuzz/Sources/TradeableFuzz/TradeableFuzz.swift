import _InputFuzzing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The reader this process fuzzes, from `TRADEABLE_FUZZ_TARGET` (one of `InputFuzzTarget`'s raw values).
nonisolated(unsafe) var fuzzTarget: InputFuzzTarget? = nil

/// libFuzzer's set-up hook: reads the target once.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
  let name = getenv("TRADEABLE_FUZZ_TARGET").map { String(cString: $0) } ?? ""
  guard let target = InputFuzzTarget(rawValue: name) else {
    let names = InputFuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    printError("TRADEABLE_FUZZ_TARGET must be one of: \(names)")
    exit(2)
  }
  fuzzTarget = target
  return 0
}

/// libFuzzer's entry point: one input through the target's reader; a broken promise is a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  if let problem = fuzzTarget!.check(bytes) {
    printError("\(fuzzTarget!.rawValue): \(problem)")
    abort()
  }
  return 0
}

/// Writes `text` and a line break to standard error.
func printError(_ text: String) {
  let bytes = Array((text + "\n").utf8)
  _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

/// libFuzzer's driver, for a program with its own `main` (SwiftPM names an executable's entry point itself).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The executable's entry point (SwiftPM links `main` to it): hands the arguments to libFuzzer's driver.
@_cdecl("TradeableFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var count = argc
  var arguments = argv
  return runFuzzerDriver(&count, &arguments) { data, size in testOneInput(data, size) }
}
