import ArgumentParser
import Tradeable

/// The fixed conventions of DESIGN.md §3–§6, as options for users who know why they change them. Left out, a setting
/// keeps its value from `--settings FILE`, else the library's default, which the help text shows.
struct ConventionOptions: ParsableArguments {
  static var defaults: PipelineSettings { MethodOptions.defaults }

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Daily prices an instrument needs, history filter (default: \(defaults.filters.history.minimumPrices)).",
      valueName: "n"))
  var minHistory: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Daily differences in the volatility window (default: \(defaults.risk.volatilityWindow)).", valueName: "n"))
  var volWindow: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Weekdays without a price before an instrument is stale (default: \(defaults.filters.stale.maximumWeekdays)).",
      valueName: "n"))
  var staleWeekdays: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "ISO weeks in the correlation window (default: \(defaults.correlation.weeks)).", valueName: "n"))
  var correlationWeeks: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Last daily rows the liquidity filter averages (default: \(defaults.filters.liquidity.days)).", valueName: "n"))
  var liquidityDays: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Minimum mean contracts a day (default: \(shown(defaults.filters.liquidity.minimumVolume))).", valueName: "n"))
  var minVolume: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Minimum mean traded value a day, base currency (default: "
        + "\(NumberFormat.money(defaults.filters.liquidity.minimumTradedValue))).", valueName: "amount"))
  var minTradedValue: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Span of the EWMA variance behind rebalance trades, a = 2/(span+1) (default: \(defaults.costs.rebalanceSpan)).",
      valueName: "n"))
  var rebalanceSpan: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Business days a year; annualises daily volatility by its square root (default: "
        + "\(shown(defaults.risk.businessDaysPerYear))).", valueName: "n"))
  var businessDays: Double?

  func validate() throws {
    for (name, value) in [
      ("--min-history", minHistory), ("--vol-window", volWindow), ("--correlation-weeks", correlationWeeks),
      ("--liquidity-days", liquidityDays), ("--rebalance-span", rebalanceSpan),
    ] {
      if let value, value < 1 { throw ValidationError("\(name) must be at least 1.") }
    }
    if let staleWeekdays, staleWeekdays < 0 { throw ValidationError("--stale-weekdays must be 0 or more.") }
    if let minVolume, !(minVolume >= 0) { throw ValidationError("liquidity minimums must be 0 or more.") }
    if let minTradedValue, !(minTradedValue >= 0) { throw ValidationError("liquidity minimums must be 0 or more.") }
    if let businessDays, !(businessDays > 0) { throw ValidationError("--business-days must be positive.") }
  }

  /// `settings` with every convention given applied.
  func apply(to settings: inout PipelineSettings) {
    if let minHistory { settings.filters.history.minimumPrices = minHistory }
    if let volWindow { settings.risk.volatilityWindow = volWindow }
    if let staleWeekdays { settings.filters.stale.maximumWeekdays = staleWeekdays }
    if let correlationWeeks { settings.correlation.weeks = correlationWeeks }
    if let liquidityDays { settings.filters.liquidity.days = liquidityDays }
    if let minVolume { settings.filters.liquidity.minimumVolume = minVolume }
    if let minTradedValue { settings.filters.liquidity.minimumTradedValue = minTradedValue }
    if let rebalanceSpan { settings.costs.rebalanceSpan = rebalanceSpan }
    if let businessDays { settings.risk.businessDaysPerYear = businessDays }
  }
}
