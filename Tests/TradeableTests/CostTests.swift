import Testing
import Tradeable
import _TestSupport

@Suite("Costs and capital: DESIGN.md's worked examples")
struct CostTests {
  /// CSI 500 future IC (seed article): multiplier 200 CNY, tick 0.2, commission 0.002328% of notional.
  static let ic = InstrumentSpecification(
    code: "IC", currency: "CNY", multiplier: 200, tickSize: 0.2, commissionRate: 0.000_023_28)

  @Test("IC cost per trade: 21.42 commission + 20.00 half spread = 41.42 CNY = 4.50e-5 of notional")
  func icCostPerTrade() {
    // Notional 4600 × 200 = 920,000 CNY; commission 920,000 × 0.00002328 = 21.4176; half spread 1 tick × 0.2 / 2
    // × 200 = 20.00; total 41.4176 (the article rounds to 41.42).
    let notional = 4600.0 * 200
    #expect(approximately(notional, 920_000))
    #expect(approximately(commission(Self.ic, notional: notional, fxRate: 1), 21.4176))
    #expect(approximately(halfSpreadCost(Self.ic, fxRate: 1), 20.0))
    let cost = costPerTrade(Self.ic, notional: notional, fxRate: 1)
    #expect(approximately(cost, 41.4176))
    #expect(approximately((cost * 100).rounded() / 100, 41.42))
    #expect(approximately(cost / notional, 4.50e-5, relative: 1e-3))
  }

  @Test("the commission is the largest of per-contract, rate and per-order, in base currency")
  func commissionMaximum() {
    var spec = InstrumentSpecification(
      code: "X", currency: "EUR", multiplier: 10, halfSpread: 0.5, commissionPerContract: 2, commissionRate: 0.0001,
      commissionPerTrade: 3)
    // fx 1.1: per contract 2.2, per order 3.3, rate 0.0001 × |−20,000| = 2 → 3.3; negative notional uses |notional|.
    #expect(approximately(commission(spec, notional: -20_000, fxRate: 1.1), 3.3))
    spec.commissionRate = 0.001  // 20 > 3.3
    #expect(approximately(commission(spec, notional: -20_000, fxRate: 1.1), 20))
    // Half spread 0.5 points × 10 × 1.1 = 5.5 (half_spread wins over ticks).
    #expect(approximately(halfSpreadCost(spec, fxRate: 1.1), 5.5))
  }

  @Test("spread from ticks: spread_ticks × tick_size / 2 when half_spread is absent")
  func spreadFromTicks() {
    let spec = InstrumentSpecification(code: "Y", currency: "USD", multiplier: 50, tickSize: 0.25, spreadTicks: 2)
    // 2 ticks × 0.25 / 2 = 0.25 points × 50 = 12.5.
    #expect(approximately(halfSpreadCost(spec, fxRate: 1), 12.5))
  }

  @Test("IC standalone minimum capital: 4 × 943,000 × 0.20 / 2.5 / 0.10 / 0.20 = 15,088,000")
  func icMinimumCapital() {
    // 4715 points × 200 = 943,000 CNY notional; vol 20% → currency vol 188,600.
    let capital = CapitalFilter(maximumWeight: 0.10).minimumCapital(
      unitRisk: 4715 * 200 * 0.20, sizing: PositionSizing(maxContracts: 4, idmCap: 2.5, targetVolatility: 0.20))
    #expect(approximately(capital, 15_088_000))
  }

  @Test("FOF product: 1,000,000 subscription, vol 20%, 4 units, IDM 2.5, weight 40%, target 10% → 8,000,000")
  func fofMinimumCapital() {
    // 4 × 1,000,000 × 0.20 / (2.5 × 0.40 × 0.10) = 800,000 / 0.1 = 8,000,000.
    let capital = CapitalFilter(maximumWeight: 0.40).minimumCapital(
      unitRisk: 1_000_000 * 0.20, sizing: PositionSizing(maxContracts: 4, idmCap: 2.5, targetVolatility: 0.10))
    #expect(approximately(capital, 8_000_000))
  }
}
