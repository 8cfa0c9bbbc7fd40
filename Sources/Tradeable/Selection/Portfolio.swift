/// The chosen set at one capital, flat and computed once (DESIGN.md §7's `portfolio`): what every report shows and
/// the reserve and the backtest trade. Members are named by their input index and code; nothing in it refers to the
/// selection's internal candidate positions.
public struct Portfolio: Sendable, Equatable {
  /// One member of the set.
  public struct Member: Sendable, Equatable {
    /// Position of the instrument in the input.
    public var index: Int
    public var code: String
    /// Risk weight; the members' weights sum to 1.
    public var weight: Double
    /// Capital this member needs in the set (DESIGN.md §6): `maxContracts × unitRisk / (IDM × weight ×
    /// targetVolatility)`, base currency.
    public var minimumCapital: Double
    /// Capital it needs alone at its best case (the capital filter's, DESIGN.md §5), base currency.
    public var standaloneCapital: Double
    /// Annual volatility of one unit (contract), base currency.
    public var unitRisk: Double
    /// Units (contracts) at the target position at the portfolio's capital and an average forecast:
    /// `capital × IDM × weight × targetVolatility / unitRisk`, unrounded.
    public var contracts: Double
    /// `contracts` rounded to whole units, half away from zero.
    public var roundedContracts: Double
    /// Value of the unrounded position at the last price, base currency: `contracts × unitValue`.
    public var exposure: Double

    /// Whole contracts below which a position is flagged (2): with one contract (or none) at an average forecast the
    /// position can only move in steps of its whole size, and cannot follow a forecast that varies around it.
    public static let fewContracts = 2.0

    /// Whether the whole position at an average forecast is under `fewContracts`.
    public var hasFewContracts: Bool { abs(roundedContracts) < Self.fewContracts }
  }

  /// Capital the positions are sized at, base currency.
  public var capital: Double
  /// Members in the order they joined the set.
  public var members: [Member]
  /// `SR(S) = Σ wᵢ sᵢ / √(wᵀCw)`; `nil` when nothing is selected.
  public var sharpe: Double?
  /// `min(idmCap, 1/√(wᵀCw))`; `nil` when nothing is selected.
  public var idm: Double?
  /// The set's minimum capital (DESIGN.md §6): the largest member need; `nil` when nothing is selected.
  public var minimumCapital: Double?
  /// The smallest capital at which this exact set is feasible *and* every member passes the capital filter
  /// (DESIGN.md §7): the larger of `minimumCapital` and every member's `standaloneCapital`. What "this set needs"
  /// means to a user; `nil` when nothing is selected.
  public var smallestCapital: Double?

  /// No member.
  public var isEmpty: Bool { members.isEmpty }
  /// The members' codes, in order.
  public var codes: [String] { members.map(\.code) }
  /// The members' input indices, in order.
  public var indices: [Int] { members.map(\.index) }
  /// The members' weights, in order.
  public var weights: [Double] { members.map(\.weight) }

  /// The empty portfolio at `capital`.
  public init(empty capital: Double) {
    self.capital = capital
    members = []
  }

  /// The set `step` ends on (candidate positions into `candidates`), sized at `capital`.
  public init(step: SelectionStep?, candidates: [SelectionCandidate], capital: Double, sizing: PositionSizing) {
    self.init(set: step.map(\.set), candidates: candidates, capital: capital, sizing: sizing)
  }

  /// The set `set` (candidate positions into `candidates`), sized at `capital`.
  public init(set: EvaluatedSet?, candidates: [SelectionCandidate], capital: Double, sizing: PositionSizing) {
    self.capital = capital
    guard let set else {
      members = []
      return
    }
    members = set.members.indices.map { k in
      let candidate = candidates[set.members[k]]
      let contracts = sizing.units(
        capital: capital, weight: set.weights[k], idm: set.idm, unitRisk: candidate.unitRisk)
      return Member(
        index: candidate.index, code: candidate.code, weight: set.weights[k], minimumCapital: set.memberCapital[k],
        standaloneCapital: candidate.standaloneCapital, unitRisk: candidate.unitRisk, contracts: contracts,
        roundedContracts: contracts.rounded(.toNearestOrAwayFromZero), exposure: contracts * candidate.unitValue)
    }
    sharpe = set.sharpe
    idm = set.idm
    minimumCapital = set.minimumCapital
    smallestCapital = members.reduce(set.minimumCapital) { max($0, $1.standaloneCapital) }
  }
}
