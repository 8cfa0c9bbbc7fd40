/// Excludes products whose latest NAV is at or below their stop-loss line (`stop_line` in products.csv), reason
/// `stop_line`: such a product is being liquidated and takes no subscriptions. A manager series is excluded when one
/// of its members is. Products without a stop line always pass. No parameters: the line is the product's own.
public struct StopLineFilter: InstrumentFilter, Equatable {
  public var reason: ExclusionReason { .stopLine }

  public init() {}

  public func excludes(_ instrument: some Screenable, in context: FilterContext) -> Bool {
    instrument.isAtOrBelowStopLine
  }
}
