import LinearAlgebra
import Testing
import Tradeable
import _TestSupport

@Suite("Pairwise-complete correlation")
struct PairwiseCorrelationTests {
  /// Pearson correlation of two columns over the rows both have, the slow obvious way (two passes per pair): the
  /// independent reference for the matrix-product kernel.
  static func reference(_ x: [Double], _ y: [Double], _ mx: [Bool], _ my: [Bool]) -> Double {
    let rows = x.indices.filter { mx[$0] && my[$0] }
    guard rows.count >= 2 else { return .nan }
    let n = Double(rows.count)
    let meanX = rows.reduce(0) { $0 + x[$1] } / n
    let meanY = rows.reduce(0) { $0 + y[$1] } / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for r in rows {
      sxy += (x[r] - meanX) * (y[r] - meanY)
      sxx += (x[r] - meanX) * (x[r] - meanX)
      syy += (y[r] - meanY) * (y[r] - meanY)
    }
    guard sxx > 0, syy > 0 else { return .nan }
    return sxy / (sxx * syy).squareRoot()
  }

  /// A deterministic pseudo-random panel (`RandomSource`) with about `gapRate` of entries missing.
  static func panel(rows: Int, columns: Int, gapRate: Double, seed: UInt64) -> (Matrix, Matrix) {
    var random = RandomSource(seed: seed)
    func next() -> Double { random.uniform() }
    var values = Matrix(rows: rows, columns: columns)
    var mask = Matrix(rows: rows, columns: columns, repeating: 1)
    let common = (0..<rows).map { _ in next() - 0.5 }
    for j in 0..<columns {
      let loading = next()
      for r in 0..<rows {
        // A common factor plus noise, shifted by a column mean far from zero (to test the centring).
        values[r, j] = 1000 * Double(j) + loading * common[r] + (next() - 0.5)
        if next() < gapRate { mask[r, j] = 0 }
      }
    }
    return (values, mask)
  }

  @Test("a 3×3 case by hand: perfectly correlated, anti-correlated, uncorrelated")
  func hand() {
    // x = (1, 2, 3, 4), y = 2x + 1 → corr 1; z = (1, −1, −1, 1) is orthogonal to x − mean(x) = (−1.5, −.5, .5, 1.5):
    // Σ = −1.5 + .5 − .5 + 1.5 = 0 → corr 0; −x → −1.
    let m = Matrix([[1, 3, 1, -1], [2, 5, -1, -2], [3, 7, -1, -3], [4, 9, 1, -4]])
    let c = PairwiseCorrelation.correlation(values: m, mask: nil)
    #expect(approximately(c[0, 1], 1))
    #expect(approximately(c[0, 2], 0, absolute: 1e-15))
    #expect(approximately(c[0, 3], -1))
    #expect(approximately(c[1, 3], -1))
  }

  @Test("complete panel: one dsyrk matches the pair-by-pair reference")
  func completeMatchesReference() {
    let (values, _) = Self.panel(rows: 260, columns: 30, gapRate: 0, seed: 1)
    let c = PairwiseCorrelation.correlation(values: values, mask: nil)
    let all = [Bool](repeating: true, count: 260)
    for i in 0..<30 {
      for j in 0..<30 where i != j {
        let expected = Self.reference(values.column(i), values.column(j), all, all)
        #expect(approximately(c[i, j], expected, relative: 1e-10, absolute: 1e-13))
      }
    }
  }

  @Test("panel with gaps: the four products match the pair-by-pair reference")
  func gapsMatchReference() {
    let (values, mask) = Self.panel(rows: 260, columns: 40, gapRate: 0.3, seed: 7)
    let c = PairwiseCorrelation.correlation(values: values, mask: mask)
    for i in 0..<40 {
      for j in 0..<40 where i != j {
        let expected = Self.reference(
          values.column(i), values.column(j), mask.column(i).map { $0 != 0 }, mask.column(j).map { $0 != 0 })
        #expect(approximately(c[i, j], expected, relative: 1e-10, absolute: 1e-13))
      }
    }
  }

