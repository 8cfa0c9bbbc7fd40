import LinearAlgebra

/// The capital-independent part of the pipeline, computed once: metrics of every instrument, the filters that do not
/// depend on capital, the weekly correlation panel of the instruments that pass them (the pool) and — on the full
/// path — their floored correlation matrix, repaired once when it is not positive definite (DESIGN.md §3).
/// `select(capital:)` then applies the capital filter and the selection, so a sweep over many capitals reuses all of
/// it: every capital reads the eligible instruments' entries of the one repaired pool matrix, so a set's Sharpe ratio
/// never depends on the capital and a set feasible at one capital is feasible at every larger one.
///
/// This is where the stages meet: each stage gets its own settings from `settings`, and what one stage needs of
/// another's parameters (the liquidity filter's window for the cost stage's liquidity measurement) is handed down
/// here, so no stage reads a later stage's settings.
public struct UniverseAnalysis: Sendable {
  /// The loaded data.
  public let universe: Universe
  /// Settings of every stage.
  public let settings: PipelineSettings
  /// Latest price date over all instruments.
  public let lastDate: CalendarDay?
  /// Metrics of every instrument, input order.
  public let metrics: [InstrumentMetrics]
  /// Capital each instrument needs alone at its best case (the capital filter's figure), input order; `nil` without
  /// a volatility.
  public let standaloneCapital: [Double?]
  /// Screening by history, stale, liquidity and cost, input order.
  public let screening: [Screening]
  /// Input indices of the instruments that pass those filters, input order: the pool selection draws from.
  public let pool: [Int]
  /// Weekly panel of `pool` (same order), prepared for correlations.
  public let poolPanel: CorrelationPanel
  /// Whether selection is matrix-free (the pool is over the threshold, or it was asked for).
  public let matrixFree: Bool
  /// Floored weekly correlations of `pool` (same order); `nil` when matrix-free.
  public let poolCorrelation: CorrelationEstimate?
  /// The positive-definiteness check of the pool's floored matrix (DESIGN.md §3); `nil` when matrix-free or with the
  /// repair off.
  public let poolRepair: CorrelationRepair?
  /// The matrix every selection reads (pool order): the floored matrix, repaired when the check asked for it; `nil`
  /// when matrix-free. The same storage as `poolCorrelation.matrix` when no repair was needed.
  public let selectionCorrelation: Matrix?
  /// Why the repair could not run (the eigen-solver failed); `select(capital:)` throws it.
  let correlationFailure: (any Error)?
  /// The capital at which some instrument first becomes selectable, and which (see `WorkableCapital`).
  public let smallestWorkable: WorkableCapital?
  /// A warning when most instruments are stale against the universe's last date (see `LastDateCheck`).
  public let lastDateCheck: LastDateCheck?

