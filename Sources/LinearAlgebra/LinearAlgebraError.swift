/// An error reported by a LAPACK routine through its `info` argument.
///
/// LAPACK's convention: `info < 0` means argument number `-info` was illegal (a programming error here);
/// `info > 0` is a numerical failure whose meaning depends on the routine, e.g. `dpotrf` found the leading minor of
/// order `info` not positive definite, or `dsyevd` failed to converge.
public struct LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The LAPACK routine, e.g. `"dpotrf"`.
  public let routine: String
  /// The routine's `info` value (non-zero).
  public let info: Int32
  /// What went wrong, in words, and what to do about it.
  public let explanation: String

  public init(routine: String, info: Int32, explanation: String) {
    self.routine = routine
    self.info = info
    self.explanation = explanation
  }

  public var description: String { "\(routine) failed (info = \(info)): \(explanation)" }

  /// Throws unless `info` is zero.
  static func check(_ info: Int32, _ routine: String, positive: (Int32) -> String) throws {
    guard info != 0 else { return }
    if info < 0 {
      throw LinearAlgebraError(
        routine: routine, info: info,
        explanation: "argument \(-info) had an illegal value; this is a bug in Tradeable, please report it")
    }
    throw LinearAlgebraError(routine: routine, info: info, explanation: positive(info))
  }
}
