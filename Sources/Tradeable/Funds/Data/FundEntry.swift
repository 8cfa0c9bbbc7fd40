/// Why a product (or manager series) was left out of a fund command. The raw values are the words of the output.
public enum FundExclusionReason: String, Sendable, CaseIterable {
  /// Reports less often than monthly (median gap over 35 days), or has a single NAV.
  case frequency
  /// Fewer NAVs than the minimum (40).
  case history
  /// No full window at the date (rank scoring: the series starts after the 3-year window's start).
  case window
  /// Zero volatility over the window: Sharpe ratio and SR cost undefined.
  case volatility
  /// Too few dates in common with the factors for a regression.
  case overlap
  /// Annual SR cost above the maximum (`funds select --max-sr-cost`; no maximum by default).
  case cost
  /// Capital below what the product needs on its own at its best case.
  case capital

  /// What the reason means, for tables.
  public var meaning: String {
    switch self {
    case .frequency: return "reports less often than monthly"
    case .history: return "too few NAVs"
    case .window: return "no full window at the date"
    case .volatility: return "zero volatility"
    case .overlap: return "too few dates in common with the factors"
    case .cost: return "annual SR cost above the maximum"
    case .capital: return "needs more capital on its own"
    }
  }
}

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
  public var reasons: [FundExclusionReason]

  /// Whether cleaning kept it.
  public var isKept: Bool { reasons.isEmpty }
  /// Whether it merges several products.
  public var isMerged: Bool { members.count > 1 || code != product.code }
}
