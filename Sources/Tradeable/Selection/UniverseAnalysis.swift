import LinearAlgebra

/// The capital-independent part of the pipeline, computed once: metrics of every instrument, the filters that do not
/// depend on capital, the weekly correlation panel of the instruments that pass them and — on the full path — their
/// floored correlation matrix. `select(capital:)` then applies the capital filter and the greedy selection, so a
/// sweep over many capitals reuses all of it.
public struct UniverseAnalysis: Sendable {
  /// The loaded data.
  public let universe: Universe
  /// Settings (their `capital` is ignored here; each selection gives its own).
  public let settings: SelectionSettings
  /// Latest price date over all instruments.
  public let lastDate: CalendarDay?
  /// Metrics of every instrument, input order.
  public let metrics: [InstrumentMetrics]
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

  public init(universe: Universe, settings: SelectionSettings, observer: PipelineObserver? = nil) {
    self.universe = universe
    self.settings = settings
    self.lastDate = universe.lastDate
    observer?.stageStarted(.measure, total: universe.count)
    let metrics = universe.metrics(settings: settings)
    self.metrics = metrics
    let context = FilterContext(universeLastDate: lastDate, settings: settings)
    let screening = FilterPipeline.withoutCapital.screen(metrics, context: context)
    self.screening = screening
    let pool = screening.indices.filter { screening[$0].isEligible }
    self.pool = pool
    observer?.stageFinished(.measure)
    observer?.stageStarted(.correlation, total: nil)
    let panel = universe.correlationPanel(of: pool, settings: settings)
    self.poolPanel = panel
    let matrixFree = settings.usesMatrixFree(poolSize: pool.count)
    self.matrixFree = matrixFree
    self.poolCorrelation = matrixFree ? nil : flooredCorrelation(panel, floor: settings.correlationFloor)
    observer?.stageFinished(.correlation)
  }

  /// Capital at which some instrument first becomes selectable: the smallest, over instruments that pass every
  /// filter but capital, of the larger of their standalone minimum capital and the capital to hold them alone
  /// (`maxContracts × currencyVolatility / targetVolatility`). `nil` when no instrument passes those filters.
  public var smallestWorkableCapital: Double? {
    pool.compactMap { i -> Double? in
      guard let standalone = metrics[i].minimumCapital, let risk = metrics[i].currencyVolatility else { return nil }
      return max(standalone, settings.maxContracts * risk / settings.targetVolatility)
    }.min()
  }

  /// Runs the capital filter and the greedy selection at `capital`.
  public func select(capital: Double, observer: PipelineObserver? = nil) throws -> SelectionResult {
    var settings = self.settings
    settings.capital = capital
    let context = FilterContext(universeLastDate: lastDate, settings: settings)
    let capitalFilter = CapitalFilter()
    var screening = self.screening
    for i in metrics.indices where capitalFilter.excludes(metrics[i], in: context) {
      screening[i].reasons.append(.capital)
    }
    // Candidates: pool members that pass the capital filter, keeping pool order.
    var positions: [Int] = []
    for (position, i) in pool.enumerated() where screening[i].isEligible { positions.append(position) }
    let eligible = positions.map { pool[$0] }
    let candidates = eligible.map { i in
      SelectionCandidate(
        code: metrics[i].code, netSR: metrics[i].netSR!, annualSRCost: metrics[i].annualSRCost!,
        unitRisk: metrics[i].currencyVolatility!)
    }
    let rules = GreedyRules(
      capital: capital, maxUnits: settings.maxContracts, idmCap: settings.idmCap,
      targetVolatility: settings.targetVolatility, maxInstruments: settings.maxInstruments,
      improvementTolerance: settings.improvementTolerance)
    let selector = GreedySelector(rules: rules, weighting: settings.weighting)
    observer?.stageStarted(.selection, total: nil)
    defer { observer?.stageFinished(.selection) }
    let report: (Int) -> Void = { observer?.stageAdvanced(.selection, done: $0) }
    if let poolCorrelation {
      guard settings.repairCorrelation else {
        // No repair: read the pool's matrix in place (no N × N copy of the eligible part).
        let rows = SubmatrixRows(matrix: poolCorrelation.matrix, positions: positions)
        let path = selector.select(candidates, correlation: rows, progress: report)
        return SelectionResult(
          analysis: self, settings: settings, capital: capital, screening: screening, eligible: eligible,
          eligibleCorrelation: nil, repair: nil, path: path, rows: rows, matrixFree: false)
      }
      let (matrix, repair) = try repairCorrelation(
        poolCorrelation.matrix.principalSubmatrix(positions), threshold: settings.positiveDefiniteThreshold,
        floor: settings.eigenvalueFloor)
      let path = selector.select(candidates, correlation: matrix, progress: report)
      return SelectionResult(
        analysis: self, settings: settings, capital: capital, screening: screening, eligible: eligible,
        eligibleCorrelation: matrix, repair: repair, path: path, matrixFree: false)
    }
    let rows = PanelCorrelationRows(panel: poolPanel, columns: positions, floor: settings.correlationFloor)
    let path = selector.select(candidates, correlation: rows, progress: report)
    return SelectionResult(
      analysis: self, settings: settings, capital: capital, screening: screening, eligible: eligible,
      eligibleCorrelation: nil, repair: nil, path: path, rows: rows, matrixFree: true)
  }
}
