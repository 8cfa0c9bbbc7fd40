import Tradeable

/// The look-back windows of the fund metrics (DESIGN.md §8).
public enum MetricWindow: String, Sendable, CaseIterable {
  case threeMonths = "3m"
  case sixMonths = "6m"
  case oneYear = "1y"
  case threeYears = "3y"
  case sinceInception = "inception"

  /// Calendar months looked back; `nil` since inception.
  public var months: Int? {
    switch self {
    case .threeMonths: return 3
    case .sixMonths: return 6
    case .oneYear: return 12
    case .threeYears: return 36
    case .sinceInception: return nil
    }
  }

  /// Words for tables.
  public var title: String {
    switch self {
    case .threeMonths: return "3 months"
    case .sixMonths: return "6 months"
    case .oneYear: return "1 year"
    case .threeYears: return "3 years"
    case .sinceInception: return "since inception"
    }
  }
}

extension NAVSeries {
  /// The NAVs of `window` ending at `end` (default: the last NAV date); see `window(months:endingAt:)`.
  public func window(_ window: MetricWindow, endingAt end: CalendarDay? = nil) -> NAVSeries? {
    self.window(months: window.months, endingAt: end)
  }
}
