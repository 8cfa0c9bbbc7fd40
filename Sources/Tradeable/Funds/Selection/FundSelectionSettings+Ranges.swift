/// The valid range of every number of FOF selection, checked before any work. The numbers FOF selection shares with
/// the futures pipeline (pre-cost Sharpe ratio, units at the target position, IDM cap, weight, volatility target,
/// the correlation repair) take that pipeline's ranges, so both are checked by one rule.
extension FundSelectionSettings {
  /// Holding period: above 0 and at most 100 years.
  public static let holdingYearsRange = ValidRange.above(0).atMost(100)
  /// Volatility window: 1 to 1,200 calendar months (100 years); a window longer than a product's history uses all of
  /// it.
  public static let volatilityMonthsRange = ValidRange.between(
    1, 1_200, unit: .count, note: "calendar months; a window longer than a product's history uses all of it")
  /// Correlation window: 2 to 1,200 calendar months (a correlation needs two monthly returns).
  public static let correlationMonthsRange = ValidRange.between(
    2, 1_200, unit: .count, note: "calendar months; a correlation needs two monthly returns")

  /// Every setting outside its range, by property name.
  public var violations: [SettingViolation] {
    [
      ValidRange.positiveMoney.check("capital", capital),
      CostSettings.preCostSRRange.check("preCostSR", preCostSR),
      PositionSizing.maxContractsRange.check("maxUnits", maxUnits),
      PositionSizing.idmCapRange.check("idmCap", idmCap),
      CapitalFilter.maximumWeightRange.check("maxWeight", maxWeight),
      PositionSizing.targetVolatilityRange.check("targetVolatility", targetVolatility),
      Self.holdingYearsRange.check("holdingYears", holdingYears),
      Self.volatilityMonthsRange.check("volatilityMonths", volatilityMonths),
      Self.correlationMonthsRange.check("correlationMonths", correlationMonths),
      CostFilter.maximumSRCostRange.check("maxSRCost", maxSRCost),
      SelectionRules.maxInstrumentsRange.check("maxInstruments", maxInstruments),
      SelectionRules.improvementToleranceRange.check("improvementTolerance", improvementTolerance),
      CorrelationSettings.positiveDefiniteThresholdRange.check("positiveDefiniteThreshold", positiveDefiniteThreshold),
      CorrelationSettings.eigenvalueFloorRange.check("eigenvalueFloor", eigenvalueFloor),
    ].compactMap { $0 }
  }
}
