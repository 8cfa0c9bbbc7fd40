import LinearAlgebra
import Testing
import _TestSupport

@Suite("BLAS products")
struct MatrixProductTests {
  // A = [[1, 2], [3, 4], [5, 6]] (3 × 2).
  let a = Matrix([[1, 2], [3, 4], [5, 6]])

  @Test("AᵀA through dsyrk equals the hand product")
  func gram() {
    // AᵀA = [[1+9+25, 2+12+30], [2+12+30, 4+16+36]] = [[35, 44], [44, 56]].
    let g = a.gram()
    #expect(approximately(g.storage, [35, 44, 44, 56]))
    #expect(g.asymmetry == 0)
  }

  @Test("dgemm with and without transposes")
  func gemm() {
    // A·Aᵀ row 0 = [1·1+2·2, 1·3+2·4, 1·5+2·6] = [5, 11, 17]; diagonal [5, 25, 61].
    let aat = a.multiplied(by: a, transposingOther: true)
    #expect(aat.rows == 3 && aat.columns == 3)
    #expect(approximately(aat.row(0), [5, 11, 17]))
    #expect(approximately([aat[0, 0], aat[1, 1], aat[2, 2]], [5, 25, 61]))
    // AᵀA by dgemm equals the dsyrk result.
    #expect(approximately(a.multiplied(by: a, transposingSelf: true).storage, a.gram().storage))
  }

  @Test("dgemv and the quadratic form")
  func gemv() {
    // A·[1, −1] = [−1, −1, −1]; Aᵀ·[1, 1, 1] = [9, 12].
    #expect(approximately(a.multiplied(by: [1, -1]), [-1, -1, -1]))
    #expect(approximately(a.multiplied(by: [1, 1, 1], transposingSelf: true), [9, 12]))
    // [1, 2]·[[2, 1], [1, 3]]·[1, 2] = 2 + 2·2 + 3·4 = 18.
    #expect(approximately(Matrix([[2, 1], [1, 3]]).quadraticForm([1, 2]), 18))
  }

  @Test("principal submatrix keeps the requested order")
  func submatrix() {
    let m = Matrix([[1, 2, 3], [2, 4, 5], [3, 5, 6]])
    let s = m.principalSubmatrix([2, 0])
    #expect(approximately(s.storage, [6, 3, 3, 1]))
  }
}
