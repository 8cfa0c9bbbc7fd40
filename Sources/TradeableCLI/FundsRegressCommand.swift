import ArgumentParser
import FundResearch
import Tradeable

/// `tradeable funds regress`: style regression on factor returns.
struct FundsRegressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "regress",
    abstract: "Regress each product's returns on factor returns (OLS, or Sharpe's style analysis with --style).",
    discussion: """
      Returns are taken over the dates a product shares with every factor. Least squares through LAPACK (dgels); \
      standard errors from σ²(XᵀX)⁻¹; two-sided p-values from Student's t with n − k degrees of freedom; a \
      rank-deficient design or an exact fit (R² = 1) is a warning instead of absurd t-statistics. With --style, \
      returns-based style analysis (Sharpe 1992): weights w ≥ 0, Σ w = 1, no intercept, minimising the squared \
      difference from the product's returns, with R² = 1 − var(e)/var(r) and the tracking error sd(e) × √P; \
      --rolling N repeats it over every full N-month window ending at a month end (style drift), and --html FILE \
      draws the drift as stacked areas.
      """)

  @OptionGroup(title: "Input") var input: FundsInputOptions

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Factor series (same layouts as the NAVs; default: the bundled S&P 500 index, data/funds/sp500_index.csv).",
      valueName: "file"))
  var factors: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Use only this factor (repeat for several; default: every series of the factor file).", valueName: "code"))
  var factor: [String] = []

  @Option(name: .long, help: ArgumentHelp("Regress only this product (repeat for several).", valueName: "code"))
  var product: [String] = []

  @Option(name: .long, help: ArgumentHelp("First date.", valueName: "date"))
  var start: CalendarDay?

  @Option(name: .long, help: ArgumentHelp("Last date.", valueName: "date"))
  var end: CalendarDay?

  @Flag(name: .long, help: "Fit without an intercept (alpha).")
  var noIntercept = false

  @Flag(name: .long, help: "Returns-based style analysis: long-only weights summing to 1 (Sharpe 1992).")
  var style = false

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "With --style, also each full window of this many calendar months ending at a month end "
        + "(\(valid(RollingStyleAnalysis.monthsRange))).", valueName: "months"),
    transform: ArgumentValue.count)
  var rolling: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "With --style --rolling, write a self-contained HTML page of the style drift ('-' for standard output).",
      valueName: "file"))
  var html: String?

  func validate() throws {
    if !style {
      if rolling != nil { throw ValidationError("--rolling is a window of the style analysis: add --style.") }
      if html != nil { throw ValidationError("--html draws the style analysis' drift: add --style --rolling N.") }
    } else {
      if noIntercept {
        throw ValidationError("--no-intercept is for the OLS regression; style analysis never has an intercept.")
      }
      if html != nil && rolling == nil {
        throw ValidationError("--html draws the weights over rolling windows: add --rolling N (e.g. --rolling 36).")
      }
    }
    try OptionCheck.value("--rolling", rolling, RollingStyleAnalysis.monthsRange)
    if let html, html.isEmpty { throw ValidationError("--html needs a file name.") }
  }

  func run() throws {
    try reportingErrors {
      let (_, entries) = try input.load()
      let factorPath = factors ?? BundledFunds.index
      var factorSeries = try FundUniverse.loadSeries([factorPath]).series
      if let date = input.date { factorSeries = factorSeries.map { $0.truncated(through: date) } }
      if !factor.isEmpty {
        let available = factorSeries.map(\.code)
        for code in factor where !available.contains(code) {
          throw InputError(
            file: factorPath, line: 1, message: "unknown factor '\(code)'",
            suggestion: "Choose among: \(available.joined(separator: ", ")).")
        }
        factorSeries = factor.map { code in factorSeries.first { $0.code == code }! }
      }
      var chosen = entries
      if !product.isEmpty {
        let available = entries.map(\.code)
        for code in product where !available.contains(code) {
          throw InputError(
            file: input.navsPath, message: "unknown product '\(code)'",
            suggestion: "Choose among: \(available.joined(separator: ", ")).")
        }
        chosen = entries.filter { product.contains($0.code) }
      }
      if style {
        let report = StyleAnalysisReport(
          entries: chosen, factors: factorSeries, factorSource: factorPath, start: start, end: end,
          rollingMonths: rolling, periodsPerYear: input.periodsPerYear)
        if report.isEmpty {
          printError(
            InputError(
              file: input.navsPath, message: "no product could be analysed — \(report.firstFailure ?? "no product")",
              suggestion: "Give factors that share more dates with the products, or fewer factors."
            ).description)
          throw ExitCode(1)
        }
        if let html {
          try writeHTML(html, report.html(command: "tradeable funds regress --style"), what: "the style analysis")
          if html == "-" { return }
        }
        switch input.format {
        case .table: emit(report.table(style: .automatic))
        case .json: emit(report.json.rendered())
        case .csv: emit(report.csv)
        }
        return
      }
      let report = try StyleRegressionReport(
        entries: chosen, factors: factorSeries, factorSource: factorPath, start: start, end: end,
        intercept: !noIntercept, periodsPerYear: input.periodsPerYear)
      switch input.format {
      case .table: emit(report.table(style: .automatic))
      case .json: emit(report.json.rendered())
      case .csv: emit(report.csv)
      }
    }
  }
}
