/// How positions are sized against capital (DESIGN.md §5 and §6): the rules behind every "capital needed".
///
/// A member `i` of a set with risk weight `wᵢ` and diversification multiplier `IDM` holds, at an average forecast,
/// `capital × IDM × wᵢ × targetVolatility / unitRiskᵢ` units (contracts for a future, minimum subscriptions for a fund),
/// where `unitRiskᵢ` is the annual volatility of one unit in the base currency. It is *feasible* when that is at
/// least `maxContracts` units: fewer and the position cannot follow the volatility target finely enough. Hence the
/// capital a member needs, `maxContracts × unitRiskᵢ / (IDM × wᵢ × targetVolatility)`.
public struct PositionSizing: Codable, Sendable, Equatable {
  /// Units (contracts) held at the target position in the capital tests (4).
  public var maxContracts: Double = 4
  /// Cap on the instrument diversification multiplier (2.5): beyond it the correlation estimates that lift it are
  /// too uncertain to lever on.
  public var idmCap: Double = 2.5
  /// Annual volatility target of the whole portfolio, a fraction (0.20 = 20%).
  public var targetVolatility: Double = 0.20

  public init(maxContracts: Double = 4, idmCap: Double = 2.5, targetVolatility: Double = 0.20) {
    self.maxContracts = maxContracts
    self.idmCap = idmCap
    self.targetVolatility = targetVolatility
  }

  /// Capital a member with unit risk `unitRisk` and weight `weight` needs in a set with multiplier `idm`:
  /// `maxContracts × unitRisk / (idm × weight × targetVolatility)`, base currency.
  @inline(__always)
  public func capitalNeeded(unitRisk: Double, weight: Double, idm: Double) -> Double {
    maxContracts * unitRisk / (idm * weight * targetVolatility)
  }

  /// Capital at which an instrument can be held alone (weight 1, IDM 1): `maxContracts × unitRisk / targetVolatility`.
  public func capitalToHoldAlone(unitRisk: Double) -> Double {
    capitalNeeded(unitRisk: unitRisk, weight: 1, idm: 1)
  }

  /// Units held at the target position: `capital × idm × weight × targetVolatility / unitRisk` (unrounded).
  public func units(capital: Double, weight: Double, idm: Double, unitRisk: Double) -> Double {
    capital * idm * weight * targetVolatility / unitRisk
  }

  /// The multiplier of a set whose weighted correlation is `wᵀCw`: `min(idmCap, 1/√(wᵀCw))`.
  public func idm(variance: Double) -> Double { min(idmCap, 1 / variance.squareRoot()) }

  /// Units at the target position: at least 1 and at most 1,000,000 (below one unit the capital test means nothing).
  public static let maxContractsRange = ValidRange.between(
    1, 1_000_000, note: "units held at the target position at an average forecast")
  /// IDM cap: from 1 (no diversification credit) to 100.
  public static let idmCapRange = ValidRange.between(1, 100, note: "1 gives no credit for diversification")
  /// Volatility target: above 0 and at most 1 (100% a year).
  public static let targetVolatilityRange = ValidRange.above(0, unit: .fractionPerYear).atMost(1)

  /// Every setting outside its range, by key.
  public var violations: [SettingViolation] {
    [
      Self.maxContractsRange.check("maxContracts", maxContracts),
      Self.idmCapRange.check("idmCap", idmCap),
      Self.targetVolatilityRange.check("targetVolatility", targetVolatility),
    ].compactMap { $0 }
  }
}