  ///
  /// A universe that holds summaries (`PriceLoading.summaries`) hands them over: the analysis reads each once and lets
  /// it go — the recent prices after measuring, the weekly closes after the correlation panel — so that the whole run
  /// never holds more than one copy of what it read. Pass the universe with `consume` so that no other reference
  /// keeps them alive; `self.universe` then holds the instruments, FX and last date (`Universe.pricesReleased`).
  public init(
    universe: consuming Universe, settings: PipelineSettings = PipelineSettings(), observer: PipelineObserver? = nil
  ) {
    self.settings = settings
    self.lastDate = universe.lastDate
    observer?.stageStarted(.measure, total: universe.count)
    // The summaries, held here alone (one reference, so each inner array is freed when released below).
    var summaries: [PriceSummary]
    if universe.keepsHistories {
      summaries = universe.priceSummaries(keeping: settings.priceRetention)
    } else {
      summaries = universe.takeSummaries()!
      precondition(
        summaries.allSatisfy { $0.retention.covers(settings.priceRetention) },
        "the universe was loaded keeping less than the pipeline reads")
    }
    let metrics = universe.metrics(
      summaries, risk: settings.risk, costs: settings.costs, liquidityDays: settings.filters.liquidity.days)
    // Only the weekly closes are read from here on.
    for i in summaries.indices { summaries[i].releaseRecentPrices() }
    releaseFreedMemory()
    self.metrics = metrics
    let capitalFilter = settings.filters.capital
    let standalone = metrics.map { m in
      m.currencyVolatility.map { capitalFilter.minimumCapital(unitRisk: $0, sizing: settings.sizing) }
    }
    self.standaloneCapital = standalone
    let context = FilterContext(universeLastDate: lastDate, capital: nil, sizing: settings.sizing)
    let screening = settings.filters.withoutCapital.screen(metrics, context: context)
    self.screening = screening
    self.lastDateCheck = LastDateCheck(lastDate: lastDate, metrics: metrics, screening: screening)
    let pool = screening.indices.filter { screening[$0].isEligible }
    self.pool = pool
    self.smallestWorkable = WorkableCapital.smallest(
      over: pool, codes: metrics.map(\.code), unitRisk: metrics.map(\.currencyVolatility),
      standaloneCapital: standalone, sizing: settings.sizing)
    observer?.stageFinished(.measure)
    observer?.stageStarted(.correlation, total: nil)
    let poolSummaries = pool.map { summaries[$0] }
    summaries = []
    let panel = Universe.correlationPanel(poolSummaries, lastDate: lastDate, settings: settings.correlation)
    self.poolPanel = panel
    let matrixFree = settings.correlation.usesMatrixFree(poolSize: pool.count)
    self.matrixFree = matrixFree
    let floored = matrixFree ? nil : flooredCorrelation(panel, floor: settings.correlation.floor)
    self.poolCorrelation = floored
    observer?.stageFinished(.correlation)
    var repair: CorrelationRepair? = nil
    var matrix = floored?.matrix
    var failure: (any Error)? = nil
    if let floored, settings.correlation.repair {
      // The repair is its own stage (an eigendecomposition of the pool's matrix: O(n³), once for every capital).
      observer?.stageStarted(.repair, total: nil)
      defer { observer?.stageFinished(.repair) }
      do {
        (matrix, repair) = try repairCorrelation(
          floored.matrix, threshold: settings.correlation.positiveDefiniteThreshold,
          floor: settings.correlation.eigenvalueFloor)
      } catch {
        failure = error
      }
    }
    self.poolRepair = repair
    self.selectionCorrelation = matrix
    self.correlationFailure = failure
    self.universe = universe
  }

  /// What reports say about the universe as a whole.
  public var summary: UniverseSummary {
    UniverseSummary(
      source: universe.source, baseCurrency: universe.fx.baseCurrency, instrumentCount: universe.count,
      lastDate: lastDate, poolSize: pool.count, smallestWorkable: smallestWorkable, settings: settings)
  }

  /// Screening at `capital` (the capital filter added to the capital-independent reasons) and the positions in
  /// `pool` of the instruments that pass every filter, in pool order.
  public func screening(capital: Double) -> (screening: [Screening], positions: [Int]) {
    let context = FilterContext(universeLastDate: lastDate, capital: capital, sizing: settings.sizing)
    let capitalFilter = settings.filters.capital
    var screening = self.screening
    for i in metrics.indices where capitalFilter.excludes(metrics[i], in: context) {
      screening[i].reasons.append(.capital)
    }
    var positions: [Int] = []
    for (position, i) in pool.enumerated() where screening[i].isEligible { positions.append(position) }
    return (screening, positions)
  }

  /// The correlations of the instruments eligible at `capital` (eligible order) as the selection reads them: their
  /// entries of `selectionCorrelation`. `nil` when matrix-free.
  public func eligibleCorrelation(capital: Double) -> Matrix? {
    selectionCorrelation?.principalSubmatrix(screening(capital: capital).positions)
  }

