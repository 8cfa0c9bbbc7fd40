/// Excludes series that report less often than `slowest` (monthly), or whose frequency cannot be detected (a single
/// observation): DESIGN.md §8's `frequency` reason. A product reporting quarterly has too few returns for a volatility
/// or a correlation over the windows of §8.
///
/// The frequency is the one detected from the median gap between dates (`ReportingFrequency`), whatever periods a year
/// the user sets for annualising.
public struct FrequencyFilter: InstrumentFilter, Codable, Equatable {
  public var reason: ExclusionReason { .frequency }
  /// The slowest reporting frequency kept (monthly: a median gap of at most 35 days).
  public var slowest: ReportingFrequency = .monthly

  public init(slowest: ReportingFrequency = .monthly) { self.slowest = slowest }

  public func excludes(_ instrument: some Screenable, in context: FilterContext) -> Bool {
    guard let frequency = instrument.reportingFrequency else { return true }
    return frequency.isSlower(than: slowest)
  }
}
