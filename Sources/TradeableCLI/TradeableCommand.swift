import ArgumentParser

/// `tradeable`: given this capital, which instruments should I trade?
@main
struct TradeableCommand: ParsableCommand {
  /// The tool's version, as `tradeable --version` prints it.
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "tradeable",
    abstract: "Given this capital, which instruments should I trade?",
    discussion: """
      Measures every instrument's volatility, correlation and risk-adjusted trading cost, filters out what is too \
      short, stale, illiquid, expensive or too big for the capital, then greedily adds the instrument that most \
      raises the portfolio's expected Sharpe ratio. Runs on the bundled futures data unless --data points elsewhere.
      """,
    version: "tradeable \(version)",
    subcommands: [
      SelectCommand.self, CostsCommand.self, SweepCommand.self, ReportCommand.self, ReserveCommand.self,
      BacktestCommand.self, WalkForwardCommand.self, GenerateCommand.self, FundsCommand.self, BlendCommand.self,
    ]
  )

  /// ArgumentParser's `main()` with one addition: when the arguments do not parse and the cause is a misspelt
  /// option or subcommand, say which and suggest the closest name (`CommandLineTypo`) instead of the error the
  /// misspelling led to ("Missing expected argument '--capital'").
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    var command: ParsableCommand
    do {
      command = try parseAsRoot(arguments)
    } catch {
      if exitCode(for: error) != .success, let typo = CommandLineTypo.diagnose(arguments, root: Self.self) {
        printError(typo)
        exit(withError: ExitCode.validationFailure)
      }
      exit(withError: error)
    }
    do {
      try command.run()
    } catch {
      exit(withError: error)
    }
  }
}
