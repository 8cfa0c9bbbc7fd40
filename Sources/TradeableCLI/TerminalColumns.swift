#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Width to wrap long table cells at: `COLUMNS` when it is exported and at least 60, else 120 — the same on a
/// terminal and in a pipe, so output does not depend on the window it was run in.
func terminalColumns() -> Int {
  if let value = getenv("COLUMNS").map({ String(cString: $0) }), let columns = Int(value), columns >= 60 {
    return columns
  }
  return 120
}
