import RealModule

/// The one float comparison of the test suites: relative tolerance through swift-numerics'
/// `isApproximatelyEqual(to:relativeTolerance:)`, with an absolute floor for values that should be zero.
///
/// Why tolerances at all: OpenBLAS picks kernels by CPU, and different kernels sum in different orders, so results
/// agree to ~1e-15 relative across machines, not bit for bit.
public func approximately(_ a: Double, _ b: Double, relative: Double = 1e-12, absolute: Double = 0) -> Bool {
  if absolute > 0, a.isApproximatelyEqual(to: b, absoluteTolerance: absolute, relativeTolerance: relative) {
    return true
  }
  return a.isApproximatelyEqual(to: b, relativeTolerance: relative)
}

/// Elementwise `approximately` for arrays of the same length.
public func approximately(_ a: [Double], _ b: [Double], relative: Double = 1e-12, absolute: Double = 0) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { approximately($0, $1, relative: relative, absolute: absolute) }
}
