import LinearAlgebra

/// Equal risk weights, `wᵢ = 1/k` (DESIGN.md §6's default), in the greedy selection.
///
/// `wᵀCw = (Σ_{a,b∈S} C_ab + 2·Σ_{a∈S} C_aj + 1) / k²` for `S ∪ {j}` with k members: each candidate keeps its running
/// sum of correlations with `S` (`GreedyState.rowSums`), so a step costs O(N) and no matrix is built or inverted per
/// candidate. Every member needs the same share, so the member of largest unit risk decides feasibility.
struct EqualWeighting: WeightingMethod {
  func bestAddition(to state: GreedyState) -> GreedyState.Evaluation? {
    var best: GreedyState.Evaluation? = nil
    for j in 0..<state.n where state.open[j] {
      guard let sharpe = sharpe(adding: j, to: state) else { continue }
      if state.better(sharpe, j, than: best) { best = GreedyState.Evaluation(sharpe: sharpe, candidate: j) }
    }
    return best
  }

  /// `SR(S ∪ {j})` from the running sums, `nil` when the set is not feasible at the state's capital.
  @inline(__always) func sharpe(adding j: Int, to state: GreedyState) -> Double? {
    let k = Double(state.members.count + 1)
    let total = state.setTotal + 2 * state.rowSums[j] + 1
    let variance = total / (k * k)
    guard variance > 0 else { return nil }
    let deviation = variance.squareRoot()
    let idm = min(state.sizing.idmCap, 1 / deviation)
    let needed = state.sizing.capitalNeeded(
      unitRisk: max(state.largestUnitRisk, state.unitRisk[j]), weight: 1 / k, idm: idm)
    guard state.capital >= needed else { return nil }
    return (state.sumNetSR + state.netSR[j]) / k / deviation
  }

  func additionSharpes(to state: GreedyState) -> [Double] {
    (0..<state.n).map { j in state.open[j] ? sharpe(adding: j, to: state) ?? -.infinity : -.infinity }
  }

  func weights(correlation: Matrix, netSR: [Double], ranks: [Int]) -> [Double]? {
    [Double](repeating: 1 / Double(netSR.count), count: netSR.count)
  }
}
