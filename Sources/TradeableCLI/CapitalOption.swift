import ArgumentParser
import Tradeable

/// `--capital K`, required by `select`, `report`, `reserve` and `funds select`: money as people write it
/// (`1000000`, `1,000,000`, `250k`, `2.5M`, `1e6`), positive. Its own option group, titled "Required", so that `help`
/// lists it before every optional one.
struct CapitalOption: ParsableArguments {
  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Capital to deploy, in the base currency (1000000, 1,000,000, 250k or 2.5M).", valueName: "amount"),
    transform: ArgumentValue.money)
  var capital: Double

  func validate() throws { try OptionCheck.value("--capital", capital, .positiveMoney) }
}
