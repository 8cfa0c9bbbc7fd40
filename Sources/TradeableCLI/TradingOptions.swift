import ArgumentParser
import Tradeable

extension PositionRounding: ExpressibleByArgument {}

/// A list of EWMAC rules, `FAST:SCALAR,…` (e.g. `8:5.3,16:3.75`): each fast span a whole number, each scalar a
/// number. Whether they are in range is `ForecastSettings`' rule, checked in `validate()`.
enum RuleList {
  static func parse(_ text: String) throws -> [EWMACRule] {
    try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
      let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
      guard pieces.count == 2 else {
        throw ArgumentValueError(
          "cannot read '\(part)' as a rule: write FAST:SCALAR pairs separated by commas, e.g. 8:5.3,16:3.75.")
      }
      return EWMACRule(
        fastSpan: try ArgumentValue.count(String(pieces[0])), scalar: try ArgumentValue.number(String(pieces[1])))
    }
  }
}

/// The trading rule of DESIGN.md §9 as options, for `backtest`, `walkforward` and `report --walkforward`. Left out, a
/// setting keeps its value from `--settings FILE` (its `tradingSettings` block), else the library's default
/// (`TradingSettings()`), which the help text shows with the setting's valid range.
struct TradingOptions: ParsableArguments {
  static let defaults = TradingSettings()
  typealias Forecast = ForecastSettings
  typealias Random = RandomBaselineSettings

  static var defaultRules: String {
    defaults.forecast.rules.map { "\($0.fastSpan):\(shown($0.scalar))" }.joined(separator: ",")
  }

