/// How much of each instrument's price history a load keeps (see `Universe.load(folder:baseCurrency:keeping:)`).
public enum PriceLoading: Sendable, Equatable {
  /// Whole histories, in exact-size arrays: for what trades or replays history (the capital reserve, the HTML
  /// report's reserve section, backtests and walk-forward evaluations).
  case wholeHistories
  /// Only what the capital-independent pipeline reads under `retention` (`PriceSummary`), each file summarised as
  /// soon as it is parsed: for `select`, `costs` and `sweep`. The results are the same as with whole histories.
  case summaries(PriceSummary.Retention)
}
