import Dispatch
import LinearAlgebra

/// Carver's handcrafted weights (`WeightingScheme.handcrafted`) in the greedy selection: complete-linkage clustering
/// of the (k+1) × (k+1) matrix of each candidate set — the k × k part shared by every candidate, only the candidate's
/// row new — O(k²) per candidate, candidates split into chunks evaluated concurrently (the result does not depend on
/// the chunking: `GreedyState.better` is a total order on (Sharpe, cost, code)). Ties in the clustering go by the
/// members' codes in byte order, so a set's weights do not depend on the order its members joined it.
struct HandcraftedWeighting: WeightingMethod {
  func bestAddition(to state: GreedyState) -> GreedyState.Evaluation? {
    var best: GreedyState.Evaluation? = nil
    for (j, sharpe) in additionSharpes(to: state).enumerated() where sharpe > -.infinity {
      if state.better(sharpe, j, than: best) { best = GreedyState.Evaluation(sharpe: sharpe, candidate: j) }
    }
    return best
  }

  func additionSharpes(to state: GreedyState) -> [Double] {
    let k = state.members.count
    let m = k + 1
    let shared = state.memberCorrelation
    let n = state.n
    // Chunks of at least 32 candidates: a clustering costs O(k²) or more, so even small pools are worth splitting.
    let chunks = max(1, min(64, n / 32))
    let results = ConcurrentResults<[Double]>(count: chunks)
    let size = (n + chunks - 1) / chunks
    let memberRanks = state.memberRanks
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      var workspace = HandcraftedWorkspace(capacity: m)
      var matrix = [Double](repeating: 0, count: m * m)
      var weights = [Double](repeating: 0, count: m)
      var ranks = memberRanks + [0]
      for a in 0..<k { for b in 0..<k { matrix[a * m + b] = shared[a, b] } }
      matrix[k * m + k] = 1
      let range = (chunk * size)..<min(n, (chunk + 1) * size)
      var sharpes = [Double](repeating: -.infinity, count: range.count)
      for j in range where state.open[j] {
        for r in 0..<k {
          let value = state.rows[r][j]
          matrix[r * m + k] = value
          matrix[k * m + r] = value
        }
        ranks[k] = state.codeRank[j]
        matrix.withUnsafeBufferPointer { cp in
          weights.withUnsafeMutableBufferPointer { wp in
            ranks.withUnsafeBufferPointer { rp in
              workspace.weights(correlation: cp.baseAddress!, m: m, ranks: rp.baseAddress!, into: wp.baseAddress!)
            }
          }
        }
        // wᵀCw and wᵀs.
        var variance = 0.0
        var expected = 0.0
        for a in 0..<m {
          var inner = 0.0
          for b in 0..<m { inner += matrix[a * m + b] * weights[b] }
          variance += weights[a] * inner
          expected += weights[a] * state.netSR[a < k ? state.members[a] : j]
        }
        guard variance > 0 else { continue }
        let deviation = variance.squareRoot()
        let idm = min(state.sizing.idmCap, 1 / deviation)
        var worst = 0.0
        for a in 0..<m { worst = max(worst, state.unitRisk[a < k ? state.members[a] : j] / weights[a]) }
        guard state.capital >= state.sizing.capitalNeeded(unitRisk: worst, weight: 1, idm: idm) else { continue }
        sharpes[j - range.lowerBound] = expected / deviation
      }
      results[chunk] = sharpes
    }
    var sharpes: [Double] = []
    sharpes.reserveCapacity(n)
    for c in 0..<chunks { sharpes += results[c] ?? [] }
    return sharpes
  }

  func weights(correlation: Matrix, netSR: [Double], ranks: [Int]) -> [Double]? {
    handcraftedWeights(correlation, ranks: ranks)
  }
}

/// Handcrafted weights (Carver's handcrafting, see `WeightingScheme.handcrafted`): complete-linkage clustering of the
/// correlation matrix, then 50/50 at every split of the tree, top down. A leaf at depth `d` gets `2⁻ᵈ`.
///
/// Complete linkage joins, at each stage, the two clusters whose *least* correlated pair of members is the most
/// correlated (the similarity of two clusters is the smallest correlation between their members). Ties — frequent
/// with a correlation floor, where many pairs sit exactly at the floor — go to the pair of clusters whose lowest
/// member ranks are smallest, compared lexicographically; a cluster is named by its lowest member rank, so the result
/// depends only on the matrix and the ranks, never on hashing or memory addresses. The selection ranks members by
/// code in byte order, so a set's weights do not depend on the order its members joined it; without `ranks` the rows'
/// positions rank them. The top-down recursive two-way split is this tree read from the root.
///
/// - Parameters:
///   - correlation: `m × m` symmetric matrix (column-major), read only.
///   - ranks: distinct ranks of the rows for the tie-breaks (`nil`: the positions 0, 1, …).
/// - Returns: `m` weights summing to 1, in the rows' order.
public func handcraftedWeights(_ correlation: Matrix, ranks: [Int]? = nil) -> [Double] {
  let m = correlation.rows
  precondition(correlation.columns == m)
  precondition(ranks == nil || ranks!.count == m, "one rank per row")
  var workspace = HandcraftedWorkspace(capacity: m)
  var weights = [Double](repeating: 0, count: m)
  let order = ranks ?? Array(0..<m)
  correlation.storage.withUnsafeBufferPointer { c in
    weights.withUnsafeMutableBufferPointer { w in
      order.withUnsafeBufferPointer { r in
        workspace.weights(correlation: c.baseAddress!, m: m, ranks: r.baseAddress!, into: w.baseAddress!)
      }
    }
  }
  return weights
}

