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
    #expect(alpha.name == "alpha" && beta.name == "x" && fit.warnings.isEmpty)
    #expect(approximately(alpha.estimate!, 2.2, relative: 1e-13) && approximately(beta.estimate!, 0.6, relative: 1e-13))
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
    #expect(approximately(r.fit.coefficients.map { $0.estimate! }, [0.001, 0.5, -0.3], relative: 1e-9))
    #expect(approximately(r.fit.rSquared!, 1, relative: 1e-12))
    // An exact fit: the warning says so, and no standard errors are made up.
    #expect(r.fit.warnings.count == 1 && r.fit.coefficients.allSatisfy { $0.tStatistic == nil })
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
      approximately(r.fit.coefficients.map { $0.estimate! }, direct.coefficients.map { $0.estimate! }, relative: 1e-12))
    #expect(StyleRegression.commonDates([product, factor]).count == 7)
    // Too few common dates for a fit with a standard error: nil.
    #expect(try StyleRegression(product: product, factors: [factor], start: dates[5]) == nil)
  }

  @Test("rank-deficient design: the aliased factor is named and not estimated, the rest fitted as without it")
  func collinear() throws {
    let x = [1.0, 2, 3, 4, 5, 6]
    let y = [1.0, 3, 2, 5, 4, 6]
    // b = 2a + 1 is a combination of the intercept and a: dropped; the fit is y on a alone.
    let fit = try LinearRegression(y: y, regressors: [x, x.map { 2 * $0 + 1 }], names: ["a", "b"])
    let alone = try LinearRegression(y: y, regressors: [x], names: ["a"])
    #expect(fit.coefficients.map(\.name) == ["alpha", "a", "b"])
    #expect(fit.coefficients[2].estimate == nil && fit.coefficients[2].tStatistic == nil)
    for j in 0..<2 {
      #expect(approximately(fit.coefficients[j].estimate!, alone.coefficients[j].estimate!, relative: 1e-12))
      #expect(approximately(fit.coefficients[j].tStatistic!, alone.coefficients[j].tStatistic!, relative: 1e-12))
    }
    #expect(fit.degreesOfFreedom == 4 && approximately(fit.rSquared!, alone.rSquared!, relative: 1e-12))
    guard case .aliased(let name, _) = try #require(fit.warnings.first) else {
      Issue.record("expected an aliased warning")
      return
    }
    #expect(name == "b" && fit.warnings.count == 1)
    #expect(fit.warnings[0].description.contains("'b' is a linear combination"))
    // A constant factor beside the intercept is aliased too.
    let flat = try LinearRegression(y: y, regressors: [[2, 2, 2, 2, 2, 2]], names: ["flat"])
    #expect(flat.coefficients[1].estimate == nil && flat.warnings.count == 1)
    // Without an intercept a constant regressor is fine (it is the intercept): y on 1 gives the mean, 3.5.
    let mean = try LinearRegression(y: y, regressors: [[1, 1, 1, 1, 1, 1]], names: ["one"], intercept: false)
    #expect(approximately(mean.coefficients[0].estimate!, 3.5, relative: 1e-14) && mean.warnings.isEmpty)
  }

  @Test("a product equal to a factor: R² = 1 is a warning, no t-statistics of 1e17")
  func perfectFit() throws {
    let x = [0.01, -0.02, 0.015, 0.003, -0.007, 0.011, -0.004, 0.02]
    let noise = [0.001, -0.002, 0.0005, 0.0, 0.0015, -0.001, 0.002, -0.0005]
    let fit = try LinearRegression(y: x, regressors: [x, noise], names: ["index", "other"])
    // y = 0 + 1 × index + 0 × other exactly.
    #expect(approximately(fit.coefficients[1].estimate!, 1, relative: 1e-12))
    #expect(approximately(fit.coefficients[0].estimate!, 0, absolute: 1e-15))
    #expect(fit.coefficients.allSatisfy { $0.standardError == nil && $0.tStatistic == nil && $0.pValue == nil })
    #expect(fit.warnings.count == 1 && fit.warnings[0].description.contains("R² = 1"))
    // A fund tracking the index closely but not exactly keeps its statistics.
    let close = try LinearRegression(y: zip(x, noise).map { $0 + 0.1 * $1 }, regressors: [x], names: ["index"])
    #expect(close.warnings.isEmpty && close.coefficients[1].tStatistic! > 10)
  }
}
