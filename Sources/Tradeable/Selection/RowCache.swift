/// Correlation rows computed once and kept: every greedy path of the ladder, every refinement and the exact search
/// of one selection read the same rows, and matrix-free a row costs a pass over the whole weekly panel — so rows
/// wanted together are fetched together (`prefetch`), one pass for all of them.
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

  /// Computes, in one batch, the rows of `indices` not computed yet.
  func prefetch(_ indices: [Int]) {
    var missing: [Int] = []
    for i in indices where rows[i] == nil && !missing.contains(i) { missing.append(i) }
    // Blocks of at most 256 rows bound the batch's working memory (matrix-free: 6 × pool × 256 numbers).
    for block in stride(from: 0, to: missing.count, by: 256) {
      let part = Array(missing[block..<min(missing.count, block + 256)])
      for (i, r) in zip(part, source.rows(part)) { rows[i] = r }
    }
  }

  /// Rows computed so far.
  var computed: Int { rows.count }
}
