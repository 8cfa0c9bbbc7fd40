/// Equal risk weights, `wᵢ = 1/k` (DESIGN.md §6's default), in the greedy selection.
///
/// `wᵀCw = (Σ_{a,b∈S} C_ab + 2·Σ_{a∈S} C_aj + 1) / k²` for `S ∪ {j}` with k members: each candidate keeps its running
/// sum of correlations with `S` (`GreedyState.rowSums`), so a step costs O(N) and no matrix is built or inverted per
/// candidate. Every member needs the same share, so the member of largest unit risk decides feasibility.
struct EqualWeighting: WeightingMethod {
  func bestAddition(to state: GreedyState) -> GreedyState.Evaluation? {
    let k = Double(state.members.count + 1)
    var best: GreedyState.Evaluation? = nil
    for j in 0..<state.n where !state.inSet[j] {
      let total = state.setTotal + 2 * state.rowSums[j] + 1
      let variance = total / (k * k)
      guard variance > 0 else { continue }
      let deviation = variance.squareRoot()
      let idm = min(state.sizing.idmCap, 1 / deviation)
      let needed = state.sizing.capitalNeeded(
        unitRisk: max(state.largestUnitRisk, state.unitRisk[j]), weight: 1 / k, idm: idm)
      guard state.capital >= needed else { continue }
      let sharpe = (state.sumNetSR + state.netSR[j]) / k / deviation
      if state.better(sharpe, j, than: best) { best = GreedyState.Evaluation(sharpe: sharpe, candidate: j) }
    }
    return best
  }

  /// The set's record from the same running sums the candidates were ranked by, so the step's Sharpe ratio is the
  /// very number that won the step.
  func step(of state: GreedyState, added: Int) -> SelectionStep {
    let k = Double(state.members.count)
    let deviation = (state.setTotal / (k * k)).squareRoot()
    let weights = [Double](repeating: 1 / k, count: state.members.count)
    return state.step(
      added: added, weights: weights, sharpe: state.sumNetSR / k / deviation,
      idm: min(state.sizing.idmCap, 1 / deviation))
  }
}
