import LinearAlgebra
import Testing
import _TestSupport

/// `CorrelationPanel.subset`: the correlations of a few columns from their own sub-panel equal the full matrix's at
/// those columns (the same prepared values, the same sums), with and without gaps.
@Suite("Correlation panel subsets")
struct CorrelationPanelSubsetTests {
  @Test("a subset's matrix is the full matrix at those columns, complete and with gaps", arguments: [0.0, 0.2])
  func subsetMatchesFull(gapRate: Double) {
    let (values, mask) = PairwiseCorrelationTests.panel(rows: 60, columns: 12, gapRate: gapRate, seed: 11)
    let panel = CorrelationPanel(values: values, mask: gapRate > 0 ? mask : nil)
    let full = panel.matrix()
    let selected = [9, 2, 5, 11]
    let sub = panel.subset(selected).matrix()
    #expect(sub.rows == 4 && sub.columns == 4)
    for (a, i) in selected.enumerated() {
      for (b, j) in selected.enumerated() {
        // The same sums in a smaller product: equal to rounding (dgemm may block the two differently).
        #expect(approximately(sub[a, b], full[i, j], relative: 1e-12, absolute: 1e-14), "(\(i), \(j))")
      }
    }
  }
}
