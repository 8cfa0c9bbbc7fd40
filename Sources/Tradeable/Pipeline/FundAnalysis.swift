import LinearAlgebra

/// The capital-independent part of FOF selection, computed once (DESIGN.md §8 with §5–§6's engine): the fund
/// counterpart of `UniverseAnalysis`, through the same stages. Cleaning screens every product for frequency and
/// history (and merges managers); the risk and cost stages measure each entry's volatility, fee drag, SR cost and unit
/// risk; the volatility and cost filters screen what cleaning kept; the pool's monthly correlation matrix comes from
/// the core's periodic panel and `flooredCorrelation` (no floor). `select(capital:)` adds the capital filter and runs
/// the selection.
///
/// As in `UniverseAnalysis`, each stage gets its own settings from `settings`, and what one stage needs of another's
/// parameters is handed down here as a plain value.
public struct FundAnalysis: Sendable {
  /// The input.
  public let universe: FundUniverse
  /// Cleaned entries (products or managers), input order.
  public let entries: [FundEntry]
  /// Settings of every stage.
  public let settings: FundSelectionSettings
  /// Exchange rates into the base currency.
  public let fx: FXRates
  /// Latest NAV date over every entry: the end of the correlation window.
  public let lastDate: CalendarDay?
  /// One per entry.
  public let metrics: [FundSelectionMetrics]
  /// Capital each entry needs alone at its best case (the capital filter's figure), entry order; `nil` without a
  /// volatility.
  public let standaloneCapital: [Double?]
  /// Screening without the capital filter, entry order: cleaning's reasons, then `volatility` and `cost` for what
  /// cleaning kept.
  public let screening: [Screening]
  /// Entries in the pool (every filter but capital passed), entry order.
  public let pool: [Int]
  /// Monthly correlations of the pool (no floor; undefined pairs 0), with how they were estimated; `nil` when the
  /// pool is selected matrix-free (`FundRiskSettings.usesMatrixFree`).
  public let poolCorrelation: CorrelationEstimate?
  /// The pool's monthly panel, kept for matrix-free selection (each chosen product's row is computed from it).
  public let poolPanel: CorrelationPanel?
  /// Whether the selection works matrix-free: no `N × N` matrix and no repair; the chosen set's own matrix is
  /// checked and reported.
  public let matrixFree: Bool
  /// The positive-definiteness check of the pool's matrix, made once for every capital (DESIGN.md §3, as for
  /// futures): a set's Sharpe ratio does not depend on the capital, and feasibility is monotone in it. `nil` when
  /// matrix-free.
  public let poolRepair: CorrelationRepair?
  /// The matrix every selection reads (pool order): the pool's, repaired when the check asked for it; `nil` when
  /// matrix-free.
  public let selectionCorrelation: Matrix?
  /// Why the repair could not run (the eigen-solver failed); `select(capital:)` throws it.
  let correlationFailure: (any Error)?
  /// The capital at which some product first becomes selectable, and which.
  public let smallestWorkable: WorkableCapital?

  /// Cleans and measures `universe`. Every product needs a minimum subscription and a currency `fx` knows: the first
  /// one without is an `InputError` at its line of the products file.
  public init(universe: FundUniverse, settings: FundSelectionSettings = FundSelectionSettings(), fx: FXRates)
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
    let entries = try universe.cleaned(settings.cleaning)
    self.universe = universe
    self.entries = entries
    self.settings = settings
    self.fx = fx
    let lastDate = entries.compactMap(\.series.lastDate).max()
    self.lastDate = lastDate

    // Risk and costs. A manager series carries its members' fees, each at the member's own volatility (at its
    // detected frequency).
    let risk = settings.risk
    let metrics = entries.indices.map { k in
      let entry = entries[k]
      let feeMembers: [FundSelectionMetrics.FeeMember] =
        entry.isMerged
        ? entry.members.map { i in
          let s = universe.series[i]
          return (
            universe.products[i],
            ReportingFrequency.detect(s.dates)?.periodsPerYear.flatMap {
              s.trailingVolatility(months: risk.volatilityMonths, periodsPerYear: $0)
            }
          )
        }
        : [(entry.product, nil)]
      // A manager series is at its stop line when one of its members is (each member's latest NAV against its line).
      let stopped = entry.members.contains { i in
        universe.series[i].navs.last.flatMap { universe.products[i].lineStatus(nav: $0) }?.isAtOrBelowStopLine ?? false
      }
      return FundSelectionMetrics(
        entry: k, code: entry.code, series: entry.series, frequency: entry.frequency,
        periodsPerYear: entry.periodsPerYear, product: entry.product, feeMembers: feeMembers,
        fxRate: fx.rate(entry.product.currency ?? fx.baseCurrency) ?? .nan, risk: risk, costs: settings.costs,
        isAtOrBelowStopLine: stopped)
    }
    self.metrics = metrics
    let capitalFilter = settings.filters.capital
    let standalone = metrics.map { m in
      m.unitRisk.map { capitalFilter.minimumCapital(unitRisk: $0, sizing: settings.sizing) }
    }
    self.standaloneCapital = standalone

