/// A product — or, with manager merging, a manager's equal-weight series — as the fund commands see it after
/// cleaning: its series, its reporting frequency and whether it is kept.
public struct FundEntry: Sendable {
  /// Code: the product's, or the manager's name for a merged series.
  public var code: String
  /// The product; for a merged manager a summary (name and manager = the manager, fees the members' means).
  public var product: FundProduct
  /// Input indices of the products it stands for (one, unless merged), input order.
  public var members: [Int]
  /// NAV series (for a manager, the equal-weight index starting at 1).
  public var series: NAVSeries
  /// Median gap between NAV dates, calendar days; `nil` with fewer than two NAVs.
  public var medianGapDays: Double?
  /// Detected reporting frequency; `nil` with fewer than two NAVs.
  public var frequency: ReportingFrequency?
  /// Periods a year used to annualise: the frequency's, or the user's override; `nil` when irregular.
  public var periodsPerYear: Double?
  /// Why it is excluded (cleaning: `frequency`, `history`); empty when kept.
  public var reasons: [ExclusionReason]

  /// Whether cleaning kept it.
  public var isKept: Bool { reasons.isEmpty }
  /// Whether it merges several products.
  public var isMerged: Bool { members.count > 1 || code != product.code }
}

/// What the cleaning filters read: the NAV count and the detected frequency (nothing is measured yet).
extension FundEntry: Screenable {
  public var observationCount: Int { series.count }
  public var lastObservationDate: CalendarDay? { series.lastDate }
  public var reportingFrequency: ReportingFrequency? { frequency }
  public var annualVolatility: Double? { nil }
  public var unitRisk: Double? { nil }
  public var annualSRCost: Double? { nil }
  public var liquidity: Liquidity { .unknown }
  /// Not measured at cleaning: the volatility filter judges it once it is.
  public var riskIsUnmeasurable: Bool { false }
}
