import ArgumentParser
import FundResearch
import Tradeable

/// `tradeable funds regress`: style regression on factor returns.
struct FundsRegressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "regress",
    abstract: "Regress each product's returns on factor returns: coefficients, t-statistics, p-values, R².",
    discussion: """
      Returns are taken over the dates a product shares with every factor. Least squares through LAPACK (dgels); \
      standard errors from σ²(XᵀX)⁻¹; two-sided p-values from Student's t with n − k degrees of freedom.
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
