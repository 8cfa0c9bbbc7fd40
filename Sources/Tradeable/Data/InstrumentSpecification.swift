/// One row of `instruments.csv`: what a futures contract is and what trading it costs.
///
/// Units: `multiplier` is currency per price point per contract, in the instrument's own `currency`;
/// `tickSize` and `halfSpread` are in price points; commissions are in the instrument's currency (rate: a fraction of
/// notional); rolls and rebalance trades are counts per year.
public struct InstrumentSpecification: Sendable, Equatable {
  /// Unique code, e.g. `SP500_micro`.
  public var code: String
  /// Human-readable name.
  public var name: String
  /// Asset class (Equity, Bond, FX, Metals, …); free text.
  public var assetClass: String
  /// Exchange; free text.
  public var exchange: String
  /// ISO code of the currency prices and commissions are quoted in.
  public var currency: String
  /// Currency per price point per contract (the contract's point value). Positive.
  public var multiplier: Double
  /// Minimum price increment, price points; `nil` when not given.
  public var tickSize: Double?
  /// Bid-ask spread in ticks (default 1), used when `halfSpread` is not given.
  public var spreadTicks: Double
  /// Half the bid-ask spread in price points; wins over `spreadTicks × tickSize / 2` where given.
  public var halfSpread: Double?
  /// Commission per contract traded, instrument currency (default 0).
  public var commissionPerContract: Double
  /// Commission as a fraction of notional (default 0).
  public var commissionRate: Double
  /// Minimum commission per order, instrument currency (default 0).
  public var commissionPerTrade: Double
  /// Rolls a year (default 0); each roll is two trades (sell the old contract, buy the next).
  public var rollsPerYear: Double
  /// Rebalance trades a year when given; otherwise measured from the price history (DESIGN.md §4.3).
  public var rebalanceTradesPerYear: Double?
  /// Columns of `instruments.csv` Tradeable does not use, kept as `(header, value)` in file order.
  public var extraColumns: [(String, String)]
  /// Line of `instruments.csv` the instrument came from (for messages); 0 when built in code.
  public var sourceLine: Int

  public init(
    code: String, name: String = "", assetClass: String = "", exchange: String = "", currency: String,
    multiplier: Double, tickSize: Double? = nil, spreadTicks: Double = 1, halfSpread: Double? = nil,
    commissionPerContract: Double = 0, commissionRate: Double = 0, commissionPerTrade: Double = 0,
    rollsPerYear: Double = 0, rebalanceTradesPerYear: Double? = nil, extraColumns: [(String, String)] = [],
    sourceLine: Int = 0
  ) {
    self.code = code
    self.name = name
    self.assetClass = assetClass
    self.exchange = exchange
    self.currency = currency
    self.multiplier = multiplier
    self.tickSize = tickSize
    self.spreadTicks = spreadTicks
    self.halfSpread = halfSpread
    self.commissionPerContract = commissionPerContract
    self.commissionRate = commissionRate
    self.commissionPerTrade = commissionPerTrade
    self.rollsPerYear = rollsPerYear
    self.rebalanceTradesPerYear = rebalanceTradesPerYear
    self.extraColumns = extraColumns
    self.sourceLine = sourceLine
  }

  /// Half the bid-ask spread in price points: `halfSpread` where given, else `spreadTicks × tickSize / 2`.
  public var halfSpreadPoints: Double {
    if let halfSpread { return halfSpread }
    return spreadTicks * (tickSize ?? 0) / 2
  }

  public static func == (a: InstrumentSpecification, b: InstrumentSpecification) -> Bool {
    a.code == b.code && a.name == b.name && a.assetClass == b.assetClass && a.exchange == b.exchange
      && a.currency == b.currency && a.multiplier == b.multiplier && a.tickSize == b.tickSize
      && a.spreadTicks == b.spreadTicks && a.halfSpread == b.halfSpread
      && a.commissionPerContract == b.commissionPerContract && a.commissionRate == b.commissionRate
      && a.commissionPerTrade == b.commissionPerTrade && a.rollsPerYear == b.rollsPerYear
      && a.rebalanceTradesPerYear == b.rebalanceTradesPerYear
      && a.extraColumns.map(\.0) == b.extraColumns.map(\.0) && a.extraColumns.map(\.1) == b.extraColumns.map(\.1)
  }
}
