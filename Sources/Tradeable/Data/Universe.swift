import Dispatch

/// Everything loaded from a data folder: the instruments in input order, each one's prices, and FX rates.
///
/// Prices are held in one of two ways (`PriceLoading`): whole histories (`histories`), for what trades or replays
/// history (the reserve, backtests), or only what the capital-independent pipeline reads (`summaries`, see
/// `PriceSummary`), for `select`, `costs` and `sweep` — a fraction of the memory on a large universe.
public struct Universe: Sendable {
  /// Instruments in input order (the order of `instruments.csv`); the output lists them in this order.
  public var instruments: [InstrumentSpecification]
  /// Whole price history of each instrument, same order; empty when the universe holds summaries only.
  public var histories: [PriceHistory]
  /// What the pipeline reads of each instrument's prices, same order, when loaded that way; empty when the universe
  /// holds whole histories (the pipeline then summarises them itself).
  public var summaries: [PriceSummary]
  /// Whether the summaries were handed over to an analysis (`takeSummaries()`), which read them and let them go: the
  /// universe then holds neither histories nor summaries, only its instruments, FX and last date.
  public private(set) var pricesReleased = false
  /// The last date, kept when the summaries are released.
  private var releasedLastDate: CalendarDay? = nil
  /// Exchange rates into the base currency.
  public var fx: FXRates
  /// Where the data came from (for reports), e.g. `data/futures`.
  public var source: String

  /// A universe of whole histories.
  public init(instruments: [InstrumentSpecification], histories: [PriceHistory], fx: FXRates, source: String = "") {
    precondition(instruments.count == histories.count, "one price history per instrument")
    self.instruments = instruments
    self.histories = histories
    self.summaries = []
    self.fx = fx
    self.source = source
  }

  /// A universe holding only the summaries of its prices.
  public init(instruments: [InstrumentSpecification], summaries: [PriceSummary], fx: FXRates, source: String = "") {
    precondition(instruments.count == summaries.count, "one price summary per instrument")
    self.instruments = instruments
    self.histories = []
    self.summaries = summaries
    self.fx = fx
    self.source = source
  }

  /// Number of instruments.
  public var count: Int { instruments.count }

  /// Whether whole histories are held (`false`: summaries only, or released).
  public var keepsHistories: Bool { summaries.isEmpty && !pricesReleased }

  /// The universe's last date: the latest price date over all instruments (DESIGN.md §3).
  public var lastDate: CalendarDay? {
    if pricesReleased { return releasedLastDate }
    return keepsHistories ? histories.compactMap(\.lastDate).max() : summaries.compactMap(\.lastDate).max()
  }

  /// Hands the summaries over (without a copy: the caller then holds the only reference, and can free each as it is
  /// read) and marks the prices released. `nil` when the universe holds whole histories.
  public mutating func takeSummaries() -> [PriceSummary]? {
    guard !keepsHistories, !pricesReleased else { return nil }
    releasedLastDate = lastDate
    pricesReleased = true
    defer { summaries = [] }
    return summaries
  }

  /// Units of the base currency per unit of instrument `i`'s currency. Loading checked every currency is known.
  public func fxRate(_ i: Int) -> Double { fx.rate(instruments[i].currency) ?? .nan }

  /// The summaries the pipeline reads under `retention`: made from the whole histories (in parallel), or the ones
  /// loaded, which must keep at least as much.
  public func priceSummaries(keeping retention: PriceSummary.Retention) -> [PriceSummary] {
    precondition(!pricesReleased, "the summaries were released to an analysis")
    guard keepsHistories else {
      precondition(
        summaries.allSatisfy { $0.retention.covers(retention) },
        "the universe was loaded keeping less than the pipeline reads")
      return summaries
    }
    let results = ConcurrentResults<PriceSummary>(count: count)
    let chunk = 256
    DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { c in
      for i in (c * chunk)..<min(count, (c + 1) * chunk) {
        results[i] = PriceSummary(histories[i], keeping: retention)
      }
    }
    return (0..<count).map { results[$0]! }
  }
}
