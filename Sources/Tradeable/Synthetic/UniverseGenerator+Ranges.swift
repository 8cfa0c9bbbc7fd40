/// The valid range of the generator's numbers, checked before anything is written.
extension UniverseGenerator {
  /// Instruments: 1 to 1,000,000 (ten times the largest universe Tradeable is built for).
  public static let instrumentsRange = ValidRange.between(1, 1_000_000, unit: .count)
  /// Years of business days: above 0 and at most 100.
  public static let yearsRange = ValidRange.above(0).atMost(100)
  /// The last business day lies in 1900–2199, the years every reader accepts.
  public static let endDateRange = CalendarDay(year: 1900, month: 1, day: 1)!...CalendarDay(year: 2199, month: 12, day: 31)!

  /// Every setting outside its range, by property name.
  public var violations: [SettingViolation] {
    [Self.instrumentsRange.check("instruments", instruments), Self.yearsRange.check("years", years)].compactMap { $0 }
  }
}
