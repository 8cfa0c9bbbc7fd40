/// What runs after the greedy path of DESIGN.md §6 (§6b).
///
/// - `greedy`: §6 alone — the greedy path at the capital, as pysystemtrade and the AFTS book code select.
/// - `refined` (default): the greedy set at the capital and the greedy sets along a fixed ladder of smaller capitals,
///   each improved by single add, drop or swap moves while one raises the Sharpe ratio; the best end wins.
/// - `exact`: the feasible set of highest Sharpe ratio over every subset of the eligible instruments, by a
///   branch-and-bound search that starts from the refined set and prunes with valid bounds only; within a time budget.
public enum SearchMode: String, Codable, Sendable, CaseIterable, Equatable {
  case greedy
  case refined
  case exact
}
extension SearchMode: NamedChoice {}

/// Settings of the search after the greedy path (DESIGN.md §6b), with their defaults.
public struct SearchSettings: Codable, Sendable, Equatable {
  /// How the chosen set is found (`refined`).
  public var mode: SearchMode = .refined
  /// Seconds the `exact` search may run before it returns its best set unproved (10): long enough to prove the
  /// optimum for the eligible pools of a typical futures account, short enough for an interactive run. `nil`: no
  /// limit (`--search-budget inf`; JSON has no infinity, so the settings block says `null`).
  public var budgetSeconds: Double? = 10

  public init(mode: SearchMode = .refined, budgetSeconds: Double? = 10) {
    self.mode = mode
    self.budgetSeconds = budgetSeconds
  }

  /// The exact search's budget: at least 0 seconds (0 returns the refined set, unproved unless it is proved at once),
  /// at most a year; `nil` for no limit.
  public static let budgetSecondsRange = ValidRange.between(
    0, 31_536_000, unit: .number, note: "seconds; inf on the command line, null in a settings file, for no limit")

  /// Every setting outside its range, by key.
  public var violations: [SettingViolation] {
    [Self.budgetSecondsRange.check("search.budgetSeconds", budgetSeconds)].compactMap { $0 }
  }
}
