import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite("LAPACK wrappers")
struct LAPACKTests {
  @Test("dsyevd: eigenvalues of [[2, 1], [1, 2]] are 1 and 3")
  func eigen() throws {
    let e = try Matrix([[2, 1], [1, 2]]).symmetricEigen()
    #expect(approximately(e.values, [1, 3]))
    // Eigenvector of 3 is ±(1, 1)/√2.
    let v = e.vectors!
    #expect(approximately(abs(v[0, 1]), 0.5.squareRoot()) && approximately(abs(v[1, 1]), 0.5.squareRoot()))
    #expect(approximately(v[0, 1] * v[1, 1], 0.5))
  }

  @Test("dpotrf: Cholesky of [[4, 2], [2, 3]] is [[2, 1], [0, √2]]; solve and inverse")
  func cholesky() throws {
    // U = [[2, 1], [0, √2]]: UᵀU = [[4, 2], [2, 1 + 2]].
    let f = try Matrix([[4, 2], [2, 3]]).cholesky()
    #expect(approximately(f.upper.storage, [2, 0, 1, 2.0.squareRoot()], absolute: 1e-15))
    // [[4, 2], [2, 3]]·x = [8, 7] → x = [1.25, 1.5] (det 8: x = [(3·8 − 2·7)/8, (4·7 − 2·8)/8]).
    #expect(approximately(try f.solve([8, 7]), [1.25, 1.5]))
    // Inverse = [[3, −2], [−2, 4]] / 8.
    #expect(approximately(try f.inverse().storage, [0.375, -0.25, -0.25, 0.5]))
    #expect(approximately(f.logDeterminant, log(8.0)))
  }

  @Test("dpotrf on an indefinite matrix throws with the failing minor")
  func choleskyFailure() {
    #expect(throws: LinearAlgebraError.self) { try Matrix([[1, 2], [2, 1]]).cholesky() }
    do {
      _ = try Matrix([[1, 2], [2, 1]]).cholesky()
    } catch let error as LinearAlgebraError {
      #expect(error.routine == "dpotrf" && error.info == 2)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test("dgels recovers exact coefficients")
  func leastSquares() throws {
    // y = 2 + 3x at x = 0, 1, 2, 3 → design [[1, x]], y = [2, 5, 8, 11].
    let x = Matrix([[1, 0], [1, 1], [1, 2], [1, 3]])
    #expect(approximately(try x.leastSquares([2, 5, 8, 11]), [2, 3]))
    // y = [3, 4, 9, 10]: XᵀX = [[4, 6], [6, 14]], Xᵀy = [Σy, Σxy] = [26, 0 + 4 + 18 + 30] = [26, 52];
    // det 20, b0 = (14·26 − 6·52)/20 = 2.6, b1 = (4·52 − 6·26)/20 = 2.6.
    #expect(approximately(try x.leastSquares([3, 4, 9, 10]), [2.6, 2.6]))
  }
}
