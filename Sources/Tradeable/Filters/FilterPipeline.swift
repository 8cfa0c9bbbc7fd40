/// The outcome of screening one instrument.
public struct Screening: Sendable, Equatable {
  /// Every filter the instrument fails, in pipeline order; empty when it is eligible.
  public var reasons: [ExclusionReason]
  /// Remarks that do not exclude it.
  public var flags: [InstrumentFlag]
  /// Whether no filter excludes it.
  public var isEligible: Bool { reasons.isEmpty }
}

/// Filters run in order on every instrument; each instrument collects the reasons of every filter it fails.
public struct FilterPipeline: Sendable {
  /// The steps, in order.
  public var filters: [any InstrumentFilter]

  public init(_ filters: [any InstrumentFilter]) { self.filters = filters }

  /// DESIGN.md §5: history, stale, liquidity, cost, capital.
  public static let standard = FilterPipeline([
    HistoryFilter(), StaleFilter(), LiquidityFilter(), CostFilter(), CapitalFilter(),
  ])

  /// The same without the capital filter: what does not depend on the capital (computed once for a sweep).
  public static let withoutCapital = FilterPipeline([HistoryFilter(), StaleFilter(), LiquidityFilter(), CostFilter()])

  /// Screens every instrument.
  public func screen(_ instruments: [InstrumentMetrics], context: FilterContext) -> [Screening] {
    instruments.map { screen($0, context: context) }
  }

  /// Screens one instrument.
  public func screen(_ instrument: InstrumentMetrics, context: FilterContext) -> Screening {
    var reasons: [ExclusionReason] = []
    var flags: [InstrumentFlag] = []
    for filter in filters {
      if filter.excludes(instrument, in: context) {
        reasons.append(filter.reason)
      } else {
        flags += filter.flags(instrument, in: context)
      }
    }
    return Screening(reasons: reasons, flags: flags)
  }
}
