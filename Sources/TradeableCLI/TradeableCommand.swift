import ArgumentParser

/// `tradeable`: given this capital, which instruments should I trade?
@main
struct TradeableCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tradeable",
    abstract: "Given this capital, which instruments should I trade?",
    discussion: """
      Measures every instrument's volatility, correlation and risk-adjusted trading cost, filters out what is too \
      short, stale, illiquid, expensive or too big for the capital, then greedily adds the instrument that most \
      raises the portfolio's expected Sharpe ratio. Runs on the bundled futures data unless --data points elsewhere.
      """,
    subcommands: [
      SelectCommand.self, CostsCommand.self, SweepCommand.self, ReportCommand.self, ReserveCommand.self,
      BacktestCommand.self, WalkForwardCommand.self, GenerateCommand.self, FundsCommand.self, BlendCommand.self,
    ]
  )
}
