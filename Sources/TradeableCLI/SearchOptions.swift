import ArgumentParser
import Tradeable

extension SearchMode: ExpressibleByArgument {}

/// What runs after the greedy path (DESIGN.md §6b), shared by `select`, `sweep`, `report`, `reserve`, `costs`,
/// `backtest`, `walkforward` (which refuses `exact`) and `funds select`. Left out, a setting keeps its value from
/// `--settings FILE`, else the library's default, which the help text shows.
struct SearchOptions: ParsableArguments {
  static var defaults: SearchSettings { SelectionRules().search }

  @Option(
    name: .long,
    help: ArgumentHelp(
      "After the greedy path: greedy (nothing more), refined (add, drop and swap moves from several starts) or exact "
        + "(branch and bound from the refined set, proves the optimum) (default: \(defaults.mode.rawValue)).",
      valueName: "mode"))
  var search: SearchMode?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Seconds the exact search may run before it returns its best set unproved, inf for no limit (default: "
        + "\(defaults.budgetSeconds.map(shown) ?? "inf"))).", valueName: "seconds"))
  var searchBudget: Double?

  func validate() throws {
    guard let searchBudget, searchBudget != .infinity else { return }
    try OptionCheck.value("--search-budget", searchBudget, SearchSettings.budgetSecondsRange)
  }

  /// `settings` with every option given applied.
  func apply(to rules: inout SelectionRules) {
    if let search { rules.search.mode = search }
    if let searchBudget { rules.search.budgetSeconds = searchBudget.isFinite ? searchBudget : nil }
  }
}
