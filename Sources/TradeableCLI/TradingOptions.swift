import ArgumentParser
import Tradeable

extension PositionRounding: ExpressibleByArgument {}

/// A list of EWMAC rules, `FAST:SCALAR,…` (e.g. `8:5.3,16:3.75`).
struct RuleList: ExpressibleByArgument {
  var rules: [EWMACRule]

  init?(argument: String) {
    var rules: [EWMACRule] = []
    for part in argument.split(separator: ",") {
      let pieces = part.split(separator: ":")
      guard pieces.count == 2, let span = Int(pieces[0].filter { $0 != " " }),
        let scalar = Double(pieces[1].filter { $0 != " " }), span >= 1, span <= 100_000, scalar > 0, scalar.isFinite
      else { return nil }
      rules.append(EWMACRule(fastSpan: span, scalar: scalar))
    }
    guard !rules.isEmpty else { return nil }
    self.rules = rules
  }

  static var defaultCompletionKind: CompletionKind { .default }
}

/// The trading rule of DESIGN.md §9 as options, for `backtest`, `walkforward` and `report --walkforward`. Left out, a
/// setting keeps its value from `--settings FILE` (its `tradingSettings` block), else the library's default
/// (`TradingSettings()`), which the help text shows.
struct TradingOptions: ParsableArguments {
  static let defaults = TradingSettings()

  static var defaultRules: String {
    defaults.forecast.rules.map { "\($0.fastSpan):\(shown($0.scalar))" }.joined(separator: ",")
  }

  @Option(
    name: .long,
    help: ArgumentHelp(
      "EWMAC rules FAST:SCALAR,… (slow span = --slow-span-multiple × FAST; default: \(TradingOptions.defaultRules)).",
      valueName: "rules"))
  var ewmac: RuleList?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Slow span of each rule as a multiple of its fast span (default: \(defaults.forecast.slowSpanMultiple)).",
      valueName: "n"))
  var slowSpanMultiple: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Span of the daily volatility the forecast and the sizing use, a = 2/(span+1) (default: "
        + "\(defaults.forecast.volatilitySpan)).", valueName: "n"))
  var forecastVolSpan: Int?

  @Option(
    name: .customLong("fdm"),
    help: ArgumentHelp(
      "Forecast diversification multiplier (default: \(shown(defaults.forecast.diversificationMultiplier))).",
      valueName: "x"))
  var forecastDiversificationMultiplier: Double?

  @Option(
    name: .long,
    help: ArgumentHelp("Cap on each and on the combined forecast, ± (default: \(shown(defaults.forecast.cap))).", valueName: "x"))
  var forecastCap: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Prices before an instrument's first forecast (default: \(defaults.forecast.warmupPrices)).", valueName: "n"))
  var warmup: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Weight of the recent volatility in the sizing risk; the long-run mean gets the rest (default: "
        + "\(shown(defaults.recentRiskWeight))).", valueName: "w"))
  var recentRiskWeight: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Differences of the long-run mean volatility (default: \(NumberFormat.integer(defaults.longRunRiskWindow))).",
      valueName: "n"))
  var longRunWindow: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "No-trade band, a fraction of the position at the average forecast (default: \(shown(defaults.buffer))).",
      valueName: "f"))
  var buffer: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Walk-forward paths of the random baseline, at most 1,000 (default: \(defaults.random.paths)).",
      valueName: "n"))
  var randomPaths: Int?

  @Option(
    name: .long,
    help: ArgumentHelp("Seed of the random baseline (default: \(defaults.random.seed)).", valueName: "n"))
  var seed: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Draws of one set size before the random baseline tries one member fewer (default: "
        + "\(NumberFormat.integer(defaults.random.maximumTries))).", valueName: "n"))
  var randomTries: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Percentiles of the random baseline's band, LOW,HIGH (default: \(shown(defaults.random.lowerPercentile)),"
        + "\(shown(defaults.random.upperPercentile))).", valueName: "low,high"))
  var randomBand: String?

  /// The band's two percentiles, when given and valid.
  var parsedBand: (Double, Double)? {
    guard let randomBand else { return nil }
    let parts = randomBand.split(separator: ",").compactMap { Double($0.filter { $0 != " " }) }
    guard parts.count == 2, parts[0] >= 0, parts[1] <= 100, parts[0] < parts[1] else { return nil }
    return (parts[0], parts[1])
  }

  func validate() throws {
    if let slowSpanMultiple, !(2...1_000).contains(slowSpanMultiple) {
      throw ValidationError("--slow-span-multiple must be between 2 and 1,000.")
    }
    if let forecastVolSpan, !(1...100_000).contains(forecastVolSpan) {
      throw ValidationError("--forecast-vol-span must be between 1 and 100,000.")
    }
    if let x = forecastDiversificationMultiplier, !(x > 0 && x.isFinite) {
      throw ValidationError("--fdm must be positive.")
    }
    if let forecastCap, !(forecastCap > 0 && forecastCap.isFinite) {
      throw ValidationError("--forecast-cap must be positive.")
    }
    if let warmup, !(1...1_000_000).contains(warmup) { throw ValidationError("--warmup must be between 1 and 1,000,000.") }
    if let recentRiskWeight, !(recentRiskWeight >= 0 && recentRiskWeight <= 1) {
      throw ValidationError("--recent-risk-weight must be in [0, 1].")
    }
    if let longRunWindow, !(1...10_000_000).contains(longRunWindow) {
      throw ValidationError("--long-run-window must be between 1 and 10,000,000.")
    }
    if let buffer, !(buffer >= 0 && buffer.isFinite) { throw ValidationError("--buffer must be 0 or more.") }
    // Each path holds its daily series while a capital is traded (about 32 bytes a path a day): 1,000 paths of 20
    // years take about 170 MB.
    if let randomPaths, !(0...1_000).contains(randomPaths) {
      throw ValidationError("--random-paths must be between 0 and 1,000.")
    }
    if let seed, seed < 0 { throw ValidationError("--seed must be 0 or more.") }
    if let randomTries, !(1...10_000_000).contains(randomTries) {
      throw ValidationError("--random-tries must be between 1 and 10,000,000.")
    }
    if randomBand != nil && parsedBand == nil {
      throw ValidationError("--random-band must be two percentiles LOW,HIGH with 0 ≤ LOW < HIGH ≤ 100, e.g. 5,95.")
    }
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
    if let ewmac { settings.forecast.rules = ewmac.rules }
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
    if let (low, high) = parsedBand {
      settings.random.lowerPercentile = low
      settings.random.upperPercentile = high
    }
    return settings
  }
}

/// Writes `text` to `path`, or exits with a message naming the file and what to check.
func writeOutput(_ path: String, _ text: String, what: String) throws {
  if let problem = writeFile(path, text) {
    printError("\(path): error: cannot write the \(what) (\(problem))\n  Check that the folder exists and is writable.")
    throw ExitCode(1)
  }
}
