/// Selections at many capitals from one analysis: how the best universe grows with capital.
///
/// The capital-independent stages (metrics, the history/stale/liquidity/cost filters, the pool's correlation matrix
/// and its repair) are computed once in `UniverseAnalysis`; each capital only runs the capital filter and the
/// selection. With `--search refined` or `exact` the sweep is monotone (DESIGN.md §6b): each capital is `tradeable
/// select --capital K` and additionally refines the set reported at the previous, smaller capital (feasible at K,
/// since feasibility is monotone in capital), reporting it when it ends better; so a capital never shows a lower
/// Sharpe ratio than a smaller one, and a row whose carried set won (`carriedFrom`) differs from `select` at that
/// capital. With `greedy` every row is exactly `select --search greedy`. The sweep keeps only its rows: each
/// selection is reduced to its row as soon as it is made.
public struct CapitalSweep: Sendable {
  /// One capital's selection, as the sweep reports it.
  public struct Row: Sendable {
    public var capital: Double
    /// Codes of the chosen set, in the order they were added.
    public var instruments: [String]
    /// `nil` when nothing is selected.
    public var sharpe: Double?
    public var idm: Double?
    /// The set's minimum capital (DESIGN.md §6), `nil` when nothing is selected.
    public var minimumCapital: Double?
    /// The smallest capital at which the set is feasible and passes the capital filter (DESIGN.md §7).
    public var smallestCapital: Double?
    /// Instruments eligible at this capital (every filter passed).
    public var eligibleCount: Int
    /// Why the greedy path at this capital stopped.
    public var stopReason: StopReason
    /// How the set was found (mode, winning start, proof).
    public var search: SearchMode
    /// Where the winning refinement started.
    public var start: SearchStart
    /// Whether `exact` proved the set optimal (`nil` unless `exact` ran).
    public var proved: Bool?
    /// The previous capital whose set, refined, won here (`nil` when the row is `select` at this capital).
    public var carriedFrom: Double? {
      if case .carried(let capital) = start { return capital }
      return nil
    }
  }

  /// The universe the sweep ran on.
  public let universe: UniverseSummary
  /// One row per capital, capitals in increasing order.
  public let rows: [Row]

  /// Selects at every capital of `capitals` (sorted increasingly; each must be positive and finite).
  public init(analysis: UniverseAnalysis, capitals: [Double]) throws {
    precondition(capitals.allSatisfy { $0 > 0 && $0.isFinite }, "capitals are positive amounts")
    self.universe = analysis.summary
    let carries = analysis.settings.selection.search.mode != .greedy
    var previous: (members: [Int], capital: Double)? = nil
    var rows: [Row] = []
    for capital in capitals.sorted() {
      let s = try analysis.select(capital: capital, carried: carries ? previous : nil)
      if !s.portfolio.isEmpty { previous = (s.portfolio.indices, capital) }
      rows.append(
        Row(
          capital: s.capital, instruments: s.portfolio.codes, sharpe: s.portfolio.sharpe, idm: s.portfolio.idm,
          minimumCapital: s.portfolio.minimumCapital, smallestCapital: s.portfolio.smallestCapital,
          eligibleCount: s.eligible.count, stopReason: s.path.stopReason, search: s.search.mode,
          start: s.search.start, proved: s.search.exact?.proved))
    }
    self.rows = rows
  }

  /// The capitals, increasing.
  public var capitals: [Double] { rows.map(\.capital) }

  /// Capitals of a log-spaced range: 2 to 10,000 (both ends included).
  public static let stepsRange = ValidRange.between(2, 10_000, unit: .count, note: "both ends included")

  /// `steps` capitals from `from` to `to`, evenly spaced on a log scale: `from × (to/from)^(k/(steps−1))`.
  ///
  /// The end points are kept as given; the points between are rounded to the fewest significant digits, at least
  /// three, that keep every capital distinct (`14,100` rather than `14,142.14`), so a row's capital can be typed back
  /// into `tradeable select --capital` exactly. `steps` must be at least 2 and `to > from > 0`.
  public static func logSpaced(from: Double, to: Double, steps: Int) -> [Double] {
    precondition(steps >= 2 && from > 0 && to > from && to.isFinite, "a log range needs 0 < from < to and 2+ steps")
    // In logarithms, so that no ratio of the ends overflows (10¹⁵ / 10⁻³⁰⁰ is not a finite double).
    let logFrom = log(from), logTo = log(to)
    let exact = (0..<steps).map { k in exp(logFrom + (logTo - logFrom) * Double(k) / Double(steps - 1)) }
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

/// `x` rounded to `digits` significant decimal digits (x > 0), the nearest `Double` to the rounded decimal; `x` itself
/// when it is so small that the scale is not a finite double.
func roundToSignificantDigits(_ x: Double, _ digits: Int) -> Double {
  guard x.isNormal, x > 1e-280 else { return x }
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
