/// Excludes instruments the capital cannot hold even at their best case: alone, with the largest weight
/// `maximumWeight` (0.10) and the capped IDM, they need `maxContracts × unitRisk / (idmCap × maximumWeight ×
/// targetVolatility)` (`minimumCapital(unitRisk:sizing:)`).
///
/// Worked example (DESIGN.md §5): CSI 500 future at 4715 points × 200 CNY, vol 20% →
/// 4 × 943,000 × 0.20 / (2.5 × 0.10 × 0.20) = 15,088,000 CNY. Excludes nothing when no capital is given.
public struct CapitalFilter: InstrumentFilter, Codable, Equatable {
  public var reason: ExclusionReason { .capital }
  /// Largest weight one instrument is assumed to get in the standalone test (0.10: at least ten instruments).
  public var maximumWeight: Double = 0.10

  public init(maximumWeight: Double = 0.10) { self.maximumWeight = maximumWeight }

  /// Capital an instrument of annual unit risk `unitRisk` needs alone at its best case, base currency:
  /// `sizing.capitalNeeded(unitRisk:, weight: maximumWeight, idm: idmCap)`.
  public func minimumCapital(unitRisk: Double, sizing: PositionSizing) -> Double {
    sizing.capitalNeeded(unitRisk: unitRisk, weight: maximumWeight, idm: sizing.idmCap)
  }

  public func excludes(_ instrument: some Screenable, in context: FilterContext) -> Bool {
    guard let capital = context.capital, let risk = instrument.unitRisk else { return false }
    return capital < minimumCapital(unitRisk: risk, sizing: context.sizing)
  }

  /// Largest weight in the standalone test: above 0 and at most 1 (100%).
  public static let maximumWeightRange = ValidRange.above(0, unit: .fraction).atMost(1)

  /// Every setting outside its range, by key.
  public var violations: [SettingViolation] {
    [Self.maximumWeightRange.check("maximumWeight", maximumWeight)].compactMap { $0 }
  }
}
