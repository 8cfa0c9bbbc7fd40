import ArgumentParser
import Tradeable

/// The fixed conventions of DESIGN.md §3–§6, as options for users who know why they change them.
struct ConventionOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Daily prices an instrument needs (history filter).", valueName: "n"))
  var minHistory: Int = 512

  @Option(name: .long, help: ArgumentHelp("Daily differences in the volatility window.", valueName: "n"))
  var volWindow: Int = 512

  @Option(name: .long, help: ArgumentHelp("Weekdays without a price before an instrument is stale.", valueName: "n"))
  var staleWeekdays: Int = 10

  @Option(name: .long, help: ArgumentHelp("ISO weeks in the correlation window.", valueName: "n"))
  var correlationWeeks: Int = 260

  @Option(name: .long, help: ArgumentHelp("Last daily rows the liquidity filter averages.", valueName: "n"))
  var liquidityDays: Int = 20

  @Option(name: .long, help: ArgumentHelp("Minimum mean contracts a day.", valueName: "n"))
  var minVolume: Double = 100

  @Option(name: .long, help: ArgumentHelp("Minimum mean traded value a day, base currency.", valueName: "amount"))
  var minTradedValue: Double = 10_000_000

  @Option(name: .long, help: ArgumentHelp("Span of the EWMA variance behind rebalance trades (a = 2/(span+1)).", valueName: "n"))
  var rebalanceSpan: Int = 35

  @Option(name: .long, help: ArgumentHelp("Business days a year (annualises daily volatility by its square root).", valueName: "n"))
  var businessDays: Double = 256

  func validate() throws {
    for (name, value) in [
      ("--min-history", minHistory), ("--vol-window", volWindow), ("--correlation-weeks", correlationWeeks),
      ("--liquidity-days", liquidityDays), ("--rebalance-span", rebalanceSpan),
    ] where value < 1 {
      throw ValidationError("\(name) must be at least 1.")
    }
    guard staleWeekdays >= 0 else { throw ValidationError("--stale-weekdays must be 0 or more.") }
    guard minVolume >= 0, minTradedValue >= 0 else { throw ValidationError("liquidity minimums must be 0 or more.") }
    guard businessDays > 0 else { throw ValidationError("--business-days must be positive.") }
  }

  /// `settings` with these conventions applied.
  func apply(to settings: SelectionSettings) -> SelectionSettings {
    var s = settings
    s.minimumHistory = minHistory
    s.volatilityWindow = volWindow
    s.staleWeekdays = staleWeekdays
    s.correlationWeeks = correlationWeeks
    s.liquidityDays = liquidityDays
    s.minimumVolume = minVolume
    s.minimumTradedValue = minTradedValue
    s.rebalanceSpan = rebalanceSpan
    s.businessDaysPerYear = businessDays
    return s
  }
}
