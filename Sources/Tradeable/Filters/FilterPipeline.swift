/// The outcome of screening one instrument.
public struct Screening: Sendable, Equatable {
  /// Every filter the instrument fails, in pipeline order; empty when it is eligible.
  public var reasons: [ExclusionReason]
  /// Remarks that do not exclude it.
  public var flags: [InstrumentFlag]
  /// Whether no filter excludes it.
  public var isEligible: Bool { reasons.isEmpty }

  public init(reasons: [ExclusionReason] = [], flags: [InstrumentFlag] = []) {
    self.reasons = reasons
    self.flags = flags
  }
}

/// Filters run in order on every instrument; each instrument collects the reasons of every filter it fails.
public struct FilterPipeline: Sendable {
  /// The steps, in order.
  public var filters: [any InstrumentFilter]

  public init(_ filters: [any InstrumentFilter]) { self.filters = filters }

  /// Screens every instrument.
  public func screen(_ instruments: [some Screenable], context: FilterContext) -> [Screening] {
    instruments.map { screen($0, context: context) }
  }

  /// Screens one instrument.
  public func screen(_ instrument: some Screenable, context: FilterContext) -> Screening {
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

/// The filters of DESIGN.md §5, each with its own parameters, in pipeline order: history, stale, liquidity, cost,
/// capital.
public struct FilterSettings: Codable, Sendable, Equatable {
  public var history = HistoryFilter()
  public var stale = StaleFilter()
  public var liquidity = LiquidityFilter()
  public var cost = CostFilter()
  public var capital = CapitalFilter()

  public init(
    history: HistoryFilter = HistoryFilter(), stale: StaleFilter = StaleFilter(),
    liquidity: LiquidityFilter = LiquidityFilter(), cost: CostFilter = CostFilter(),
    capital: CapitalFilter = CapitalFilter()
  ) {
    self.history = history
    self.stale = stale
    self.liquidity = liquidity
    self.cost = cost
    self.capital = capital
  }

  /// Every filter but capital: what does not depend on the capital (computed once for a sweep).
  public var withoutCapital: FilterPipeline { FilterPipeline([history, stale, liquidity, cost]) }

  /// All five, capital last.
  public var all: FilterPipeline { FilterPipeline([history, stale, liquidity, cost, capital]) }

  /// Every setting of every filter outside its range, by key (`history.minimumPrices`, …).
  public var violations: [SettingViolation] {
    history.violations.prefixed("history") + stale.violations.prefixed("stale")
      + liquidity.violations.prefixed("liquidity") + cost.violations.prefixed("cost")
      + capital.violations.prefixed("capital")
  }
}
