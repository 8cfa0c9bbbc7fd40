import ArgumentParser

/// `tradeable funds`: fund research and fund-of-funds selection.
struct FundsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "funds",
    abstract: "Fund research and fund-of-funds selection: metrics, rank scores, backtests, factor tests, style analysis.",
    discussion: """
      Every subcommand reads NAV series (long date,code,nav; wide date,A,B,…; or a folder of CODE.csv) and \
      optionally a products file, detects each series' reporting frequency (daily, weekly, biweekly, monthly, \
      irregular), keeps those reporting monthly or more often with at least 40 NAVs and lists every other one with \
      its reason. Without arguments they run on the bundled factor ETFs (data/funds).
      """,
    subcommands: [
      FundsMetricsCommand.self, FundsScoreCommand.self, FundsBacktestCommand.self, FundsFactorTestCommand.self,
      FundsRegressCommand.self, FundsSelectCommand.self,
    ])
}
