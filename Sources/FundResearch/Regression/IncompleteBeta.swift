#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

import Tradeable

/// The regularized incomplete beta function `I_x(a, b) = B(x; a, b) / B(a, b)`, and through it Student's t
/// distribution (for regression p-values).
///
/// Method: the continued fraction of `I_x(a, b)` (Abramowitz & Stegun 26.5.8),
///
///     I_x(a, b) = x^a (1 − x)^b / (a · B(a, b)) · 1 / (1 + d₁ / (1 + d₂ / (1 + …)))
///     d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),   d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m)),
///
/// evaluated by the modified Lentz algorithm. It converges fast for `x < (a + 1)/(a + b + 2)`; above that the
/// symmetry `I_x(a, b) = 1 − I_{1−x}(b, a)` is used. `log B(a, b)` comes from the C library's `lgamma`.
public enum IncompleteBeta {
  /// Relative change below which the continued fraction has converged (a few units in the last place).
  static let tolerance = 1e-15
  /// Guard against underflow of Lentz's intermediate terms.
  static let tiny = 1e-300

  /// `I_x(a, b)` for `a, b > 0` and `0 ≤ x ≤ 1`; NaN outside that domain.
  public static func regularized(x: Double, a: Double, b: Double) -> Double {
    guard a > 0, b > 0, x >= 0, x <= 1, x.isFinite, a.isFinite, b.isFinite else { return .nan }
    if x == 0 { return 0 }
    if x == 1 { return 1 }
    let logFront = a * log(x) + b * log1p(-x) - logBeta(a, b)
    if x < (a + 1) / (a + b + 2) {
      return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
    }
    return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
  }

  /// `log B(a, b) = lgamma(a) + lgamma(b) − lgamma(a + b)`.
  public static func logBeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }

  /// The continued fraction `1 / (1 + d₁ / (1 + d₂ / …))` by the modified Lentz method.
  static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
    func guarded(_ v: Double) -> Double { abs(v) < tiny ? tiny : v }
    var c = 1.0
    var d = 1 / guarded(1 - (a + b) * x / (a + 1))  // 1 + d₁ with d₁ = −(a + b)x/(a + 1)
    var result = d
    var m = 1
    while m <= 100_000 {
      let mm = Double(m)
      // Even step d_{2m}.
      let even = mm * (b - mm) * x / ((a + 2 * mm - 1) * (a + 2 * mm))
      d = 1 / guarded(1 + even * d)
      c = guarded(1 + even / c)
      result *= d * c
      // Odd step d_{2m+1}.
      let odd = -(a + mm) * (a + b + mm) * x / ((a + 2 * mm) * (a + 2 * mm + 1))
      d = 1 / guarded(1 + odd * d)
      c = guarded(1 + odd / c)
      let delta = d * c
      result *= delta
      if abs(delta - 1) < tolerance { break }
      m += 1
    }
    return result
  }
}

/// Student's t distribution with `ν` degrees of freedom.
public enum StudentT {
  /// `P(|T| ≥ |t|)`, the two-sided p-value: `I_{ν/(ν + t²)}(ν/2, 1/2)`.
  public static func twoSidedPValue(_ t: Double, degreesOfFreedom nu: Double) -> Double {
    guard nu > 0, !t.isNaN else { return .nan }
    if t.isInfinite { return 0 }
    return IncompleteBeta.regularized(x: nu / (nu + t * t), a: nu / 2, b: 0.5)
  }

  /// `P(T ≤ t)`.
  public static func cumulativeProbability(_ t: Double, degreesOfFreedom nu: Double) -> Double {
    let tail = twoSidedPValue(t, degreesOfFreedom: nu) / 2
    return t >= 0 ? 1 - tail : tail
  }
}
