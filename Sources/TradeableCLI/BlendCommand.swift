import ArgumentParser
import FundResearch
import Tradeable

/// How `blend` rebalances.
enum BlendRule: String, ExpressibleByArgument, CaseIterable {
  case annual, threshold, never
}

/// `tradeable blend --weights A=0.5,B=0.3,C=0.2 FILE…`: a fixed-weight mix backtest.
struct BlendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "blend",
    abstract:
      "Backtest a fixed-weight mix of series: CAGR, volatility, Sharpe, drawdown, calendar years, correlations.",
    discussion: """
      The series come from one or more files (long date,code,nav; wide date,A,B,…; or folders of CODE.csv) and are \
      aligned on the dates they all share. The mix starts at its weights and is reset to them at each year's last \
      common date (annual), whenever a weight drifts more than --band from its target (threshold), or never.
      """)

  @OptionGroup(title: "Required") var required: BlendWeightsOption
  var weights: String { required.weights }

  @Option(name: .long, help: "When to rebalance.")
  var rebalance: BlendRule = .annual

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Threshold band, absolute weight: 0.05 or 5% = 5 points (default: 0.05).", valueName: "b"),
    transform: ArgumentValue.fraction)
  var band: Double = 0.05

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Annual risk-free rate for the Sharpe ratio, a fraction or a percentage (default: 0).", valueName: "r"),
    transform: ArgumentValue.fraction)
  var riskFree: Double = 0

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Periods a year (default: the common dates' detected frequency).", valueName: "p"),
    transform: ArgumentValue.number)
  var periodsPerYear: Double?

  @Option(name: .long, help: "Output format.")
  var format: OutputFormat = .table

  @Argument(help: ArgumentHelp("Files (or folders) holding the series.", valueName: "file"))
  var files: [String]

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("Give at least one file holding the series.") }
    try OptionCheck.value("--band", band, Self.bandRange)
    try OptionCheck.value("--risk-free", riskFree, RankScoreSettings.riskFreeRange)
    try OptionCheck.value("--periods-per-year", periodsPerYear, FundCleaningRules.periodsPerYearRange)
    _ = try parsedWeights()
  }

  /// Threshold band: above 0 and below 1 (an absolute weight).
  static let bandRange = ValidRange.above(0, unit: .fraction).below(1)

  /// `CODE=w` pairs in order; a weight is a fraction or a percentage (`SP500=0.6` or `SP500=60%`).
  func parsedWeights() throws -> [(String, Double)] {
    var pairs: [(String, Double)] = []
    for part in weights.split(separator: ",") {
      let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
      guard pieces.count == 2, !pieces[0].isEmpty, let w = try? ArgumentValue.fraction(pieces[1]) else {
        throw ValidationError("cannot read '\(part)' in --weights: write CODE=weight, e.g. SP500=0.6 or SP500=60%.")
      }
      guard w >= 0 else {
        throw ValidationError("the weight of '\(pieces[0])' in --weights is negative: blend weights are 0 or more.")
      }
      guard !pairs.contains(where: { $0.0 == pieces[0] }) else {
        throw ValidationError("'\(pieces[0])' appears twice in --weights.")
      }
      pairs.append((pieces[0], w))
    }
    guard !pairs.isEmpty else { throw ValidationError("--weights is empty.") }
    let total = pairs.reduce(0) { $0 + $1.1 }
    guard abs(total - 1) <= 1e-9 else {
      throw ValidationError(
        "the weights sum to \(NumberFormat.decimal(total)) (\(NumberFormat.decimal(total * 100))%), not 1: adjust "
          + "them so they add up to 1 (100%).")
    }
    return pairs
  }

  func run() throws {
    let pairs = try parsedWeights()
    try reportingErrors {
      let all = try FundUniverse.loadSeries(files).series
      var chosen: [NAVSeries] = []
      for (code, _) in pairs {
        guard let s = all.first(where: { $0.code == code }) else {
          throw InputError(
            file: files.joined(separator: ", "), message: "unknown series '\(code)' in --weights",
            suggestion: "Choose among: \(all.map(\.code).joined(separator: ", ")).")
        }
        chosen.append(s)
      }
      let rule: BlendRebalancing =
        switch rebalance {
        case .annual: .annual
        case .threshold: .threshold(band: band)
        case .never: .never
        }
      let source = files.joined(separator: ", ")
      let blend: BlendBacktest
      do throws(BlendBacktest.Failure) {
        blend = try BlendBacktest(
          series: chosen, weights: pairs.map(\.1), rebalancing: rule, periodsPerYear: periodsPerYear)
      } catch .tooFewCommonDates(let count) {
        throw InputError(
          file: source, message: "the series share \(count) date\(count == 1 ? "" : "s"); a backtest needs three",
          suggestion: "Blend series that overlap in time.")
      } catch .irregularDates(let gap) {
        throw InputError(
          file: source,
          message: "the common dates are \(NumberFormat.fixed(gap, decimals: 0)) days apart (median): too sparse to "
            + "annualise by frequency",
          suggestion: "Give --periods-per-year (e.g. 4 for quarterly values).")
      }
      switch format {
      case .table: emit(blend.table(riskFree: riskFree, style: .automatic))
      case .json: emit(blend.json(riskFree: riskFree).rendered())
      case .csv: emit(blend.csv)
      }
    }
  }
}

/// `--weights`, required: its own group so that `help` lists it first.
struct BlendWeightsOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Weights CODE=w,CODE=w,… (fractions or percentages, non-negative, summing to 1).", valueName: "weights"))
  var weights: String
}
