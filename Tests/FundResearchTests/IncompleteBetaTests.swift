import Foundation
import Testing
import FundResearch
import Tradeable
import _TestSupport

/// The regularized incomplete beta function and Student's t, against closed forms and published values.
@Suite("Incomplete beta and Student t")
struct IncompleteBetaTests {
  @Test("closed forms: I_x(1,1) = x, I_x(a,1) = x^a, I_x(1,b) = 1 − (1−x)^b, I_½(2,3) = 11/16")
  func closedForms() {
    for x in [0.01, 0.2, 0.5, 0.77, 0.99] {
      #expect(approximately(IncompleteBeta.regularized(x: x, a: 1, b: 1), x, relative: 1e-14))
      #expect(approximately(IncompleteBeta.regularized(x: x, a: 3.5, b: 1), pow(x, 3.5), relative: 1e-13))
      #expect(approximately(IncompleteBeta.regularized(x: x, a: 1, b: 4), 1 - pow(1 - x, 4), relative: 1e-13))
      // Symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
      #expect(
        approximately(
          IncompleteBeta.regularized(x: x, a: 2.5, b: 7), 1 - IncompleteBeta.regularized(x: 1 - x, a: 7, b: 2.5),
          relative: 1e-12, absolute: 1e-15))
    }
    // For integers, I_x(a, b) = P(Binomial(a + b − 1, x) ≥ a): I_½(2, 3) = 1 − 1/16 − 4/16 = 11/16.
    #expect(approximately(IncompleteBeta.regularized(x: 0.5, a: 2, b: 3), 11.0 / 16, relative: 1e-14))
    // I_x(½, ½) = (2/π) asin(√x): at 0.2, 0.29516723530086653.
    #expect(approximately(IncompleteBeta.regularized(x: 0.2, a: 0.5, b: 0.5), 0.29516723530086653, relative: 1e-13))
    #expect(IncompleteBeta.regularized(x: 0, a: 2, b: 3) == 0 && IncompleteBeta.regularized(x: 1, a: 2, b: 3) == 1)
    #expect(
      IncompleteBeta.regularized(x: 1.5, a: 2, b: 3).isNaN && IncompleteBeta.regularized(x: 0.5, a: 0, b: 3).isNaN)
  }

  @Test("reference values (scipy.special.betainc 1.17)")
  func reference() {
    #expect(approximately(IncompleteBeta.regularized(x: 0.3, a: 2.5, b: 0.5), 0.018927124071945658, relative: 1e-12))
    #expect(approximately(IncompleteBeta.regularized(x: 0.45, a: 50, b: 60), 0.4642352914306031, relative: 1e-11))
    #expect(approximately(IncompleteBeta.regularized(x: 0.999, a: 1000, b: 0.5), 0.15724727426672383, relative: 1e-10))
  }

  @Test("Student t two-sided p-values: closed forms for 1 and 2 degrees of freedom, table values")
  func studentT() {
    for t in [0.1, 1, 2.5, 12] {
      // ν = 1 (Cauchy): p = 1 − (2/π) atan|t|; ν = 2: p = 1 − |t| / √(t² + 2).
      #expect(
        approximately(StudentT.twoSidedPValue(t, degreesOfFreedom: 1), 1 - 2 / Double.pi * atan(t), relative: 1e-12))
      #expect(
        approximately(
          StudentT.twoSidedPValue(-t, degreesOfFreedom: 2), 1 - t / (t * t + 2).squareRoot(), relative: 1e-12))
    }
    // Published critical values: t(0.975, 10) = 2.228138852 → p = 0.05.
    #expect(approximately(StudentT.twoSidedPValue(2.228138851986, degreesOfFreedom: 10), 0.05, relative: 1e-9))
    // scipy.stats.t.sf × 2: (1.959963984540054, 1000) → 0.05027740103269758; (3.5, 2264) → 0.0004742507247936004;
    // (0.7, 30) → 0.48932044349967163.
    #expect(
      approximately(
        StudentT.twoSidedPValue(1.959963984540054, degreesOfFreedom: 1000), 0.05027740103269758, relative: 1e-10))
    #expect(approximately(StudentT.twoSidedPValue(3.5, degreesOfFreedom: 2264), 0.0004742507247936004, relative: 1e-9))
    #expect(approximately(StudentT.twoSidedPValue(0.7, degreesOfFreedom: 30), 0.48932044349967163, relative: 1e-12))
    #expect(StudentT.twoSidedPValue(0, degreesOfFreedom: 5) == 1)
    #expect(approximately(StudentT.cumulativeProbability(2.228138851986, degreesOfFreedom: 10), 0.975, relative: 1e-10))
    #expect(approximately(StudentT.cumulativeProbability(-2.228138851986, degreesOfFreedom: 10), 0.025, relative: 1e-9))
  }
}
