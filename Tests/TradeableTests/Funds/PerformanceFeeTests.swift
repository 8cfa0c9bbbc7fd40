import Foundation
import Testing
import Tradeable
import _TestSupport

/// Tiered performance fees: a typical CTA schedule, the products.csv notation, and what is rejected.
@Suite("Performance fees and products.csv")
struct PerformanceFeeTests {
  /// The schedule: 0% below 6% a year, 20% of the excess from 6% to 20%, 30% from 20% to 40%, 50% above 40%.
  static let tiered = PerformanceFeeSchedule(tiers: [
    .init(threshold: 0.06, rate: 0.20), .init(threshold: 0.20, rate: 0.30), .init(threshold: 0.40, rate: 0.50),
  ])

  @Test("the tiered example at returns in each tier")
  func tieredExample() {
    let f = Self.tiered
    // At or below 6%: nothing.
    #expect(f.fee(onAnnualReturn: 0.05) == 0 && f.fee(onAnnualReturn: 0.06) == 0 && f.fee(onAnnualReturn: -0.3) == 0)
    // 10%: 0.20 × (0.10 − 0.06) = 0.008.
    #expect(approximately(f.fee(onAnnualReturn: 0.10), 0.008, relative: 1e-13))
    // 30%: 0.20 × 0.14 + 0.30 × 0.10 = 0.028 + 0.030 = 0.058.
    #expect(approximately(f.fee(onAnnualReturn: 0.30), 0.058, relative: 1e-13))
    // 50%: 0.20 × 0.14 + 0.30 × 0.20 + 0.50 × 0.10 = 0.028 + 0.060 + 0.050 = 0.138.
    #expect(approximately(f.fee(onAnnualReturn: 0.50), 0.138, relative: 1e-13))
    #expect(f.hurdle == 0.06)
    // A flat 20% above a 5% hurdle at 8%: 0.2 × 0.03 = 0.006.
    #expect(
      approximately(
        PerformanceFeeSchedule.flat(rate: 0.2, hurdle: 0.05).fee(onAnnualReturn: 0.08), 0.006, relative: 1e-13))
  }

  @Test("expected fee in the fee drag: tiers at the expected gross return pre_cost_sr × volatility")
  func feeDrag() {
    let product = FundProduct(
      code: "T", managementFee: 0.015, performanceFee: Self.tiered, subscriptionFee: 0.01, redemptionFee: 0.005,
      custodyFee: 0.001)
    // Vol 20%, pre-cost SR 2.5 → expected gross return 50% → 0.138 (above); subscription + redemption 0.015 over 3
    // years
    // = 0.005; total 0.015 + 0.001 + 0.138 + 0.005 = 0.159.
    let drag = FundFeeDrag(product: product, volatility: 0.2, preCostSR: 2.5, holdingYears: 3)
    #expect(approximately(drag.expectedPerformance, 0.138, relative: 1e-13))
    #expect(approximately(drag.transactions, 0.005, relative: 1e-13))
    #expect(approximately(drag.total, 0.159, relative: 1e-13))
    // At the default pre-cost SR 0.4: 8% expected → 0.2 × 0.02 = 0.004.
    #expect(
      approximately(
        FundFeeDrag(product: product, volatility: 0.2, preCostSR: 0.4, holdingYears: 3).expectedPerformance, 0.004,
        relative: 1e-12))
  }

  static func load(_ text: String) throws(InputError) -> [FundProduct] {
    try FundProduct.load(CSVTable(text: text, file: "products.csv"))
  }

  static let header =
    "code,name,manager,strategy,currency,min_subscription,management_fee,performance_fee,hurdle,"
    + "subscription_fee,redemption_fee,custody_fee\n"

  @Test("products.csv: tier notation, percentages, a flat rate above the hurdle, defaults")
  func parsing() throws {
    let products = try Self.load(
      Self.header
        + "A,Alpha,M1,CTA,USD,1000000,0.015,0.20@0.06;0.30@0.20;0.50@0.40,,0.01,0,0.001\n"
        + "B,Beta,M1,CTA,USD,1000000,1.5%,20%@6%;30%@20%;50%@40%,6%,1%,0,0.1%\n"
        + "C,\"Gamma, Inc\",M2,Macro,EUR,500000,0.02,0.2,0.08,,,\n"
        + "D,Delta,,,,,,,,,,\n"
        + "E,Epsilon,M2,Macro,EUR,500000,0.01,0.30;0.50@0.25,0.1,0,0,0\n")
    #expect(products.map(\.code) == ["A", "B", "C", "D", "E"])
    #expect(products[0].performanceFee == Self.tiered)
    #expect(products[1].performanceFee.tiers.count == 3)
    #expect(approximately(products[1].managementFee, 0.015, relative: 1e-14))
    #expect(approximately(products[1].performanceFee.tiers.map(\.threshold), [0.06, 0.2, 0.4], relative: 1e-14))
    #expect(products[2].name == "Gamma, Inc" && products[2].performanceFee == .flat(rate: 0.2, hurdle: 0.08))
    #expect(
      products[3].managementFee == 0 && products[3].performanceFee == .none && products[3].minimumSubscription == nil)
    #expect(products[3].currency == nil)
    // The first tier without a threshold starts at the hurdle: 30% from 10%, 50% from 25%.
    #expect(products[4].performanceFee.tiers == [.init(threshold: 0.1, rate: 0.3), .init(threshold: 0.25, rate: 0.5)])
  }

  @Test("bad fee fields: file, line and column")
  func errors() throws {
    func error(_ row: String) -> InputError? {
      do {
        _ = try Self.load(Self.header + row + "\n")
        return nil
      } catch { return error }
    }
    let decreasing = try #require(error("A,,,,USD,1,0,0.3@0.2;0.2@0.1,,0,0,0"))
    #expect(decreasing.line == 2 && decreasing.column == 8 && decreasing.message.contains("increase"))
    let disagree = try #require(error("A,,,,USD,1,0,0.2@0.06,0.08,0,0,0"))
    #expect(disagree.line == 2 && disagree.column == 9 && disagree.message.contains("hurdle"))
    let text = try #require(error("A,,,,USD,1,two percent,0,,0,0,0"))
    #expect(text.line == 2 && text.column == 7)
    let tooLarge = try #require(error("A,,,,USD,1,0,1.5,,0,0,0"))
    #expect(tooLarge.column == 8)
    let negative = try #require(error("A,,,,USD,-5,0,0,,0,0,0"))
    #expect(negative.column == 6 && negative.message.contains("min_subscription"))
    let duplicate = try #require(error("A,,,,USD,1,0,0,,0,0,0\nA,,,,USD,1,0,0,,0,0,0"))
    #expect(duplicate.line == 3 && duplicate.message.contains("duplicate"))
    let noThreshold = try #require(error("A,,,,USD,1,0,0.2@0.05;0.3,,0,0,0"))
    #expect(noThreshold.message.contains("no threshold"))
  }
}