  @Option(
    name: .long,
    help: ArgumentHelp(
      "EWMAC rules FAST:SCALAR,… (slow span = --slow-span-multiple × FAST; default: \(TradingOptions.defaultRules); "
        + "spans \(valid(Forecast.spanRange)), scalars \(valid(Forecast.scalarRange))).", valueName: "rules"),
    transform: RuleList.parse)
  var ewmac: [EWMACRule]?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Slow span of each rule as a multiple of its fast span (default: \(defaults.forecast.slowSpanMultiple); "
        + "\(valid(Forecast.slowSpanMultipleRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var slowSpanMultiple: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Span of the daily volatility the forecast and the sizing use, a = 2/(span+1) (default: "
        + "\(defaults.forecast.volatilitySpan); \(valid(Forecast.spanRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var forecastVolSpan: Int?

  @Option(
    name: .customLong("fdm"), parsing: .unconditional,
    help: ArgumentHelp(
      "Forecast diversification multiplier (default: \(shown(defaults.forecast.diversificationMultiplier)); "
        + "\(valid(Forecast.diversificationMultiplierRange))).", valueName: "x"),
    transform: ArgumentValue.number)
  var forecastDiversificationMultiplier: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Cap on each and on the combined forecast, ± (default: \(shown(defaults.forecast.cap)); "
        + "\(valid(Forecast.capRange))).", valueName: "x"),
    transform: ArgumentValue.number)
  var forecastCap: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Prices before an instrument's first forecast (default: \(defaults.forecast.warmupPrices); "
        + "\(valid(Forecast.warmupPricesRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var warmup: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Weight of the recent volatility in the sizing risk, the long-run mean getting the rest (default: "
        + "\(shown(defaults.recentRiskWeight)); \(valid(TradingSettings.recentRiskWeightRange))).", valueName: "w"),
    transform: ArgumentValue.fraction)
  var recentRiskWeight: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Differences of the long-run mean volatility (default: \(NumberFormat.integer(defaults.longRunRiskWindow)); "
        + "\(valid(TradingSettings.longRunRiskWindowRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var longRunWindow: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "No-trade band, a fraction of the position at the average forecast (default: \(shown(defaults.buffer)); "
        + "\(valid(TradingSettings.bufferRange))).", valueName: "f"),
    transform: ArgumentValue.fraction)
  var buffer: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Walk-forward paths of the random baseline (default: \(defaults.random.paths); \(valid(Random.pathsRange))).",
      valueName: "n"),
    transform: ArgumentValue.count)
  var randomPaths: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Seed of the random baseline (default: \(defaults.random.seed); \(valid(Random.seedRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var seed: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Draws of one set size before the random baseline tries one member fewer (default: "
        + "\(NumberFormat.integer(defaults.random.maximumTries)); \(valid(Random.maximumTriesRange))).",
      valueName: "n"),
    transform: ArgumentValue.count)
  var randomTries: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Percentiles of the random baseline's band, LOW,HIGH (default: \(shown(defaults.random.lowerPercentile)),"
        + "\(shown(defaults.random.upperPercentile)); each \(valid(Random.percentileRange)), LOW below HIGH).",
      valueName: "low,high"),
    transform: TradingOptions.band)
  var randomBand: [Double]?

  /// `LOW,HIGH` as two numbers.
  static func band(_ text: String) throws -> [Double] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 2 else {
      throw ArgumentValueError("cannot read '\(text)' as a band: write two percentiles LOW,HIGH, e.g. 5,95.")
    }
    return try parts.map(ArgumentValue.number)
  }

  /// The settings key each option sets, for messages (`OptionCheck`).
  static let optionKeys: [(option: String, key: String)] = [
    ("--slow-span-multiple", "forecast.slowSpanMultiple"), ("--forecast-vol-span", "forecast.volatilitySpan"),
    ("--fdm", "forecast.diversificationMultiplier"), ("--forecast-cap", "forecast.cap"),
    ("--warmup", "forecast.warmupPrices"), ("--recent-risk-weight", "recentRiskWeight"),
    ("--long-run-window", "longRunRiskWindow"), ("--buffer", "buffer"), ("--random-paths", "random.paths"),
    ("--seed", "random.seed"), ("--random-tries", "random.maximumTries"),
    ("--random-band", "random.lowerPercentile"), ("--random-band", "random.upperPercentile"),
  ]

  /// Every option given, checked against its setting's valid range (the library's), before any work.
  func validate() throws {
    var settings = TradingSettings()
    apply(to: &settings)
    let violations = settings.violations
    if let rule = violations.first(where: { $0.key.hasPrefix("forecast.rules") }) {
      throw ValidationError(rule.message(name: "--ewmac (\(rule.key.dropFirst("forecast.".count))):"))
    }
    try OptionCheck.settings(violations, names: Self.optionKeys)
  }

  /// The trading settings of the run: the `tradingSettings` block of `--settings FILE` (or the library's defaults),
  /// then every option given.
  func settings(file: String?) throws -> TradingSettings {
    var settings = TradingSettings()
    if let file {
      do {
        settings = try TradingSettings.load(FileBytes.read(file, displayName: file), file: file)
      } catch {
        throw InputFailure(error)
      }
    }
    apply(to: &settings)
    return settings
  }

  /// `settings` with every option given applied.
  func apply(to settings: inout TradingSettings) {
    if let ewmac { settings.forecast.rules = ewmac }
    if let slowSpanMultiple { settings.forecast.slowSpanMultiple = slowSpanMultiple }
    if let forecastVolSpan { settings.forecast.volatilitySpan = forecastVolSpan }
    if let forecastDiversificationMultiplier { settings.forecast.diversificationMultiplier = forecastDiversificationMultiplier }
    if let forecastCap { settings.forecast.cap = forecastCap }
    if let warmup { settings.forecast.warmupPrices = warmup }
    if let recentRiskWeight { settings.recentRiskWeight = recentRiskWeight }
    if let longRunWindow { settings.longRunRiskWindow = longRunWindow }
    if let buffer { settings.buffer = buffer }
    if let randomPaths { settings.random.paths = randomPaths }
    if let seed { settings.random.seed = seed }
    if let randomTries { settings.random.maximumTries = randomTries }
    if let randomBand {
      settings.random.lowerPercentile = randomBand[0]
      settings.random.upperPercentile = randomBand[1]
    }
  }
}

/// Writes `text` to `path`, or exits with a message naming the file and what to check.
func writeOutput(_ path: String, _ text: String, what: String) throws {
  if let problem = writeFile(path, text) {
    printError(
      InputError(
        file: path, message: "cannot write the \(what) (\(problem))", suggestion: "Check that the folder exists and is writable."
      ).description)
    throw ExitCode(1)
  }
}