  @Test("invariants: symmetric, unit diagonal, every value in [−1, 1]")
  func invariants() {
    let (values, mask) = Self.panel(rows: 120, columns: 25, gapRate: 0.5, seed: 3)
    let c = PairwiseCorrelation.correlation(values: values, mask: mask)
    #expect(c.asymmetry == 0)
    for i in 0..<25 {
      #expect(c[i, i] == 1)
      for j in 0..<25 where !c[i, j].isNaN { #expect(c[i, j] >= -1 && c[i, j] <= 1) }
    }
  }

  @Test("pairs with fewer than two common rows, or a flat overlap, are NaN")
  func undefinedPairs() {
    // Column 0 has rows 0–1, column 1 rows 2–3: no overlap. Column 2 is constant over rows 0–3.
    let values = Matrix([[1, 0, 5], [2, 0, 5], [0, 3, 5], [0, 4, 5]])
    let mask = Matrix([[1, 0, 1], [1, 0, 1], [0, 1, 1], [0, 1, 1]])
    let c = PairwiseCorrelation.correlation(values: values, mask: mask)
    #expect(c[0, 1].isNaN)
    #expect(c[0, 2].isNaN && c[1, 2].isNaN)
  }
}

@Suite("Correlation panel: blocked matrix and matrix-free rows")
struct CorrelationPanelTests {
  @Test("tiled gap path (N over one tile) matches the pair-by-pair reference")
  func blocked() {
    // 1,100 columns: tiles of 512, 512 and 76, so tile edges, diagonal tiles (dsyrk, half-split dgemm) and the ragged
    // last tile are all exercised.
    let (values, mask) = PairwiseCorrelationTests.panel(rows: 40, columns: 1_100, gapRate: 0.2, seed: 11)
    let c = CorrelationPanel(values: values, mask: mask).matrix()
    #expect(c.asymmetry == 0)
    for (i, j) in [
      (0, 1), (5, 511), (511, 512), (100, 699), (512, 699), (698, 699), (300, 600), (255, 256), (256, 300),
      (767, 768), (1_023, 1_024), (1_024, 1_099), (0, 1_099), (600, 1_050),
    ] {
      let expected = PairwiseCorrelationTests.reference(
        values.column(i), values.column(j), mask.column(i).map { $0 != 0 }, mask.column(j).map { $0 != 0 })
      #expect(approximately(c[i, j], expected, relative: 1e-10, absolute: 1e-13))
    }
  }

  @Test("upper triangle only leaves the strict lower triangle untouched")
  func upperOnly() {
    let (values, mask) = PairwiseCorrelationTests.panel(rows: 30, columns: 6, gapRate: 0.1, seed: 5)
    let panel = CorrelationPanel(values: values, mask: mask)
    var out = Matrix(rows: 6, columns: 6, repeating: 7)
    panel.fill(&out, triangle: .upper)
    let full = panel.matrix()
    for j in 0..<6 {
      for i in 0..<6 {
        if i <= j { #expect(approximately(out[i, j], full[i, j], relative: 1e-15)) } else { #expect(out[i, j] == 7) }
      }
    }
  }

  @Test("matrix-free rows equal the matrix's columns, with and without gaps", arguments: [0.0, 0.25])
  func rowsMatchMatrix(_ gapRate: Double) {
    let (values, mask) = PairwiseCorrelationTests.panel(rows: 80, columns: 600, gapRate: gapRate, seed: 21)
    let panel = CorrelationPanel(values: values, mask: gapRate > 0 ? mask : nil)
    let full = panel.matrix()
    let selected = [0, 17, 599, 512, 300]
    let rows = panel.correlationRows(selected)
    for (r, s) in selected.enumerated() {
      #expect(rows[s, r] == 1)
      for i in 0..<600 {
        let a = rows[i, r], b = full[i, s]
        #expect((a.isNaN && b.isNaN) || approximately(a, b, relative: 1e-12, absolute: 1e-14))
      }
    }
  }

  @Test("a constant column has no correlation (NaN) on both paths")
  func constantColumn() {
    var values = Matrix(rows: 5, columns: 3)
    for r in 0..<5 {
      values[r, 0] = Double(r)
      values[r, 1] = 42
      values[r, 2] = Double(r * r)
    }
    let complete = CorrelationPanel(values: values, mask: nil)
    #expect(complete.matrix()[0, 1].isNaN && complete.matrix()[1, 2].isNaN)
    // 0,1,2,3,4 against 0,1,4,9,16: r = 0.9594 (Σdxdy = 40, Σdx² = 10, Σdy² = 174 → 40/√1740).
    #expect(approximately(complete.matrix()[0, 2], 40 / 1740.0.squareRoot()))
    #expect(complete.correlationRows([1])[0, 0].isNaN)
  }
}
