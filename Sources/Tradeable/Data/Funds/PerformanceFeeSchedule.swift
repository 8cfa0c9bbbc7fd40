/// A performance fee, possibly tiered: each tier charges its rate on the part of the year's return between its
/// threshold and the next tier's threshold (the last tier has no upper end). Returns and thresholds are annual
/// fractions (0.06 = 6% a year); rates are fractions of the return in the tier (0.20 = 20%).
///
/// A typical CTA fund's schedule — nothing below 6% a year, 20% of the excess from 6% to 20%, 30% from 20% to 40%, 50% above
/// 40% — is `[(0.06, 0.20), (0.20, 0.30), (0.40, 0.50)]`, written `0.20@0.06;0.30@0.20;0.50@0.40` in `products.csv`.
/// A single rate above a hurdle `h` is one tier `[(h, rate)]`.
public struct PerformanceFeeSchedule: Sendable, Equatable {
  /// One tier: the rate charged on the return above `threshold` (up to the next tier's threshold).
  public struct Tier: Sendable, Equatable {
    /// Annual return where the tier starts, a fraction.
    public var threshold: Double
    /// Fraction of the return inside the tier taken as fee.
    public var rate: Double

    public init(threshold: Double, rate: Double) {
      self.threshold = threshold
      self.rate = rate
    }
  }

  /// Tiers with strictly increasing thresholds; empty for no performance fee.
  public var tiers: [Tier]

  public init(tiers: [Tier]) {
    precondition(zip(tiers, tiers.dropFirst()).allSatisfy { $0.threshold < $1.threshold }, "thresholds increase")
    self.tiers = tiers
  }

  /// No performance fee.
  public static let none = PerformanceFeeSchedule(tiers: [])

  /// One rate on the return above `hurdle`.
  public static func flat(rate: Double, hurdle: Double = 0) -> PerformanceFeeSchedule {
    rate == 0 ? .none : PerformanceFeeSchedule(tiers: [Tier(threshold: hurdle, rate: rate)])
  }

  /// The hurdle: the return below which no fee is charged (the first tier's threshold; 0 with no tiers).
  public var hurdle: Double { tiers.first?.threshold ?? 0 }

  /// The fee, as an annual fraction of capital, on a year's gross return `annualReturn`:
  /// `Σ rate_t × max(0, min(annualReturn, threshold_{t+1}) − threshold_t)`. Zero at or below the hurdle.
  ///
  /// DESIGN.md §8 evaluates it at the expected gross return `preCostSR × volatility`. Worked example (the tiers
  /// above) at 50%: `0.20 × 0.14 + 0.30 × 0.20 + 0.50 × 0.10 = 0.138`.
  public func fee(onAnnualReturn annualReturn: Double) -> Double {
    var fee = 0.0
    for (k, tier) in tiers.enumerated() {
      let upper = k + 1 < tiers.count ? tiers[k + 1].threshold : Double.infinity
      let inTier = min(annualReturn, upper) - tier.threshold
      if inTier > 0 { fee += tier.rate * inTier }
    }
    return fee
  }
}

extension PerformanceFeeSchedule: CustomStringConvertible {
  /// The `products.csv` notation: `RATE@THRESHOLD` tiers joined by `;`, empty for none.
  public var description: String {
    tiers.map { "\(JSONValue.format($0.rate))@\(JSONValue.format($0.threshold))" }.joined(separator: ";")
  }
}
