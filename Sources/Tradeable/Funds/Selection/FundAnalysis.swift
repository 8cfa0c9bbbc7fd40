import LinearAlgebra

/// The capital-independent part of FOF selection, computed once (DESIGN.md §8 with §6's greedy engine): each entry's
/// volatility, fee drag, SR cost and unit risk; the entries that pass cleaning and the volatility and cost checks
/// (the pool); and the pool's monthly correlation matrix. `select(capital:)` adds the capital filter and runs
/// `GreedySelector`.
public struct FundAnalysis: Sendable {
  /// The input.
  public let universe: FundUniverse
  /// Cleaned entries (products or managers), input order.
  public let entries: [FundEntry]
  /// Settings (`capital` ignored here).
  public let settings: FundSelectionSettings
  /// Exchange rates into the base currency.
  public let fx: FXRates
  /// Latest NAV date over every entry: the end of the correlation window.
  public let lastDate: CalendarDay?
  /// One per entry.
  public let metrics: [FundSelectionMetrics]
  /// Reasons per entry without the capital filter (cleaning, then `volatility`, `cost`).
  public let reasons: [[FundExclusionReason]]
  /// Entries in the pool, input order.
  public let pool: [Int]
  /// Monthly correlations of the pool (no floor; undefined pairs 0).
  public let poolCorrelation: Matrix
  /// Pool pairs with no defined correlation (fewer than two common months, or no variation), set to 0.
  public let undefinedPairs: Int
  /// Whether the monthly panel had gaps (pairwise-complete path).
  public let hadGaps: Bool

  /// Measures `entries` of `universe`. Every product needs a minimum subscription and a currency `fx` knows: the
  /// first one without is an `InputError` at its line of the products file.
  public init(universe: FundUniverse, entries: [FundEntry], settings: FundSelectionSettings, fx: FXRates)
    throws(InputError)
  {
    let productsFile = universe.productsFile ?? universe.source
    guard universe.productsFile != nil else {
      throw InputError(
        file: universe.source, message: "FOF selection needs a products file (minimum subscriptions and fees)",
        suggestion: "Give --products with the columns \(FundProduct.columns.joined(separator: ",")).")
    }
    for product in universe.products {
      if product.minimumSubscription == nil {
        throw InputError(
          file: productsFile, line: product.sourceLine, column: nil,
          message: "product '\(product.code)' has no min_subscription",
          suggestion: "Give the smallest amount one can invest in it (its currency); selection treats it as the "
            + "indivisible unit.")
      }
      let currency = product.currency ?? fx.baseCurrency
      if fx.rate(currency) == nil {
        throw InputError(
          file: productsFile, line: product.sourceLine, column: nil,
          message: "unknown currency '\(currency)' for '\(product.code)': no FX rate into \(fx.baseCurrency)",
          suggestion: "Give --fx with a file 'currency,rate' holding \(currency), or --base-currency \(currency).")
      }
    }
    self.universe = universe
    self.entries = entries
    self.settings = settings
    self.fx = fx
    let lastDate = entries.compactMap(\.series.lastDate).max()
    self.lastDate = lastDate
    // Each input product's own volatility at its detected frequency, for the fee drags of manager series.
    let memberVolatility: (Int) -> Double? = { i in
      let s = universe.series[i]
      guard let p = ReportingFrequency.detect(s.dates)?.periodsPerYear else { return nil }
      return FundMetrics.volatility(s.trailingReturns(months: settings.volatilityMonths), periodsPerYear: p)
    }
    let metrics = entries.indices.map { k in
      let currency = entries[k].product.currency ?? fx.baseCurrency
      return FundSelectionMetrics.measure(
        k, entries: entries, universe: universe, fxRate: fx.rate(currency) ?? .nan, settings: settings,
        memberVolatility: memberVolatility)
    }
    self.metrics = metrics
    var reasons = entries.map(\.reasons)
    for k in entries.indices where entries[k].isKept {
      guard let v = metrics[k].volatility, v > 0 else {
        reasons[k].append(.volatility)
        continue
      }
      if let limit = settings.maxSRCost, let cost = metrics[k].annualSRCost, cost > limit { reasons[k].append(.cost) }
    }
    self.reasons = reasons
    let pool = entries.indices.filter { reasons[$0].isEmpty }
    self.pool = pool
    var undefined = 0
    var hadGaps = false
    if let lastDate, !pool.isEmpty {
      let panel = MonthlyPanel(
        series: pool.map { entries[$0].series }, lastDate: lastDate, months: settings.correlationMonths)
      hadGaps = panel.mask != nil
      var c = PairwiseCorrelation.correlation(values: panel.values, mask: panel.mask)
      let n = pool.count
      for j in 0..<n {
        for i in 0..<j where c[i, j].isNaN {
          undefined += 1
          c[i, j] = 0
          c[j, i] = 0
        }
      }
      self.poolCorrelation = c
    } else {
      self.poolCorrelation = Matrix(rows: 0, columns: 0)
    }
    self.undefinedPairs = undefined
    self.hadGaps = hadGaps
  }

