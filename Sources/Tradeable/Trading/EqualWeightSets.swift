import LinearAlgebra

/// The correlations among a selection's eligible instruments, exactly as the selection at that capital reads them:
/// on the full path the pool's matrix (repaired once when it was not positive definite, DESIGN.md §3) read in place
/// at the eligible positions, or — matrix-free — the floored correlations of the few columns a set needs, from the
/// weekly panel.
enum EligibleCorrelation {
  /// A matrix and the row/column of each eligible position.
  case matrix(Matrix, positions: [Int])
  /// Floored rows from the weekly panel.
  case rows(PanelCorrelationRows)

  /// The correlations the selection at `capital` uses, over `analysis`'s eligible instruments (eligible order).
  ///
  /// Matrix-free, the floored correlations of all the eligible instruments are formed once (`floored` of every
  /// eligible position) when there are at most `formedMatrixLimit(_:)` of them: a baseline draws thousands of sets,
  /// and reading each set's correlations from the panel again would cost `O(k²·weeks)` a draw (minutes on the bundled
  /// data with a high IDM cap) for the same numbers. Above it, each set's are computed when drawn.
  init(analysis: UniverseAnalysis, capital: Double) throws {
    let positions = analysis.screening(capital: capital).positions
    if let matrix = analysis.selectionCorrelation {
      self = .matrix(matrix, positions: positions)
    } else {
      let rows = PanelCorrelationRows(
        panel: analysis.poolPanel, columns: positions, floor: analysis.settings.correlation.floor)
      if positions.count <= Self.formedMatrixLimit(analysis.settings.correlation) {
        let all = Array(positions.indices)
        self = .matrix(Self.floored(rows, all), positions: all)
      } else {
        self = .rows(rows)
      }
    }
  }

  /// The most eligible instruments whose floored matrix a matrix-free baseline forms: the automatic threshold of the
  /// full path, or the default one when the settings ask for less (a matrix the full path would form by default:
  /// 2,500² values, 50 MB).
  static func formedMatrixLimit(_ settings: CorrelationSettings) -> Int {
    max(settings.matrixFreeThreshold, CorrelationSettings().matrixFreeThreshold)
  }

  /// `Σ_{a,b ∈ members} C_ab` over eligible positions `members` (each diagonal entry 1): `k² · wᵀCw` for equal
  /// weights.
  func total(_ members: [Int]) -> Double {
    switch self {
    case .matrix(let m, let positions):
      var total = 0.0
      for a in members {
        let pa = positions[a]
        for b in members { total += a == b ? 1 : m[pa, positions[b]] }
      }
      return total
    case .rows(let rows):
      let c = Self.floored(rows, members)
      var total = 0.0
      for a in members.indices { for b in members.indices { total += a == b ? 1 : c[a, b] } }
      return total
    }
  }

  /// The `k × k` correlations among eligible positions `members` from the weekly panel, as `PanelCorrelationRows`
  /// reads them (undefined as 0, raised to the floor, at most 1), from the sub-panel of those columns: `O(k²·weeks)`.
  static func floored(_ rows: PanelCorrelationRows, _ members: [Int]) -> Matrix {
    var c = rows.panel.subset(members.map { rows.columns[$0] }).matrix()
    for a in 0..<members.count {
      for b in 0..<members.count where a != b {
        var r = c[a, b]
        if r.isNaN { r = 0 }
        c[a, b] = min(1, max(rows.floor, r))
      }
    }
    return c
  }

  /// `Σ_{a ∈ members} C_aj`, for adding `j` to `members`.
  func rowTotal(_ j: Int, _ members: [Int]) -> Double {
    switch self {
    case .matrix(let m, let positions):
      var total = 0.0
      for a in members { total += m[positions[a], positions[j]] }
      return total
    case .rows(let rows):
      let c = Self.floored(rows, members + [j])
      var total = 0.0
      for a in members.indices { total += c[a, members.count] }
      return total
    }
  }
}

/// Equal-weight sets drawn from a selection's eligible instruments, for the `lowest-cost` and `random` baselines
/// (DESIGN.md §9): the same feasibility test as the selection (§6), with `w = 1/k` and `IDM = min(idmCap,
/// 1/√(wᵀCw))`, every member feasible when `K ≥ maxContracts × unitRisk_max / (IDM × (1/k) × targetVol)`.
struct EqualWeightSets {
  let capital: Double
  let sizing: PositionSizing
  /// Input index of each eligible position.
  let eligible: [Int]
  let unitRisk: [Double]
  let netSR: [Double]
  let annualSRCost: [Double]
  let codeRank: [Int]
  let correlation: EligibleCorrelation
  let metrics: [InstrumentMetrics]

  init(analysis: UniverseAnalysis, capital: Double, eligible: [Int]) throws {
    self.capital = capital
    self.sizing = analysis.settings.sizing
    self.eligible = eligible
    self.metrics = analysis.metrics
    unitRisk = eligible.map { analysis.metrics[$0].currencyVolatility! }
    netSR = eligible.map { analysis.metrics[$0].netSR! }
    annualSRCost = eligible.map { analysis.metrics[$0].annualSRCost! }
    codeRank = byteOrderRanks(eligible.map { analysis.metrics[$0].code })
    correlation = try EligibleCorrelation(analysis: analysis, capital: capital)
  }

