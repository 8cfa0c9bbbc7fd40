/// How often a product reports its NAV, from the median gap between consecutive NAV dates (DESIGN.md §8).
public enum ReportingFrequency: String, Codable, Sendable, CaseIterable {
  /// Median gap ≤ 4 calendar days: 252 periods a year.
  case daily
  /// ≤ 10 days: 52 a year.
  case weekly
  /// ≤ 17 days: 26 a year.
  case biweekly
  /// ≤ 35 days: 12 a year.
  case monthly
  /// Longer: too sparse to measure risk (excluded, reason `frequency`).
  case irregular

  /// Periods a year used to annualise, `nil` for `irregular`.
  public var periodsPerYear: Double? {
    switch self {
    case .daily: return 252
    case .weekly: return 52
    case .biweekly: return 26
    case .monthly: return 12
    case .irregular: return nil
    }
  }

  /// Whether `self` reports less often than `other` (the cases run from daily to irregular).
  public func isSlower(than other: ReportingFrequency) -> Bool {
    Self.allCases.firstIndex(of: self)! > Self.allCases.firstIndex(of: other)!
  }

  /// The longest median gap of the class, calendar days: 4 daily, 10 weekly, 17 biweekly, 35 monthly; `nil` for
  /// `irregular`, which has no upper end.
  public var longestGapDays: Double? {
    switch self {
    case .daily: return 4
    case .weekly: return 10
    case .biweekly: return 17
    case .monthly: return 35
    case .irregular: return nil
    }
  }

  /// The class of a median gap in calendar days: ≤ 4 daily, ≤ 10 weekly, ≤ 17 biweekly, ≤ 35 monthly, else irregular.
  public static func classify(medianGapDays gap: Double) -> ReportingFrequency {
    for frequency in allCases {
      if let longest = frequency.longestGapDays, gap <= longest { return frequency }
    }
    return .irregular
  }

  /// Median gap in calendar days between consecutive dates (the mean of the two middle gaps for an even count);
  /// `nil` with fewer than two dates.
  public static func medianGapDays(_ dates: [CalendarDay]) -> Double? {
    guard dates.count >= 2 else { return nil }
    var gaps = zip(dates, dates.dropFirst()).map { Double($0.days(to: $1)) }
    gaps.sort()
    let n = gaps.count
    return n % 2 == 1 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2
  }

  /// The frequency of a series of dates; `nil` with fewer than two dates.
  public static func detect(_ dates: [CalendarDay]) -> ReportingFrequency? {
    medianGapDays(dates).map { classify(medianGapDays: $0) }
  }
}