    // Filters in stages: each screens only what the stages before kept (cleaning first).
    let context = FilterContext(universeLastDate: lastDate, capital: nil, sizing: settings.sizing)
    var screening = entries.map { Screening(reasons: $0.reasons) }
    for stage in settings.filters.stagesWithoutCapital {
      for k in entries.indices where screening[k].isEligible {
        screening[k].reasons += stage.screen(metrics[k], context: context).reasons
      }
    }
    self.screening = screening
    let pool = entries.indices.filter { screening[$0].isEligible }
    self.pool = pool
    self.smallestWorkable = WorkableCapital.smallest(
      over: pool, codes: metrics.map(\.code), unitRisk: metrics.map(\.unitRisk), standaloneCapital: standalone,
      sizing: settings.sizing)

    // Correlation: monthly returns of the pool, no floor; matrix-free above the threshold.
    let matrixFree = risk.usesMatrixFree(poolSize: pool.count)
    self.matrixFree = matrixFree
    if let lastDate, !pool.isEmpty {
      let panel = PeriodicPanel.monthlyReturns(
        pool.map { entries[$0].series }, lastDate: lastDate, months: risk.correlationMonths
      ).correlationPanel()
      self.poolPanel = matrixFree ? panel : nil
      self.poolCorrelation = matrixFree ? nil : flooredCorrelation(panel, floor: FundRiskSettings.noCorrelationFloor)
    } else {
      self.poolPanel = nil
      self.poolCorrelation =
        matrixFree
        ? nil
        : CorrelationEstimate(matrix: Matrix(rows: 0, columns: 0), undefinedPairs: 0, flooredPairs: 0, hadGaps: false)
    }
    var repair: CorrelationRepair? = nil
    var matrix: Matrix? = nil
    var failure: (any Error)? = nil
    if let poolCorrelation {
      repair = CorrelationRepair(smallestEigenvalue: .infinity, repaired: false, clippedEigenvalues: 0)
      matrix = poolCorrelation.matrix
      do {
        (matrix, repair) = try repairCorrelation(
          poolCorrelation.matrix, threshold: risk.positiveDefiniteThreshold, floor: risk.eigenvalueFloor)
      } catch {
        failure = error
      }
    }
    self.poolRepair = repair
    self.selectionCorrelation = matrix
    self.correlationFailure = failure
  }

  /// What reports say about the universe as a whole.
  public var summary: FundUniverseSummary {
    FundUniverseSummary(
      source: universe.source, productsFile: universe.productsFile, baseCurrency: fx.baseCurrency,
      productCodes: universe.products.map(\.code), lastDate: lastDate, poolSize: pool.count,
      smallestWorkable: smallestWorkable, undefinedPairs: poolCorrelation?.undefinedPairs, settings: settings)
  }

  /// The capital filter and the selection at `capital`.
  public func select(capital: Double) throws -> FundSelection {
    let context = FilterContext(universeLastDate: lastDate, capital: capital, sizing: settings.sizing)
    let capitalFilter = settings.filters.capital
    var screening = self.screening
    for k in pool where capitalFilter.excludes(metrics[k], in: context) { screening[k].reasons.append(.capital) }
    var positions: [Int] = []
    for (position, k) in pool.enumerated() where screening[k].isEligible { positions.append(position) }
    let eligible = positions.map { pool[$0] }
    if let correlationFailure { throw correlationFailure }
    let candidates = eligible.map { k in
      SelectionCandidate(
        index: k, code: metrics[k].code, netSR: metrics[k].netSR!, annualSRCost: metrics[k].annualSRCost!,
        unitRisk: metrics[k].unitRisk!, unitValue: metrics[k].minimumSubscription!,
        standaloneCapital: standaloneCapital[k]!)
    }
    let search = SelectionSearch(capital: capital, sizing: settings.sizing, rules: settings.selection)
    let outcome: SearchOutcome
    let repair: CorrelationRepair
    if let selectionCorrelation, let poolRepair {
      // The eligible products' entries of the pool's repaired matrix, read in place.
      let rows = SubmatrixRows(matrix: selectionCorrelation, positions: positions)
      outcome = search.run(candidates, correlation: rows)
      repair = poolRepair
    } else {
      // Matrix-free: the rows of the products the search asks for, from the panel; the chosen set's matrix is
      // checked (its smallest eigenvalue reported), not repaired.
      let rows = PanelCorrelationRows(
        panel: poolPanel!, columns: positions, floor: FundRiskSettings.noCorrelationFloor)
      let chosen: Matrix
      (outcome, chosen) = search.runKeepingRows(candidates, correlation: rows, carried: nil, progress: nil)
      repair = CorrelationRepair(
        smallestEigenvalue: chosen.rows > 0 ? try chosen.smallestEigenvalue() : .infinity, repaired: false,
        clippedEigenvalues: 0)
    }
    let portfolio = Portfolio(set: outcome.final, candidates: candidates, capital: capital, sizing: settings.sizing)
    return FundSelection(
      capital: capital, universe: summary, entries: entries, metrics: metrics, standaloneCapital: standaloneCapital,
      screening: screening, eligible: eligible, search: outcome.renamed(candidates.map(\.index)), portfolio: portfolio,
      repair: repair, matrixFree: matrixFree)
  }
}
