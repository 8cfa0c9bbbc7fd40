/// The valid range of every number of FOF selection, checked before any work. The numbers FOF selection shares with
/// the futures pipeline (pre-cost Sharpe ratio, units at the target position, IDM cap, weight, volatility target,
/// the correlation repair, the cost and history filters) take that pipeline's ranges, so both are checked by one rule.
extension FundSelectionSettings {
  /// Every setting outside its range, by its key path in the settings document, in pipeline order.
  public var violations: [SettingViolation] {
    cleaning.violations.prefixed("cleaning") + risk.violations.prefixed("risk") + costs.violations.prefixed("costs")
      + filters.violations.prefixed("filters") + sizing.violations.prefixed("sizing")
      + selection.violations.prefixed("selection")
  }
}

extension FundCleaningRules {
  /// NAVs a series needs (the history filter's count here): 2 or more, since a return needs two NAVs.
  public static let minimumObservationsRange = ValidRange.atLeast(2, unit: .count, note: "a return needs two NAVs")
  /// Periods a year: above 0 and at most 366 (daily NAVs of a fund that prices every day).
  public static let periodsPerYearRange = ValidRange.above(0).atMost(366)

  /// Every setting outside its range, by key path. The history filter counts NAVs here: a return needs two.
  public var violations: [SettingViolation] {
    [
      Self.minimumObservationsRange.check("history.minimumPrices", history.minimumPrices),
      Self.periodsPerYearRange.check("periodsPerYear", periodsPerYear),
    ].compactMap { $0 }
  }
}

extension FundRiskSettings {
  /// Volatility window: 1 to 1,200 calendar months (100 years); a window longer than a product's history uses all of
  /// it.
  public static let volatilityMonthsRange = ValidRange.between(
    1, 1_200, unit: .count, note: "calendar months; a window longer than a product's history uses all of it")
  /// Correlation window: 2 to 1,200 calendar months (a correlation needs two monthly returns).
  public static let correlationMonthsRange = ValidRange.between(
    2, 1_200, unit: .count, note: "calendar months; a correlation needs two monthly returns")

  /// Every setting outside its range, by key path.
  public var violations: [SettingViolation] {
    [
      Self.volatilityMonthsRange.check("volatilityMonths", volatilityMonths),
      Self.correlationMonthsRange.check("correlationMonths", correlationMonths),
      CorrelationSettings.positiveDefiniteThresholdRange.check("positiveDefiniteThreshold", positiveDefiniteThreshold),
      CorrelationSettings.eigenvalueFloorRange.check("eigenvalueFloor", eigenvalueFloor),
      CorrelationSettings.matrixFreeThresholdRange.check("matrixFreeThreshold", matrixFreeThreshold),
    ].compactMap { $0 }
  }
}

extension FundCostSettings {
  /// Holding period: above 0 and at most 100 years.
  public static let holdingYearsRange = ValidRange.above(0).atMost(100)

  /// Every setting outside its range, by key path.
  public var violations: [SettingViolation] {
    [
      CostSettings.preCostSRRange.check("preCostSR", preCostSR),
      Self.holdingYearsRange.check("holdingYears", holdingYears),
    ].compactMap { $0 }
  }
}

extension FundFilterSettings {
  /// Every setting outside its range, by key path.
  public var violations: [SettingViolation] {
    [ValidRange.atLeast(0, unit: .fraction).check("volatility.minimumVolatility", volatility.minimumVolatility)]
      .compactMap { $0 } + (cost?.violations.prefixed("cost") ?? []) + capital.violations.prefixed("capital")
  }
}
