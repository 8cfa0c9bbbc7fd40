/// The valid range of every number of the fund cleaning rules, checked before any work.
extension FundCleaningRules {
  /// NAVs a series needs: 2 or more (a return needs two NAVs).
  public static let minimumObservationsRange = ValidRange.atLeast(2, unit: .count, note: "a return needs two NAVs")
  /// Periods a year: above 0 and at most 366 (daily NAVs of a fund that prices every day).
  public static let periodsPerYearRange = ValidRange.above(0).atMost(366)

  /// Every setting outside its range, by property name.
  public var violations: [SettingViolation] {
    [
      Self.minimumObservationsRange.check("minimumObservations", minimumObservations),
      Self.periodsPerYearRange.check("periodsPerYear", periodsPerYear),
    ].compactMap { $0 }
  }
}
