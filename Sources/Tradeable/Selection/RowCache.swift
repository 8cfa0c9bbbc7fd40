/// Correlation rows computed once and kept: every greedy path of the ladder, every refinement and the exact search
/// of one selection read the same rows, and matrix-free a row costs a pass over the whole weekly panel.
final class RowCache<Rows: CorrelationRows> {
  let source: Rows
  private var rows: [Int: [Double]] = [:]

  init(_ source: Rows) { self.source = source }

  var count: Int { source.count }

  /// Row `i`, computed on first use.
  func row(_ i: Int) -> [Double] {
    if let cached = rows[i] { return cached }
    let computed = source.row(i)
    rows[i] = computed
    return computed
  }

  /// Rows computed so far.
  var computed: Int { rows.count }
}
