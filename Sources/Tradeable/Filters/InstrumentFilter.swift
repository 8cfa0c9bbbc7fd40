/// Why an instrument or fund product was left out (DESIGN.md §5 for futures, §8 for funds): the word each screening
/// step gives, used as is in JSON, CSV and tables.
///
/// A value type with a raw word rather than a closed enum, so that a step declares its reason beside itself: the
/// filters here, and the research steps of `FundResearch` (`extension ExclusionReason { static let window = … }`)
/// without the core knowing them.
public struct ExclusionReason: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The word of the output.
  public let rawValue: String

  public init(rawValue: String) { self.rawValue = rawValue }

  public var description: String { rawValue }

  /// Fewer observations (daily prices, NAVs) than the minimum history.
  public static let history = ExclusionReason(rawValue: "history")
  /// No price for more than the allowed weekdays before the universe's last date.
  public static let stale = ExclusionReason(rawValue: "stale")
  /// Mean volume or traded value over the last days below the minimum.
  public static let liquidity = ExclusionReason(rawValue: "liquidity")
  /// Annual cost above the maximum SR cost (futures: or zero volatility).
  public static let cost = ExclusionReason(rawValue: "cost")
  /// Capital below what the instrument needs on its own at its best case.
  public static let capital = ExclusionReason(rawValue: "capital")
  /// Reports less often than the slowest frequency allowed (funds: monthly), or has a single NAV.
  public static let frequency = ExclusionReason(rawValue: "frequency")
  /// Volatility zero or not measurable: the Sharpe ratio and the SR cost are undefined (funds).
  public static let volatility = ExclusionReason(rawValue: "volatility")
  /// Latest NAV at or below the product's stop-loss line: it is being liquidated (funds).
  public static let stopLine = ExclusionReason(rawValue: "stop_line")
}

/// A remark on an instrument that does not exclude it.
public enum InstrumentFlag: String, Sendable, CaseIterable {
  /// No volume on every one of the last rows: the liquidity filter could not judge and kept it.
  case liquidityUnknown = "liquidity unknown"
}

/// What filters read about an instrument: counts, dates, risk, cost and liquidity measured by the earlier stages.
public protocol Screenable {
  /// Observations in the history (daily prices, NAVs).
  var observationCount: Int { get }
  /// Date of the last observation, `nil` when there is none.
  var lastObservationDate: CalendarDay? { get }
  /// How often it reports (futures: daily prices); `nil` with fewer than two observations.
  var reportingFrequency: ReportingFrequency? { get }
  /// Annual volatility as a fraction; `nil` when unknown.
  var annualVolatility: Double? { get }
  /// Annual volatility of one unit (a contract) in the base currency; `nil` when unknown.
  var unitRisk: Double? { get }
  /// Annual cost in SR units; `nil` when undefined (no volatility).
  var annualSRCost: Double? { get }
  /// Liquidity over the liquidity filter's window.
  var liquidity: Liquidity { get }
  /// Whether the risk has been measured and could not be (fewer than two differences in the volatility window): the
  /// history filter excludes such an instrument, which has no risk to size a position by. `false` for what is not
  /// measured yet (a fund entry at cleaning, whose volatility the volatility filter judges later).
  var riskIsUnmeasurable: Bool { get }
  /// Whether its latest NAV is at or below its stop-loss line (a fund being liquidated); `false` for futures and for
  /// products without a stop line.
  var isAtOrBelowStopLine: Bool { get }
}

extension Screenable {
  public var isAtOrBelowStopLine: Bool { false }
}

extension InstrumentMetrics: Screenable {
  public var observationCount: Int { priceCount }
  public var lastObservationDate: CalendarDay? { lastDate }
  /// Daily: futures histories are daily prices (DESIGN.md §2).
  public var reportingFrequency: ReportingFrequency? { .daily }
  public var unitRisk: Double? { currencyVolatility }
  public var riskIsUnmeasurable: Bool { currencyVolatility == nil }
}

/// What a filter sees besides the instrument: the universe's last date, the capital (absent when none is given) and
/// the sizing rules behind the capital test.
public struct FilterContext: Sendable {
  /// Latest observation date over all instruments.
  public var universeLastDate: CalendarDay?
  /// Capital, base currency; `nil` when no capital is given (the capital filter then excludes nothing).
  public var capital: Double?
  /// How positions are sized (the capital filter's contracts, IDM cap and target volatility).
  public var sizing: PositionSizing

  public init(universeLastDate: CalendarDay?, capital: Double? = nil, sizing: PositionSizing = PositionSizing()) {
    self.universeLastDate = universeLastDate
    self.capital = capital
    self.sizing = sizing
  }
}

/// One screening step with one job, skfolio-style: constructed with its own parameters, it looks at an instrument's
/// measurements and says whether to exclude it. The pipeline runs every filter on every instrument, so an excluded
/// instrument lists all its reasons.
public protocol InstrumentFilter: Sendable {
  /// The reason this filter gives.
  var reason: ExclusionReason { get }
  /// Whether the instrument fails this filter.
  func excludes(_ instrument: some Screenable, in context: FilterContext) -> Bool
  /// Flags the filter raises on an instrument it keeps (none by default).
  func flags(_ instrument: some Screenable, in context: FilterContext) -> [InstrumentFlag]
}

extension InstrumentFilter {
  public func flags(_ instrument: some Screenable, in context: FilterContext) -> [InstrumentFlag] { [] }
}
