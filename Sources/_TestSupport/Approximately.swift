import RealModule
import Testing

/// The one float comparison of the test suites: relative tolerance through swift-numerics'
/// `isApproximatelyEqual(to:relativeTolerance:)`, with an absolute floor for values that should be zero.
///
/// Why tolerances at all: OpenBLAS picks kernels by CPU, and different kernels sum in different orders, so results
/// agree to ~1e-15 relative across machines, not bit for bit. A zero tolerance (`relative: 0` without an absolute
/// one) is exact equality under another name: it is recorded as a test issue and compares as unequal; say what is
/// meant with `identical(_:_:)`.
public func approximately(
  _ a: Double, _ b: Double, relative: Double = 1e-12, absolute: Double = 0,
  sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
  guard relative > 0 || absolute > 0 else {
    Issue.record("a zero tolerance is exact equality: use identical(_:_:)", sourceLocation: sourceLocation)
    return false
  }
  if absolute > 0, a.isApproximatelyEqual(to: b, absoluteTolerance: absolute, relativeTolerance: relative) {
    return true
  }
  return relative > 0 && a.isApproximatelyEqual(to: b, relativeTolerance: relative)
}

/// Elementwise `approximately` for arrays of the same length.
public func approximately(
  _ a: [Double], _ b: [Double], relative: Double = 1e-12, absolute: Double = 0,
  sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
  a.count == b.count
    && zip(a, b).allSatisfy {
      approximately($0, $1, relative: relative, absolute: absolute, sourceLocation: sourceLocation)
    }
}

/// Exact equality, for numbers that must be *reproduced* rather than approximated: the same decimal text parsed by
/// two readers, a number written at full precision and read back, an integer carried in a `Double` (a capital typed
/// on the command line), a value copied without arithmetic. A tolerance would hide the very difference such a test
/// looks for. IEEE equality (so +0 equals −0), and NaN equals NaN (a missing value read twice).
public func identical(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

/// Elementwise `identical` for arrays of the same length.
public func identical(_ a: [Double], _ b: [Double]) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { identical($0, $1) }
}
