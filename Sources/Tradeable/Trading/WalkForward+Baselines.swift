import Dispatch
import LinearAlgebra

extension WalkForward.Strategy {
  /// The strategy the run's settings select with: the main strategy, whose set size the random baseline draws and
  /// whose selection with all the data is `in-sample`. `greedy` with `--search greedy`, else `refined` (the
  /// walk-forward refuses `exact`, whose time budget would make a run depend on the machine).
  static func main(_ settings: PipelineSettings) -> WalkForward.Strategy {
    settings.selection.search.mode == .greedy ? .greedy : .refined
  }

  /// The search mode this strategy selects with; `nil` for the baselines that do not search.
  public var search: SearchMode? {
    switch self {
    case .greedy: return .greedy
    case .refined: return .refined
    case .inSample, .lowestCost, .random, .ideal: return nil
    }
  }

  /// The search mode this strategy selects with, as its word (`greedy`, `refined`); `nil` for the baselines that do
  /// not search.
  public var searchMode: String? { search?.rawValue }

  /// The selection this strategy makes on `analysis` at `capital`: §6's greedy path for `greedy`, §6b's refinement
  /// for `refined`, the settings' own search for `in-sample` (the main strategy, with all the data). The baselines
  /// that do not search draw from the main selection's eligible instruments, which no search mode changes.
  func selection(_ analysis: UniverseAnalysis, capital: Double) throws -> SelectionResult {
    try analysis.select(capital: capital, search: search)
  }
}

extension WalkForward {
  /// A year of the range: 1 to 9,999 (the calendar's years).
  public static let yearRange = ValidRange.between(1, 9_999, unit: .count)

  /// The default range of years: from the first year by whose end some instrument has the history filter's minimum
  /// of prices (`filters.history.minimumPrices`), to the year before the universe's last date (the last year whose
  /// selection has a following year to trade).
  public static func defaultYears(_ universe: Universe, settings: PipelineSettings) -> (from: Int, to: Int) {
    guard let last = universe.lastDate else { return (0, -1) }
    let to = last.components.year - 1
    let needed = max(1, settings.filters.history.minimumPrices)
    let firstEnough = universe.histories.compactMap { $0.count >= needed ? $0.dates[needed - 1] : nil }.min()
    let first = firstEnough ?? universe.histories.compactMap(\.dates.first).min() ?? last
    return (min(first.components.year, to), to)
  }

  /// The rebalance dates of `from…to`: for each year, the last weekday of that year on which any instrument has a
  /// price; years without one are skipped (and returned).
  public static func rebalanceDates(_ universe: Universe, from: Int, to: Int) -> (dates: [CalendarDay], skipped: [Int]) {
    guard from <= to else { return ([], []) }
    var dates: [CalendarDay] = []
    var skipped: [Int] = []
    for year in from...to {
      guard let end = CalendarDay(year: year, month: 12, day: 31), let start = CalendarDay(year: year, month: 1, day: 1)
      else { continue }
      var best: CalendarDay? = nil
      for history in universe.histories {
        // The last price on or before 31 December, walked back over weekend prints.
        var k = history.count(through: end) - 1
        while k >= 0, history.dates[k] >= start, !history.dates[k].isWeekday { k -= 1 }
        guard k >= 0, history.dates[k] >= start else { continue }
        if best.map({ history.dates[k] > $0 }) ?? true { best = history.dates[k] }
      }
      if let best { dates.append(best) } else { skipped.append(year) }
    }
    return (dates, skipped)
  }

  /// The `lowest-cost` baseline's set on `analysis` at `capital` (`EqualWeightSets.lowestCost`): the eligible
  /// instruments in order of annual SR cost, ties by code in byte order, each added when the equal-weight set stays
  /// feasible, up to the settings' `maxInstruments`.
  public static func lowestCostHolding(_ analysis: UniverseAnalysis, capital: Double) throws -> Holding {
    let eligible = analysis.screening(capital: capital).positions.map { analysis.pool[$0] }
    return try EqualWeightSets(analysis: analysis, capital: capital, eligible: eligible)
      .lowestCost(maxInstruments: analysis.settings.selection.maxInstruments)
  }

  /// One draw of the `random` baseline on `analysis` at `capital` (`EqualWeightSets.randomSet`): a uniformly random
  /// feasible equal-weight set of `size` eligible instruments, else of fewer.
  public static func randomHolding(
    _ analysis: UniverseAnalysis, capital: Double, size: Int, maximumTries: Int, random: inout RandomSource
  ) throws -> Holding {
    let eligible = analysis.screening(capital: capital).positions.map { analysis.pool[$0] }
    return try EqualWeightSets(analysis: analysis, capital: capital, eligible: eligible)
      .randomSet(size: size, maximumTries: maximumTries, random: &random)
  }

