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

  @Option(
    name: .long, help: ArgumentHelp("Weights CODE=w,CODE=w,… (non-negative, summing to 1).", valueName: "weights"))
  var weights: String

  @Option(name: .long, help: "When to rebalance.")
  var rebalance: BlendRule = .annual

  @Option(name: .long, help: ArgumentHelp("Threshold band, absolute weight (0.05 = 5 points).", valueName: "b"))
  var band: Double = 0.05

  @Option(name: .long, help: ArgumentHelp("Annual risk-free rate for the Sharpe ratio, a fraction.", valueName: "r"))
  var riskFree: Double = 0

  @Option(
    name: .long, help: ArgumentHelp("Periods a year (default: the common dates' detected frequency).", valueName: "p"))
  var periodsPerYear: Double?

  @Option(name: .long, help: "Output format.")
  var format: OutputFormat = .table

  @Argument(help: ArgumentHelp("Files (or folders) holding the series.", valueName: "file"))
  var files: [String]

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("Give at least one file holding the series.") }
    guard band > 0, band < 1 else { throw ValidationError("--band must be in (0, 1).") }
    if let periodsPerYear, !(periodsPerYear > 0) { throw ValidationError("--periods-per-year must be positive.") }
  }

  /// `CODE=w` pairs in order.
  func parsedWeights() throws -> [(String, Double)] {
    var pairs: [(String, Double)] = []
    for part in weights.split(separator: ",") {
      let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).strippingSpaces() }
      guard pieces.count == 2, !pieces[0].isEmpty, let w = Double(pieces[1]), w.isFinite, w >= 0 else {
        throw ValidationError("cannot read '\(part)' in --weights: write CODE=weight, e.g. SP500=0.6.")
      }
      guard !pairs.contains(where: { $0.0 == pieces[0] }) else {
        throw ValidationError("'\(pieces[0])' appears twice in --weights.")
      }
      pairs.append((pieces[0], w))
    }
    guard !pairs.isEmpty else { throw ValidationError("--weights is empty.") }
    let total = pairs.reduce(0) { $0 + $1.1 }
    guard abs(total - 1) <= 1e-9 else {
      throw ValidationError("the weights sum to \(total), not 1: adjust them so they add up to 1.")
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

extension String {
  /// Without leading and trailing spaces.
  fileprivate func strippingSpaces() -> String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
