import ArgumentParser
import Tradeable

/// The fixed conventions of DESIGN.md §3–§6, as options for users who know why they change them. Left out, a setting
/// keeps its value from `--settings FILE`, else the library's default, which the help text shows.
struct ConventionOptions: ParsableArguments {
  static var defaults: PipelineSettings { MethodOptions.defaults }

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Daily prices an instrument needs, history filter (default: \(defaults.filters.history.minimumPrices); \(valid(HistoryFilter.minimumPricesRange))).",
      valueName: "n"),
    transform: ArgumentValue.count)
  var minHistory: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Daily differences in the volatility window (default: \(defaults.risk.volatilityWindow); \(valid(RiskSettings.volatilityWindowRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var volWindow: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Weekdays without a price before an instrument is stale (default: \(defaults.filters.stale.maximumWeekdays); \(valid(StaleFilter.maximumWeekdaysRange))).",
      valueName: "n"),
    transform: ArgumentValue.count)
  var staleWeekdays: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "ISO weeks in the correlation window (default: \(defaults.correlation.weeks); \(valid(CorrelationSettings.weeksRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var correlationWeeks: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Last daily rows the liquidity filter averages (default: \(defaults.filters.liquidity.days); \(valid(LiquidityFilter.daysRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var liquidityDays: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Minimum mean contracts a day (default: \(shown(defaults.filters.liquidity.minimumVolume)); \(valid(LiquidityFilter.minimumVolumeRange))).", valueName: "n"),
    transform: ArgumentValue.number)
  var minVolume: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Minimum mean traded value a day, base currency (default: "
        + "\(NumberFormat.money(defaults.filters.liquidity.minimumTradedValue)); \(valid(LiquidityFilter.minimumTradedValueRange))).", valueName: "amount"),
    transform: ArgumentValue.money)
  var minTradedValue: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Span of the EWMA variance behind rebalance trades, a = 2/(span+1) (default: \(defaults.costs.rebalanceSpan); \(valid(CostSettings.rebalanceSpanRange))).",
      valueName: "n"),
    transform: ArgumentValue.count)
  var rebalanceSpan: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Business days a year; annualises daily volatility by its square root (default: "
        + "\(shown(defaults.risk.businessDaysPerYear)); \(valid(RiskSettings.businessDaysPerYearRange))).", valueName: "n"),
    transform: ArgumentValue.number)
  var businessDays: Double?

  /// The settings key each option sets, for messages (`OptionCheck`) and the test that every option reaches its key.
  static let optionKeys: [(option: String, key: String)] = [
    ("--min-history", "filters.history.minimumPrices"), ("--vol-window", "risk.volatilityWindow"),
    ("--stale-weekdays", "filters.stale.maximumWeekdays"), ("--correlation-weeks", "correlation.weeks"),
    ("--liquidity-days", "filters.liquidity.days"), ("--min-volume", "filters.liquidity.minimumVolume"),
    ("--min-traded-value", "filters.liquidity.minimumTradedValue"), ("--rebalance-span", "costs.rebalanceSpan"),
    ("--business-days", "risk.businessDaysPerYear"),
  ]

  /// Every option given, checked against its setting's valid range (the library's), before any work.
  func validate() throws {
    var settings = PipelineSettings()
    apply(to: &settings)
    try OptionCheck.settings(settings.violations, names: Self.optionKeys)
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
