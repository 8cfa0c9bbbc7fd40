/// Why an instrument was left out (DESIGN.md §5). The raw values are the words used in JSON, CSV and tables.
public enum ExclusionReason: String, Sendable, CaseIterable, Comparable {
  /// Fewer daily prices than the minimum history (512).
  case history
  /// No price for more than 10 weekdays before the universe's last date.
  case stale
  /// Mean volume or traded value over the last 20 days below the minimum.
  case liquidity
  /// Annual cost above the maximum SR cost, or zero volatility.
  case cost
  /// Capital below what the instrument needs on its own at its best case.
  case capital

  public static func < (a: ExclusionReason, b: ExclusionReason) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// A remark on an instrument that does not exclude it.
public enum InstrumentFlag: String, Sendable, CaseIterable {
  /// No volume on every one of the last 20 rows: the liquidity filter could not judge and kept it.
  case liquidityUnknown = "liquidity unknown"
}

/// What a filter sees besides the instrument: the universe's last date and the settings.
public struct FilterContext: Sendable {
  /// Latest price date over all instruments.
  public var universeLastDate: CalendarDay?
  /// Thresholds and capital.
  public var settings: SelectionSettings

  public init(universeLastDate: CalendarDay?, settings: SelectionSettings) {
    self.universeLastDate = universeLastDate
    self.settings = settings
  }
}

/// One screening step with one job, skfolio-style: it looks at an instrument's metrics and says whether to exclude it.
/// The pipeline runs every filter on every instrument, so an excluded instrument lists all its reasons.
public protocol InstrumentFilter: Sendable {
  /// The reason this filter gives.
  var reason: ExclusionReason { get }
  /// Whether the instrument fails this filter.
  func excludes(_ instrument: InstrumentMetrics, in context: FilterContext) -> Bool
  /// Flags the filter raises on an instrument it keeps (none by default).
  func flags(_ instrument: InstrumentMetrics, in context: FilterContext) -> [InstrumentFlag]
}

extension InstrumentFilter {
  public func flags(_ instrument: InstrumentMetrics, in context: FilterContext) -> [InstrumentFlag] { [] }
}
