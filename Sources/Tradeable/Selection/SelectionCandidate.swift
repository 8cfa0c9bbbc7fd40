/// An instrument (or fund product) as the selection stage sees it: what it is expected to earn and cost, how risky one
/// unit is, and what one unit is worth.
public struct SelectionCandidate: Sendable, Equatable {
  /// Position of the instrument in the input, carried through so a selection speaks of input instruments only.
  public var index: Int
  /// Code, for the final tie-break (byte order).
  public var code: String
  /// Expected Sharpe ratio after costs, `s_i = preCostSR − annualSRCost`.
  public var netSR: Double
  /// Annual cost, SR units; the first tie-break (lower wins).
  public var annualSRCost: Double
  /// Annual volatility of one indivisible unit, base currency: a futures contract's `currencyVolatility`, or a fund's
  /// minimum subscription × its volatility.
  public var unitRisk: Double
  /// Value of one unit at the last price, base currency (a contract's signed notional; a fund's minimum
  /// subscription), for the exposure of a position.
  public var unitValue: Double
  /// Capital the candidate needs alone at its best case (the capital filter's figure, DESIGN.md §5), base currency.
  public var standaloneCapital: Double

  public init(
    index: Int = 0, code: String, netSR: Double, annualSRCost: Double, unitRisk: Double, unitValue: Double = .nan,
    standaloneCapital: Double = 0
  ) {
    self.index = index
    self.code = code
    self.netSR = netSR
    self.annualSRCost = annualSRCost
    self.unitRisk = unitRisk
    self.unitValue = unitValue
    self.standaloneCapital = standaloneCapital
  }
}