  /// Runs the capital filter and the selection at `capital` (DESIGN.md §6, and §6b by `settings.selection.search`).
  /// A sweep passes the set it reported at the previous, smaller capital as `carried` (input indices, in the order
  /// they joined it, and that capital).
  ///
  /// `search` overrides the settings' search mode for this selection only (the walk-forward's greedy and refined
  /// baselines select on one analysis).
  public func select(
    capital: Double, carried: (members: [Int], capital: Double)? = nil, search mode: SearchMode? = nil,
    observer: PipelineObserver? = nil
  ) throws -> SelectionResult {
    if let correlationFailure { throw correlationFailure }
    let (screening, positions) = self.screening(capital: capital)
    let eligible = positions.map { pool[$0] }
    let candidates = eligible.map { i in
      SelectionCandidate(
        index: i, code: metrics[i].code, netSR: metrics[i].netSR!, annualSRCost: metrics[i].annualSRCost!,
        unitRisk: metrics[i].currencyVolatility!, unitValue: metrics[i].notional,
        standaloneCapital: standaloneCapital[i]!)
    }
    var rules = settings.selection
    if let mode { rules.search.mode = mode }
    let search = SelectionSearch(capital: capital, sizing: settings.sizing, rules: rules)
    observer?.stageStarted(.selection, total: nil)
    defer { observer?.stageFinished(.selection) }
    let report: (Int) -> Void = { observer?.stageAdvanced(.selection, done: $0) }
    let candidatePosition = Dictionary(uniqueKeysWithValues: eligible.enumerated().map { ($1, $0) })
    let carriedSet = carried.flatMap { set -> SelectionSearch.Carried? in
      let members = set.members.compactMap { candidatePosition[$0] }
      return members.count == set.members.count ? SelectionSearch.Carried(members: members, capital: set.capital) : nil
    }
    let outcome: SearchOutcome
    let selected: Matrix
    var selectedFloored: Matrix? = nil
    if let selectionCorrelation {
      // The eligible instruments' entries of the pool's matrix, read in place (no N × N copy of the eligible part).
      let rows = SubmatrixRows(matrix: selectionCorrelation, positions: positions)
      (outcome, selected) = search.runKeepingRows(candidates, correlation: rows, carried: carriedSet, progress: report)
      if let poolCorrelation, poolRepair?.repaired == true {
        // The chosen set's pairs before the repair, for how far it moved them.
        selectedFloored = poolCorrelation.matrix.principalSubmatrix((outcome.final?.members ?? []).map { positions[$0] })
      }
    } else {
      let rows = PanelCorrelationRows(panel: poolPanel, columns: positions, floor: settings.correlation.floor)
      (outcome, selected) = search.runKeepingRows(candidates, correlation: rows, carried: carriedSet, progress: report)
    }
    let portfolio = Portfolio(set: outcome.final, candidates: candidates, capital: capital, sizing: settings.sizing)
    let correlation = CorrelationSummary(
      matrixFree: matrixFree, poolSize: pool.count, weeks: poolPanel.rows, panelHasGaps: poolPanel.hasGaps,
      eligibleCount: eligible.count, undefinedPairs: poolCorrelation?.undefinedPairs, repair: poolRepair,
      selected: selected, selectedFloored: selectedFloored)
    return SelectionResult(
      capital: capital, universe: summary, instruments: universe.instruments, metrics: metrics,
      standaloneCapital: standaloneCapital, screening: screening, eligible: eligible,
      search: outcome.renamed(candidates.map(\.index)), portfolio: portfolio, correlation: correlation)
  }
}

#if canImport(Glibc)
  import Glibc
#endif

/// Returns memory freed in small blocks to the operating system (glibc keeps freed small blocks for reuse, so a
/// large structure freed piece by piece would still count in the process's resident memory while the next stage maps
/// its own; `malloc_trim` gives the free pages back). Elsewhere nothing to do.
func releaseFreedMemory() {
  #if canImport(Glibc)
    // Not in the Glibc module's headers: looked up once by name.
    if let trim = mallocTrim { _ = trim(0) }
  #endif
}

#if canImport(Glibc)
  /// glibc's `malloc_trim`, when the C library has it.
  let mallocTrim: (@convention(c) (Int) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
  }()
#endif
