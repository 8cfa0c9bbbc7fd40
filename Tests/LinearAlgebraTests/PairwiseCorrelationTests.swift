@testable import LinearAlgebra
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
    // 1,100 columns: CorrelationPanel.tileSize(1_100) = 288 (a quarter, 275, rounded up to a multiple of 32), so tiles
    // start at 0, 288, 576 and 864, the last one 236 wide. The pairs straddle those edges, sit on diagonal tiles
    // (dsyrk) and off-diagonal ones (dgemm), and in the ragged last tile.
    #expect(CorrelationPanel.tileSize(1_100) == 288)
    let (values, mask) = PairwiseCorrelationTests.panel(rows: 40, columns: 1_100, gapRate: 0.2, seed: 11)
    let c = CorrelationPanel(values: values, mask: mask).matrix()
    #expect(c.asymmetry == 0)
    for (i, j) in [
      (0, 1), (0, 287), (287, 288), (5, 511), (100, 699), (286, 289), (575, 576), (576, 863), (863, 864), (864, 1_099),
      (0, 1_099), (287, 864), (600, 1_050), (1_098, 1_099),
    ] {
      let expected = PairwiseCorrelationTests.reference(
        values.column(i), values.column(j), mask.column(i).map { $0 != 0 }, mask.column(j).map { $0 != 0 })
      #expect(approximately(c[i, j], expected, relative: 1e-10, absolute: 1e-13))
    }
  }

  @Test("tile sizes: one tile up to 128 columns, then a quarter rounded up to 32, between 128 and 512")
  func tileSizes() {
    // n ≤ 128: one tile; 129 → quarter 33 → 64 → at least 128; 1,100 → 275 → 288; 4,000 → 1,000 → 1,024 → at most 512.
    #expect(CorrelationPanel.tileSize(1) == 1 && CorrelationPanel.tileSize(128) == 128)
    #expect(CorrelationPanel.tileSize(129) == 128)
    #expect(CorrelationPanel.tileSize(1_100) == 288)
    #expect(CorrelationPanel.tileSize(4_000) == 512)
  }

  /// The sums of the pair (x, y) over the rows both have, as `combineColumn` reads them.
  static func sums(_ x: [Double], _ y: [Double], _ mx: [Bool], _ my: [Bool])
    -> (count: Double, xy: Double, x: Double, y: Double, xx: Double, yy: Double)
  {
    var out = (count: 0.0, xy: 0.0, x: 0.0, y: 0.0, xx: 0.0, yy: 0.0)
    for r in x.indices where mx[r] && my[r] {
      out.count += 1
      out.xy += x[r] * y[r]
      out.x += x[r]
      out.y += y[r]
      out.xx += x[r] * x[r]
      out.yy += y[r] * y[r]
    }
    return out
  }

  @Test("combineColumn: the SIMD lanes and the scalar tail both match the pair-by-pair reference",
    arguments: [1, 2, 3, 5, 6, 7, 9, 11])
  func combineColumnTail(_ count: Int) {
    // The tiled matrix only calls combineColumn with a full tile height (a multiple of 32), so its scalar tail
    // (count mod 4 entries) never runs there; here it is called directly with every remainder 1, 2, 3. The pairs
    // include the undefined cases the guards must catch in both code paths: a single common row, a flat column.
    let (values, mask) = PairwiseCorrelationTests.panel(rows: 30, columns: count + 1, gapRate: 0.3, seed: UInt64(count))
    var m = mask
    if count >= 2 { for r in 0..<30 { m[r, 1] = r == 4 ? 1 : 0 } }  // column 1: one row only → undefined
    var v = values
    // Remove the panel's column offsets (1000·j): raw one-pass sums of values near 10⁴ would lose ~8 digits to
    // cancellation, which is the panel's business (it centres first), not combineColumn's.
    for j in 0..<(count + 1) { for r in 0..<30 { v[r, j] -= 1000 * Double(j) } }
    if count >= 3 { for r in 0..<30 { v[r, 2] = 7 } }  // column 2 constant → undefined
    let y = v.column(count), my = m.column(count).map { $0 != 0 }
    var common = [Double](), xy = [Double](), sx = [Double](), sy = [Double](), xx = [Double](), yy = [Double]()
    var expected = [Double]()
    for i in 0..<count {
      let x = v.column(i), mx = m.column(i).map { $0 != 0 }
      let s = Self.sums(x, y, mx, my)
      common.append(s.count)
      xy.append(s.xy)
      sx.append(s.x)
      sy.append(s.y)
      xx.append(s.xx)
      yy.append(s.yy)
      expected.append(PairwiseCorrelationTests.reference(x, y, mx, my))
    }
    var out = [Double](repeating: 99, count: count)
    out.withUnsafeMutableBufferPointer { o in
      combineColumn(
        into: o.baseAddress!, count: count, common: common, sumXY: xy, sumX: sx, sumY: sy, sumXX: xx, sumYY: yy)
    }
    for i in 0..<count {
      // One-pass sums of 30 values of order 1 against the two-pass reference: ~1e-15; 1e-12 leaves room.
      #expect(
        (expected[i].isNaN && out[i].isNaN) || approximately(out[i], expected[i], relative: 1e-12, absolute: 1e-14),
        "column \(i) of \(count): \(out[i]) vs \(expected[i])")
    }
    if count >= 2 { #expect(out[1].isNaN) }
    if count >= 3 { #expect(out[2].isNaN) }
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