  /// Capital at which some product first becomes selectable: the smallest, over the pool, of the larger of its
  /// standalone minimum capital and the capital to hold it alone (`maxUnits × unitRisk / targetVolatility`).
  public var smallestWorkableCapital: Double? {
    pool.compactMap { k -> Double? in
      guard let standalone = metrics[k].minimumCapital, let risk = metrics[k].unitRisk else { return nil }
      return max(standalone, settings.maxUnits * risk / settings.targetVolatility)
    }.min()
  }

  /// The capital filter and the greedy selection at `capital`.
  public func select(capital: Double) throws -> FundSelection {
    var settings = self.settings
    settings.capital = capital
    var reasons = self.reasons
    for k in pool where capital < metrics[k].minimumCapital! { reasons[k].append(.capital) }
    var positions: [Int] = []
    for (position, k) in pool.enumerated() where reasons[k].isEmpty { positions.append(position) }
    let eligible = positions.map { pool[$0] }
    let (matrix, repair) = try repairCorrelation(
      poolCorrelation.principalSubmatrix(positions), threshold: settings.positiveDefiniteThreshold,
      floor: settings.eigenvalueFloor)
    let candidates = eligible.map { k in
      SelectionCandidate(
        index: k, code: metrics[k].code, netSR: metrics[k].netSR!, annualSRCost: metrics[k].annualSRCost!,
        unitRisk: metrics[k].unitRisk!, unitValue: metrics[k].minimumSubscription!,
        standaloneCapital: metrics[k].minimumCapital!)
    }
    let sizing = settings.sizing
    let rules = SelectionRules(
      weighting: .equal, maxInstruments: settings.maxInstruments, improvementTolerance: settings.improvementTolerance,
      search: settings.search)
    let search = SelectionSearch(capital: capital, sizing: sizing, rules: rules).run(candidates, correlation: matrix)
    let portfolio = Portfolio(set: search.final, candidates: candidates, capital: capital, sizing: sizing)
    return FundSelection(
      analysis: self, settings: settings, capital: capital, reasons: reasons, eligible: eligible,
      correlation: matrix, repair: repair, search: search.renamed(candidates.map(\.index)), portfolio: portfolio)
  }
}

/// A FOF selection at one capital, with everything the reports need (the fund counterpart of `SelectionResult`).
public struct FundSelection: Sendable {
  public let analysis: FundAnalysis
  public let settings: FundSelectionSettings
  /// Capital, base currency.
  public let capital: Double
  /// Reasons per entry, capital filter included; empty when eligible.
  public let reasons: [[FundExclusionReason]]
  /// Entry indices of the candidates, input order.
  public let eligible: [Int]
  /// Correlation matrix of the candidates after any repair.
  public let correlation: Matrix
  /// Positive-definiteness check of the candidates' matrix.
  public let repair: CorrelationRepair
  /// The greedy path, in entry indices.
  public var path: SelectionPath { search.path }
  /// How the chosen set was found (DESIGN.md §6b), in entry indices.
  public let search: SearchOutcome
  /// The chosen set (members named by entry index).
  public let portfolio: Portfolio

  /// Entry indices of the selected products, in the order added.
  public var selected: [Int] { portfolio.indices }

  /// Status of each entry.
  public var statuses: [InstrumentStatus] {
    var status = reasons.map { $0.isEmpty ? InstrumentStatus.eligible : .excluded }
    for k in selected { status[k] = .selected }
    return status
  }
}
