/// Everything loaded from a data folder: the instruments in input order, each one's price history, and FX rates.
public struct Universe: Sendable {
  /// Instruments in input order (the order of `instruments.csv`); the output lists them in this order.
  public var instruments: [InstrumentSpecification]
  /// Price history of each instrument, same order.
  public var histories: [PriceHistory]
  /// Exchange rates into the base currency.
  public var fx: FXRates
  /// Where the data came from (for reports), e.g. `data/futures`.
  public var source: String

  public init(instruments: [InstrumentSpecification], histories: [PriceHistory], fx: FXRates, source: String = "") {
    precondition(instruments.count == histories.count, "one price history per instrument")
    self.instruments = instruments
    self.histories = histories
    self.fx = fx
    self.source = source
  }

  /// Number of instruments.
  public var count: Int { instruments.count }

  /// The universe's last date: the latest price date over all instruments (DESIGN.md §3).
  public var lastDate: CalendarDay? { histories.compactMap(\.lastDate).max() }

  /// Units of the base currency per unit of instrument `i`'s currency. Loading checked every currency is known.
  public func fxRate(_ i: Int) -> Double { fx.rate(instruments[i].currency) ?? .nan }
}