  /// Whether the set of `count` members whose largest unit risk is `largestRisk` can be feasible at all: with the
  /// IDM at its cap (its largest value). A quick test before any correlation is read.
  func mayBeFeasible(count: Int, largestRisk: Double) -> Bool {
    capital >= sizing.capitalNeeded(unitRisk: largestRisk, weight: 1 / Double(count), idm: sizing.idmCap)
  }

  /// The IDM of an equal-weight set of `count` members with `Σ C = total`, and whether every member is feasible;
  /// `nil` when `wᵀCw` is not positive.
  func evaluate(total: Double, count: Int, largestRisk: Double) -> (idm: Double, feasible: Bool)? {
    let k = Double(count)
    let variance = total / (k * k)
    guard variance > 0 else { return nil }
    let idm = min(sizing.idmCap, 1 / variance.squareRoot())
    let needed = sizing.capitalNeeded(unitRisk: largestRisk, weight: 1 / k, idm: idm)
    return (idm, capital >= needed)
  }

  /// The holding of eligible positions `members` with equal weights, in the order given.
  func holding(_ members: [Int], total: Double) -> Holding {
    guard !members.isEmpty else { return .empty }
    let k = Double(members.count)
    let deviation = (total / (k * k)).squareRoot()
    let sharpe = members.reduce(0) { $0 + netSR[$1] } / k / deviation
    let indices = members.map { eligible[$0] }
    return Holding(
      members: indices, weights: [Double](repeating: 1 / k, count: members.count),
      idm: min(sizing.idmCap, 1 / deviation), expectedSharpe: sharpe,
      predictedTradesPerYear: indices.map { metrics[$0].tradesPerYear },
      predictedSRCost: indices.map { metrics[$0].annualSRCost! })
  }

  /// The `lowest-cost` baseline: eligible instruments in order of annual SR cost (ties by code in byte order), each
  /// added when the equal-weight set stays feasible and skipped otherwise, up to `maxInstruments`.
  func lowestCost(maxInstruments: Int?) -> Holding {
    let order = eligible.indices.sorted {
      annualSRCost[$0] != annualSRCost[$1] ? annualSRCost[$0] < annualSRCost[$1] : codeRank[$0] < codeRank[$1]
    }
    var members: [Int] = []
    var total = 0.0
    var largest = 0.0
    for j in order {
      if let limit = maxInstruments, members.count >= limit { break }
      let risk = max(largest, unitRisk[j])
      guard mayBeFeasible(count: members.count + 1, largestRisk: risk) else { continue }
      let candidate = total + 2 * correlation.rowTotal(j, members) + 1
      guard let (_, feasible) = evaluate(total: candidate, count: members.count + 1, largestRisk: risk), feasible
      else { continue }
      members.append(j)
      total = candidate
      largest = risk
    }
    return holding(members, total: total)
  }

  /// One draw of the `random` baseline: a uniformly random feasible equal-weight set of `size` members, by rejection
  /// with up to `maximumTries` draws, else of one member fewer, and so on; empty when even one member fails.
  ///
  /// A draw is a partial Fisher–Yates shuffle of the eligible positions in input order: for `j = 0 … size−1`, swap
  /// position `j` with `j + uniformIndex(below: m − j)` (m eligible), and take the first `size`; the array is put
  /// back in input order before the next draw. The members are listed in input order.
  func randomSet(size: Int, maximumTries: Int, random: inout RandomSource) -> Holding {
    let m = eligible.count
    guard size > 0, m > 0 else { return .empty }
    var order = Array(0..<m)
    var swaps = [Int](repeating: 0, count: min(size, m))
    var k = min(size, m)
    while k > 0 {
      for _ in 0..<maximumTries {
        var largest = 0.0
        for j in 0..<k {
          let r = j + random.uniformIndex(below: m - j)
          swaps[j] = r
          order.swapAt(j, r)
          largest = max(largest, unitRisk[order[j]])
        }
        let members = order[0..<k].sorted()
        for j in stride(from: k - 1, through: 0, by: -1) { order.swapAt(j, swaps[j]) }
        guard mayBeFeasible(count: k, largestRisk: largest) else { continue }
        let total = correlation.total(members)
        guard let (_, feasible) = evaluate(total: total, count: k, largestRisk: largest), feasible else { continue }
        return holding(members, total: total)
      }
      k -= 1
    }
    return .empty
  }
}

extension RandomSource {
  /// A uniform integer in `0 ..< n` (n > 0), by Lemire's multiply-and-reject method: `x × n` as a 128-bit product,
  /// its high word the draw, redrawing while the low word is below `2⁶⁴ mod n`. Exactly uniform, and the same on
  /// every machine for a seed.
  mutating func uniformIndex(below n: Int) -> Int {
    precondition(n > 0, "a range holds at least one value")
    let bound = UInt64(n)
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
    }
    return Int(product.high)
  }
}
