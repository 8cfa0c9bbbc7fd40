import LinearAlgebra

/// A set of candidates with its weights and what they imply (DESIGN.md §6): the record of a greedy step, of a
/// refinement move and of the chosen set.
///
/// Every record of a set is computed one way (`evaluate`): its members in input order, the scheme's weights,
/// `SR = wᵀs / √(wᵀCw)`, `IDM = min(cap, 1/√(wᵀCw))` and each member's need. So a set's Sharpe ratio is a function of
/// the set alone, to the last bit, whichever path reached it: the greedy path, any start's refinement, the exact
/// search, any capital of a sweep. Ties between sets are therefore decided by DESIGN.md's tie rules, never by
/// rounding, the refined set is never below the greedy set, and a monotone sweep is monotone exactly.
public struct EvaluatedSet: Sendable, Equatable {
  /// Members, in the order they joined the set.
  public var members: [Int]
  /// Risk weights of the members, same order, summing to 1.
  public var weights: [Double]
  /// `SR(S) = Σ wᵢ sᵢ / √(wᵀCw)`.
  public var sharpe: Double
  /// `IDM(S) = min(idmCap, 1/√(wᵀCw))`.
  public var idm: Double
  /// Capital each member needs, same order: `maxContracts × unitRiskᵢ / (IDM × wᵢ × targetVolatility)`.
  public var memberCapital: [Double]
  /// The set's minimum capital: the largest of `memberCapital`.
  public var minimumCapital: Double { memberCapital.max() ?? 0 }

  public init(members: [Int], weights: [Double], sharpe: Double, idm: Double, memberCapital: [Double]) {
    self.members = members
    self.weights = weights
    self.sharpe = sharpe
    self.idm = idm
    self.memberCapital = memberCapital
  }

  /// The same set with every member renamed by `names` (e.g. candidate positions to input indices).
  public func renamed(_ names: [Int]) -> EvaluatedSet {
    var set = self
    set.members = members.map { names[$0] }
    return set
  }

  /// Whether every member is feasible at `capital`.
  func isFeasible(at capital: Double) -> Bool { memberCapital.allSatisfy { capital >= $0 } }

  /// The set `members` (sorted in input order) with correlation matrix `correlation` (same order) under `method`;
  /// `nil` when the scheme cannot weight it or `wᵀCw ≤ 0`. With `fallback`, a set max-Sharpe weights cannot hold on
  /// full support gets the general long-only optimum instead (for the greedy path's records only, which never meet
  /// one but through rounding).
  static func evaluate(
    _ members: [Int], correlation c: Matrix, method: any WeightingMethod, netSR: [Double], unitRisk: [Double],
    codeRank: [Int], sizing: PositionSizing, fallback: Bool = false
  ) -> EvaluatedSet? {
    let k = members.count
    guard k > 0 else { return nil }
    let s = members.map { netSR[$0] }
    var weights = method.weights(correlation: c, netSR: s, ranks: members.map { codeRank[$0] })
    if weights == nil && fallback {
      weights = maxSharpeWeights(correlation: c, netSR: s)?.weights ?? [Double](repeating: 1 / Double(k), count: k)
    }
    guard let weights else { return nil }
    let variance = c.quadraticForm(weights)
    guard variance > 0 else { return nil }
    var expected = 0.0
    for a in 0..<k { expected += weights[a] * s[a] }
    let idm = sizing.idm(variance: variance)
    return EvaluatedSet(
      members: members, weights: weights, sharpe: expected / variance.squareRoot(), idm: idm,
      memberCapital: (0..<k).map { sizing.capitalNeeded(unitRisk: unitRisk[members[$0]], weight: weights[$0], idm: idm) })
  }

  /// The same set with its members (and their weights and needs) in the order `order` lists them.
  func reordered(_ order: [Int]) -> EvaluatedSet {
    let position = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, $0) })
    let p = order.map { position[$0]! }
    return EvaluatedSet(
      members: order, weights: p.map { weights[$0] }, sharpe: sharpe, idm: idm, memberCapital: p.map { memberCapital[$0] })
  }
}
