import Foundation
import LinearAlgebra
import Testing
import FundResearch
import Tradeable
import _TestSupport

/// Least squares with statistics, on cases with known answers.
@Suite("Style regression")
struct LinearRegressionTests {
  @Test("textbook case: x = 1…5, y = (2, 4, 5, 4, 5)")
  func textbook() throws {
    // x̄ = 3, ȳ = 4, Sxx = 10, Sxy = (−2)(−2) + (−1)(0) + 0 + (1)(0) + (2)(1) = 6 → b1 = 0.6, b0 = 4 − 1.8 = 2.2.
    // Fitted 2.8, 3.4, 4.0, 4.6, 5.2; residuals −0.8, 0.6, 1.0, −0.6, −0.2; SSE = 2.4; σ² = 2.4/3 = 0.8.
    // se(b1) = √(0.8/10) = 0.28284271; se(b0) = √(0.8 (1/5 + 9/10)) = √0.88 = 0.93808315.
    // t1 = 2.1213203, t0 = 2.3452079; two-sided p (3 df, scipy.stats.t) 0.12402706265755487, 0.10074345608542003.
    // SST = 4 + 0 + 1 + 0 + 1 = 6 → R² = 1 − 2.4/6 = 0.6; adjusted 1 − 0.4 × 4/3 = 0.46666667.
    let fit = try LinearRegression(y: [2, 4, 5, 4, 5], regressors: [[1, 2, 3, 4, 5]], names: ["x"])
    let alpha = fit.coefficients[0]
    let beta = fit.coefficients[1]
    #expect(alpha.name == "alpha" && beta.name == "x")
    #expect(approximately(alpha.estimate, 2.2, relative: 1e-13) && approximately(beta.estimate, 0.6, relative: 1e-13))
    #expect(approximately(beta.standardError!, 0.08.squareRoot(), relative: 1e-12))
    #expect(approximately(alpha.standardError!, 0.88.squareRoot(), relative: 1e-12))
    #expect(approximately(beta.tStatistic!, 0.6 / 0.08.squareRoot(), relative: 1e-12))
    #expect(approximately(beta.pValue!, 0.12402706265755487, relative: 1e-10))
    #expect(approximately(alpha.pValue!, 0.10074345608542003, relative: 1e-10))
    #expect(approximately(fit.rSquared!, 0.6, relative: 1e-12))
    #expect(approximately(fit.adjustedRSquared!, 1 - 0.4 * 4 / 3, relative: 1e-12))
    #expect(fit.observations == 5 && fit.degreesOfFreedom == 3)
    #expect(approximately(fit.residuals, [-0.8, 0.6, 1.0, -0.6, -0.2], relative: 1e-12, absolute: 1e-14))
  }

  @Test("known coefficients recovered from NAV series: r = 0.001 + 0.5 f1 − 0.3 f2, no noise")
  func knownCoefficients() throws {
    let n = 60
    let f1 = (0..<n).map { 0.02 * sin(Double($0)) }
    let f2 = (0..<n).map { 0.015 * cos(0.7 * Double($0) + 0.3) }
    let y = (0..<n).map { 0.001 + 0.5 * f1[$0] - 0.3 * f2[$0] }
    let dates = FundFixtures.monthEnds(count: n + 1, last: "2023-12-31")
    let product = NAVSeries(code: "P", dates: dates, navs: FundFixtures.compounding(y))
    let factors = [
      NAVSeries(code: "F1", dates: dates, navs: FundFixtures.compounding(f1)),
      NAVSeries(code: "F2", dates: dates, navs: FundFixtures.compounding(f2)),
    ]
    let r = try #require(try StyleRegression(product: product, factors: factors))
    #expect(r.fit.coefficients.map { $0.name } == ["alpha", "F1", "F2"])
    #expect(approximately(r.fit.coefficients.map { $0.estimate }, [0.001, 0.5, -0.3], relative: 1e-9))
    #expect(approximately(r.fit.rSquared!, 1, relative: 1e-12))
    #expect(r.periodsPerYear == 12 && approximately(r.annualisedAlpha!, 0.012, relative: 1e-9))
  }

  @Test("returns over common dates only: a missing factor date merges two periods")
  func commonDates() throws {
    let dates = FundFixtures.monthEnds(count: 8, last: "2023-08-31")
    let product = NAVSeries(code: "P", dates: dates, navs: [100, 101, 103, 102, 105, 107, 106, 109])
    var factorDates = dates
    factorDates.remove(at: 3)
    let factor = NAVSeries(code: "F", dates: factorDates, navs: [50, 51, 52, 53, 55, 54, 56])
    let r = try #require(try StyleRegression(product: product, factors: [factor]))
    #expect(r.dates == factorDates)
    #expect(r.fit.observations == 6)
    // The product's third return spans two months (April and May): 105 / 103 − 1; the same fit by hand.
    let productNAVs: [Double] = [100, 101, 103, 105, 107, 106, 109]
    let factorNAVs: [Double] = [50, 51, 52, 53, 55, 54, 56]
    let y: [Double] = (1..<7).map { productNAVs[$0] / productNAVs[$0 - 1] - 1 }
    let x: [Double] = (1..<7).map { factorNAVs[$0] / factorNAVs[$0 - 1] - 1 }
    let direct = try LinearRegression(y: y, regressors: [x], names: ["F"])
    #expect(
      approximately(r.fit.coefficients.map { $0.estimate }, direct.coefficients.map { $0.estimate }, relative: 1e-12))
    #expect(StyleRegression.commonDates([product, factor]).count == 7)
    // Too few common dates for a fit with a standard error: nil.
    #expect(try StyleRegression(product: product, factors: [factor], start: dates[5]) == nil)
  }

  @Test("collinear or constant factors are an error naming the factor, not a silent answer")
  func collinear() throws {
    let x = [1.0, 2, 3, 4, 5, 6]
    let y = [1.0, 3, 2, 5, 4, 6]
    do {
      _ = try LinearRegression(y: y, regressors: [x, x.map { 2 * $0 + 1 }], names: ["a", "b"])
      Issue.record("expected a collinearity error")
    } catch let error as LinearAlgebraError {
      #expect(error.explanation.contains("'b'"))
    }
    #expect(throws: LinearAlgebraError.self) {
      try LinearRegression(y: y, regressors: [[2, 2, 2, 2, 2, 2]], names: ["flat"])
    }
    // Without an intercept a constant regressor is fine (it is the intercept): y on 1 gives the mean, 3.5.
    let mean = try LinearRegression(y: y, regressors: [[1, 1, 1, 1, 1, 1]], names: ["one"], intercept: false)
    #expect(approximately(mean.coefficients[0].estimate, 3.5, relative: 1e-14))
  }
}