  /// The `ideal` baseline's set at a rebalance date: every instrument of the pool (every filter but capital), equal
  /// weights, with the IDM and Sharpe ratio of the pool's correlation matrix — repaired as §3 says when the repair is
  /// on, read from the weekly panel when matrix-free.
  public static func idealHolding(_ analysis: UniverseAnalysis) throws -> Holding {
    let pool = analysis.pool
    guard !pool.isEmpty else { return .empty }
    let correlation = analysis.settings.correlation
    var total = 0.0
    if let estimate = analysis.poolCorrelation {
      var matrix = estimate.matrix
      if correlation.repair {
        matrix = try repairCorrelation(
          matrix, threshold: correlation.positiveDefiniteThreshold, floor: correlation.eigenvalueFloor
        ).matrix
      }
      for value in matrix.storage { total += value }
    } else {
      // Matrix-free: the floored rows, a block of columns at a time.
      let panel = analysis.poolPanel
      let block = 256
      var start = 0
      while start < pool.count {
        let columns = Array(start..<min(pool.count, start + block))
        let rows = panel.correlationRows(columns)
        for (r, column) in columns.enumerated() {
          for i in 0..<pool.count {
            var value = rows[i, r]
            if i == column {
              value = 1
            } else {
              if value.isNaN { value = 0 }
              if value < correlation.floor { value = correlation.floor }
            }
            total += value
          }
        }
        start += block
      }
    }
    let k = Double(pool.count)
    let deviation = (total / (k * k)).squareRoot()
    let metrics = analysis.metrics
    let sharpe = pool.reduce(0) { $0 + metrics[$1].netSR! } / k / deviation
    return Holding(
      members: pool, weights: [Double](repeating: 1 / k, count: pool.count),
      idm: min(analysis.settings.sizing.idmCap, 1 / deviation), expectedSharpe: sharpe,
      predictedTradesPerYear: pool.map { metrics[$0].tradesPerYear },
      predictedSRCost: pool.map { metrics[$0].annualSRCost! })
  }

  /// One random set per path (`generators[p]` advanced), the paths in parallel: each draws from its own stream, so
  /// the result does not depend on the thread count.
  static func draw(sets: EqualWeightSets, size: Int, tries: Int, generators: inout [RandomSource]) -> [Holding] {
    let count = generators.count
    let results = ConcurrentResults<(Holding, RandomSource)>(count: count)
    let starting = generators
    DispatchQueue.concurrentPerform(iterations: count) { p in
      var random = starting[p]
      let holding = sets.randomSet(size: size, maximumTries: tries, random: &random)
      results[p] = (holding, random)
    }
    var holdings: [Holding] = []
    for p in 0..<count {
      let (holding, random) = results[p]!
      holdings.append(holding)
      generators[p] = random
    }
    return holdings
  }

  /// The random baseline's summary: each statistic's median and percentiles over the paths, and the band of the
  /// cumulative return on each day.
  static func randomRun(
    holdings: [[Holding]], accounts: [TradingAccount], days: [CalendarDay], businessDaysPerYear: Double,
    percentiles: (Double, Double)
  ) -> RandomRun {
    let statistics = accounts.map { $0.statistics(days: days, businessDaysPerYear: businessDaysPerYear) }
    // The calendar's years, whether or not there are paths (a year's sum is NaN without one).
    let zeros = [Double](repeating: 0, count: days.count)
    let calendarYears = TradingStatistics(
      returns: zeros, costs: zeros, days: days, businessDaysPerYear: businessDaysPerYear
    ).years
    func summary(_ percent: Double) -> TradingStatistics {
      func of(_ values: [Double?]) -> Double? { percentile(values.compactMap { $0 }, percent) }
      let years = calendarYears.indices.map { y in
        TradingStatistics.YearReturn(
          year: calendarYears[y].year, sum: of(statistics.map { $0.years[y].sum }) ?? .nan,
          days: calendarYears[y].days)
      }
      return TradingStatistics(
        days: days.count, annualMean: of(statistics.map(\.annualMean)), volatility: of(statistics.map(\.volatility)),
        sharpe: of(statistics.map(\.sharpe)), annualCost: of(statistics.map(\.annualCost)),
        costSR: of(statistics.map(\.costSR)), maxDrawdown: of(statistics.map(\.maxDrawdown)) ?? .nan, years: years)
    }
    var lower: [Double] = [], median: [Double] = [], upper: [Double] = []
    if !accounts.isEmpty {
      var running = [Double](repeating: 0, count: accounts.count)
      for d in days.indices {
        for p in accounts.indices { running[p] += accounts[p].returns[d] }
        lower.append(percentile(running, percentiles.0)!)
        median.append(percentile(running, 50)!)
        upper.append(percentile(running, percentiles.1)!)
      }
    }
    return RandomRun(
      holdings: holdings, paths: statistics, median: summary(50), lower: summary(percentiles.0),
      upper: summary(percentiles.1), cumulativeLower: lower, cumulativeMedian: median, cumulativeUpper: upper)
  }
}

/// The `percent`-th percentile of `values` by linear interpolation between order statistics (numpy's default,
/// `empiricalQuantile` at `percent / 100`); the value itself for one value, `nil` for none.
public func percentile(_ values: [Double], _ percent: Double) -> Double? {
  guard let first = values.first else { return nil }
  guard values.count > 1 else { return first }
  return empiricalQuantile(values, percent / 100)
}
