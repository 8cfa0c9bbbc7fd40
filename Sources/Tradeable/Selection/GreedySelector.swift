/// Greedy forward selection with equal risk weights (DESIGN.md §6).
///
/// Start with the affordable candidate of lowest annual cost; then repeatedly add the affordable candidate that gives
/// the highest `SR(S ∪ {j})`, ties to lower annual cost, then code in byte order; stop when the best does not beat
/// `SR(S)` by more than the tolerance, when nothing is affordable, or at `maxInstruments`.
///
/// With equal weights `wᵢ = 1/k`, `wᵀCw = (Σ_{a,b∈S} C_ab + 2·Σ_{a∈S} C_aj + 1) / k²` for `S ∪ {j}`, so the selector keeps
/// each candidate's running sum of correlations with `S` and the running total over `S × S`: a step costs O(N) and
/// reads one correlation row (that of the instrument just added), never a matrix.
public struct GreedySelector: Sendable {
  /// Capital and stopping rules.
  public var rules: GreedyRules

  public init(rules: GreedyRules) { self.rules = rules }

  /// Selects from `candidates` with correlations `correlation` (same indexing).
  public func select(_ candidates: [SelectionCandidate], correlation: some CorrelationRows) -> SelectionPath {
    let n = candidates.count
    precondition(correlation.count == n, "one correlation row per candidate")
    guard n > 0 else { return SelectionPath(steps: [], stopReason: .noEligibleInstrument) }
    let codeRank = byteOrderRanks(candidates.map(\.code))
    let netSR = candidates.map(\.netSR)
    let cost = candidates.map(\.annualSRCost)
    let unitRisk = candidates.map(\.unitRisk)

    /// Whether a is preferred to b at equal Sharpe: lower cost, then code.
    @inline(__always) func breaksTieBefore(_ a: Int, _ b: Int) -> Bool {
      if cost[a] != cost[b] { return cost[a] < cost[b] }
      return codeRank[a] < codeRank[b]
    }

    // Step 1: the cheapest candidate affordable alone (w = 1, IDM = 1).
    var first: Int? = nil
    for j in 0..<n where rules.capital >= rules.capitalNeeded(unitRisk: unitRisk[j], weight: 1, idm: 1) {
      if let f = first, !breaksTieBefore(j, f) { continue }
      first = j
    }
    guard let start = first else { return SelectionPath(steps: [], stopReason: .nothingAffordableAlone) }

    var members = [start]
    var inSet = [Bool](repeating: false, count: n)
    inSet[start] = true
    var setTotal = 1.0  // Σ over S×S of C
    var sumNetSR = netSR[start]
    var largestUnitRisk = unitRisk[start]
    var rowSums = correlation.row(start)
    var steps = [makeStep(added: start, members: members, total: setTotal, sumNetSR: sumNetSR, unitRisk: unitRisk)]
    var sharpe = steps[0].sharpe

    while true {
      if members.count == n { return SelectionPath(steps: steps, stopReason: .allSelected) }
      if let limit = rules.maxInstruments, members.count >= limit {
        return SelectionPath(steps: steps, stopReason: .maximumReached)
      }
      let k = Double(members.count + 1)
      var best = -1
      var bestSharpe = -Double.infinity
      var bestTotal = 0.0
      for j in 0..<n where !inSet[j] {
        let total = setTotal + 2 * rowSums[j] + 1
        let variance = total / (k * k)
        guard variance > 0 else { continue }
        let deviation = variance.squareRoot()
        let idm = min(rules.idmCap, 1 / deviation)
        let needed = rules.capitalNeeded(unitRisk: max(largestUnitRisk, unitRisk[j]), weight: 1 / k, idm: idm)
        guard rules.capital >= needed else { continue }
        let candidateSharpe = (sumNetSR + netSR[j]) / k / deviation
        if candidateSharpe > bestSharpe || (candidateSharpe == bestSharpe && breaksTieBefore(j, best)) {
          best = j
          bestSharpe = candidateSharpe
          bestTotal = total
        }
      }
      guard best >= 0 else { return SelectionPath(steps: steps, stopReason: .nothingAffordable) }
      guard bestSharpe - sharpe > rules.improvementTolerance else {
        return SelectionPath(steps: steps, stopReason: .noImprovement)
      }
      members.append(best)
      inSet[best] = true
      setTotal = bestTotal
      sumNetSR += netSR[best]
      largestUnitRisk = max(largestUnitRisk, unitRisk[best])
      let row = correlation.row(best)
      for j in 0..<n { rowSums[j] += row[j] }
      steps.append(makeStep(added: best, members: members, total: setTotal, sumNetSR: sumNetSR, unitRisk: unitRisk))
      sharpe = steps[steps.count - 1].sharpe
    }
  }

  /// The step record for equal weights, from the running sums.
  func makeStep(added: Int, members: [Int], total: Double, sumNetSR: Double, unitRisk: [Double]) -> SelectionStep {
    let k = Double(members.count)
    let deviation = (total / (k * k)).squareRoot()
    let idm = min(rules.idmCap, 1 / deviation)
    let weight = 1 / k
    return SelectionStep(
      added: added, members: members, weights: Array(repeating: weight, count: members.count),
      sharpe: sumNetSR / k / deviation, idm: idm,
      memberCapital: members.map { rules.capitalNeeded(unitRisk: unitRisk[$0], weight: weight, idm: idm) })
  }
}

/// Rank of each string in byte (UTF-8) order; equal strings get equal ranks.
func byteOrderRanks(_ codes: [String]) -> [Int] {
  let bytes = codes.map { Array($0.utf8) }
  let order = bytes.indices.sorted { bytes[$0].lexicographicallyPrecedes(bytes[$1]) }
  var rank = [Int](repeating: 0, count: codes.count)
  for (position, index) in order.enumerated() { rank[index] = position }
  return rank
}
