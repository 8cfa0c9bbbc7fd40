/// Selections at many capitals from one analysis: how the best universe grows with capital.
///
/// The capital-independent stages (metrics, the history/stale/liquidity/cost filters, the pool's correlation matrix)
/// are computed once in `UniverseAnalysis`; each capital only runs the capital filter, the positive-definiteness check
/// of its eligible set and the greedy selection. So every row is exactly what `tradeable select --capital K` prints
/// for that capital, at a fraction of the cost of running it again.
public struct CapitalSweep: Sendable {
  /// The shared analysis.
  public let analysis: UniverseAnalysis
  /// One selection per capital, capitals in increasing order.
  public let selections: [SelectionResult]

  /// Selects at every capital of `capitals` (sorted increasingly; each must be positive and finite).
  public init(analysis: UniverseAnalysis, capitals: [Double]) throws {
    precondition(capitals.allSatisfy { $0 > 0 && $0.isFinite }, "capitals are positive amounts")
    self.analysis = analysis
    self.selections = try capitals.sorted().map { try analysis.select(capital: $0) }
  }

  /// The capitals, increasing.
  public var capitals: [Double] { selections.map(\.capital) }

  /// `steps` capitals from `from` to `to`, evenly spaced on a log scale: `from × (to/from)^(k/(steps−1))`.
  ///
  /// The end points are kept as given; the points between are rounded to the fewest significant digits, at least
  /// three, that keep every capital distinct (`14,100` rather than `14,142.14`), so a row's capital can be typed back
  /// into `tradeable select --capital` exactly. `steps` must be at least 2 and `to > from > 0`.
  public static func logSpaced(from: Double, to: Double, steps: Int) -> [Double] {
    precondition(steps >= 2 && from > 0 && to > from && to.isFinite, "a log range needs 0 < from < to and 2+ steps")
    let ratio = to / from
    let exact = (0..<steps).map { k in from * pow(ratio, Double(k) / Double(steps - 1)) }
    for digits in 3...17 {
      var rounded = exact
      for k in 1..<(steps - 1) { rounded[k] = roundToSignificantDigits(exact[k], digits) }
      rounded[0] = from
      rounded[steps - 1] = to
      if zip(rounded, rounded.dropFirst()).allSatisfy({ $0 < $1 }) { return rounded }
    }
    var exactEnds = exact
    exactEnds[0] = from
    exactEnds[steps - 1] = to
    return exactEnds
  }
}

/// `x` rounded to `digits` significant decimal digits (x > 0), the nearest `Double` to the rounded decimal.
func roundToSignificantDigits(_ x: Double, _ digits: Int) -> Double {
  let exponent = Int(log10(x).rounded(.down)) - digits + 1
  if exponent >= 0 {
    let scale = pow(10, Double(exponent))
    return (x / scale).rounded() * scale
  }
  let scale = pow(10, Double(-exponent))
  return (x * scale).rounded() / scale
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