/// Scratch memory for `handcraftedWeights`, reused across the thousands of candidate sets a greedy step evaluates.
struct HandcraftedWorkspace {
  var similarity: [Double]
  var active: [Bool]
  var best: [Int]
  var bestSimilarity: [Double]
  var node: [Int]
  var left: [Int]
  var right: [Int]
  var nodeWeight: [Double]
  /// Rows in rank order, and the permuted matrix, when the ranks are not the positions.
  var order: [Int]

  init(capacity m: Int) {
    let c = max(m, 1)
    similarity = [Double](repeating: 0, count: c * c)
    active = [Bool](repeating: false, count: c)
    best = [Int](repeating: -1, count: c)
    bestSimilarity = [Double](repeating: 0, count: c)
    node = [Int](repeating: 0, count: c)
    left = [Int](repeating: 0, count: 2 * c)
    right = [Int](repeating: 0, count: 2 * c)
    nodeWeight = [Double](repeating: 0, count: 2 * c)
    order = Array(0..<c)
  }

  mutating func ensure(_ m: Int) {
    if active.count < m { self = HandcraftedWorkspace(capacity: m) }
  }

  /// Whether pair (a, b) comes before pair (c, d) at equal similarity: smaller (low, high) cluster names first.
  @inline(__always)
  static func pairPrecedes(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Bool {
    let (a0, a1) = a < b ? (a, b) : (b, a)
    let (c0, c1) = c < d ? (c, d) : (d, c)
    return a0 < c0 || (a0 == c0 && a1 < c1)
  }

  /// Weights of the `m × m` correlation matrix at `correlation` (column-major, leading dimension `m`) into `out`,
  /// ties broken by `ranks` (one distinct rank per row).
  mutating func weights(
    correlation: UnsafePointer<Double>, m: Int, ranks: UnsafePointer<Int>, into out: UnsafeMutablePointer<Double>
  ) {
    if m == 1 {
      out[0] = 1
      return
    }
    ensure(m)
    // Rows in rank order: the clustering below breaks ties by position.
    for c in 0..<m { order[c] = c }
    var inOrder = true
    for c in 1..<m where ranks[c] < ranks[c - 1] { inOrder = false }
    if !inOrder { order[0..<m].sort { ranks[$0] < ranks[$1] } }
    similarity.withUnsafeMutableBufferPointer { sp in
      let sim = sp.baseAddress!
      if inOrder {
        sim.update(from: correlation, count: m * m)
      } else {
        for b in 0..<m { for a in 0..<m { sim[a + b * m] = correlation[order[a] + order[b] * m] } }
      }
      for c in 0..<m {
        active[c] = true
        node[c] = c
      }
      func refreshBest(_ c: Int) {
        var b = -1
        var s = -Double.infinity
        for d in 0..<m where d != c && active[d] {
          let v = sim[c * m + d]
          if b < 0 || v > s || (v == s && HandcraftedWorkspace.pairPrecedes(c, d, c, b)) {
            b = d
            s = v
          }
        }
        best[c] = b
        bestSimilarity[c] = s
      }
      for c in 0..<m { refreshBest(c) }
      var nextNode = m
      for _ in 0..<(m - 1) {
        // Globally best pair.
        var a = -1
        for c in 0..<m where active[c] {
          if a < 0 { a = c; continue }
          let s = bestSimilarity[c], t = bestSimilarity[a]
          if s > t || (s == t && HandcraftedWorkspace.pairPrecedes(c, best[c], a, best[a])) { a = c }
        }
        var b = best[a]
        if b < a { swap(&a, &b) }
        // Merge b into a: complete linkage keeps the smaller similarity.
        for e in 0..<m where active[e] && e != a && e != b {
          let v = min(sim[a * m + e], sim[b * m + e])
          sim[a * m + e] = v
          sim[e * m + a] = v
        }
        active[b] = false
        left[nextNode] = node[a]
        right[nextNode] = node[b]
        node[a] = nextNode
        nextNode += 1
        refreshBest(a)
        for e in 0..<m where active[e] && e != a && (best[e] == a || best[e] == b) { refreshBest(e) }
      }
      // 50/50 at every split, from the root (the last node) down.
      let root = nextNode - 1
      nodeWeight[root] = 1
      for n in stride(from: root, through: m, by: -1) {
        nodeWeight[left[n]] = nodeWeight[n] / 2
        nodeWeight[right[n]] = nodeWeight[n] / 2
      }
      for c in 0..<m { out[order[c]] = nodeWeight[c] }
    }
  }
}
