import Dispatch
import LinearAlgebra

/// The walk-forward evaluation of DESIGN.md §9: at the last weekday of each year with a price, the whole pipeline
/// (§2–§6b) is re-run on the data dated on or before that day, and the chosen set is traded until the next rebalance
/// date — beside every baseline, in the same run and on the same days.
///
/// Strategies, at each capital:
/// - `greedy` and `refined`: the selection at the rebalance date under §6's greedy path and §6b's refinement. They
///   differ only in the search mode they select with (`Strategy.selection`).
/// - `lowest-cost`: the eligible instruments in order of annual SR cost, each added when the equal-weight set stays
///   feasible and skipped otherwise.
/// - `random`: `paths` walk-forward paths; each period draws uniformly a feasible equal-weight set of the main
///   strategy's size (`EqualWeightSets.randomSet`); reported as the median and the percentiles of each statistic.
/// - `ideal`: every instrument that passes every filter but capital, equal weights, unrounded, no buffer.
/// - `in-sample`: the main strategy's selection with all the data, held in every period: it looks ahead.
///
/// Instruments that leave a set are closed at their first close after the rebalance date (the cost counted); new ones
/// open there (`TradingSchedule`).
public struct WalkForward: Sendable {
  /// The strategies of a walk-forward, in the order reports list them.
  public enum Strategy: String, Sendable, CaseIterable, Codable {
    case greedy
    case refined
    case lowestCost = "lowest-cost"
    case random
    case ideal
    case inSample = "in-sample"
  }

  /// One strategy traded at one capital.
  public struct StrategyRun: Sendable {
    public var strategy: Strategy
    /// The set held in each period.
    public var holdings: [Holding]
    public var account: TradingAccount
    public var statistics: TradingStatistics
  }

  /// The random baseline at one capital.
  public struct RandomRun: Sendable {
    /// The set each path held in each period (`holdings[path][period]`).
    public var holdings: [[Holding]]
    /// Each path's statistics.
    public var paths: [TradingStatistics]
    /// The median, lower and upper percentiles of every statistic over the paths (each statistic on its own).
    public var median: TradingStatistics
    public var lower: TradingStatistics
    public var upper: TradingStatistics
    /// Percentiles over the paths of the cumulative sum of returns on each account day.
    public var cumulativeLower: [Double]
    public var cumulativeMedian: [Double]
    public var cumulativeUpper: [Double]
  }

  /// What the main selection made of every instrument at one rebalance date and capital.
  public struct PeriodScreening: Sendable {
    /// Status of every instrument, input order.
    public var statuses: [InstrumentStatus]
    /// Every filter each instrument failed, input order.
    public var reasons: [[ExclusionReason]]
    /// Instruments passing every filter but capital.
    public var poolSize: Int
  }

  /// Every strategy at one capital.
  public struct CapitalRun: Sendable {
    public var capital: Double
    /// `greedy`, `refined`, `lowest-cost`, `ideal`, `in-sample`, in that order.
    public var strategies: [StrategyRun]
    public var random: RandomRun
    /// The main strategy traded unrounded, for the tracking error of whole contracts.
    public var mainUnrounded: StrategyRun
    /// `stdev(r_main − r_main,unrounded) × √P`: what whole contracts cost in tracking at this capital.
    public var trackingError: Double?
    /// The main selection's screening at each rebalance date.
    public var periods: [PeriodScreening]

    /// The run of `strategy` (not `random`).
    public func run(_ strategy: Strategy) -> StrategyRun? { strategies.first { $0.strategy == strategy } }
  }

  /// Why a walk-forward cannot run.
  public enum Failure: Error, Equatable {
    /// `from` is after `to`.
    case emptyRange(from: Int, to: Int)
    /// No year of the range has a weekday with a price.
    case noRebalanceDate(from: Int, to: Int)
    /// The data end on or before the first rebalance date: nothing to trade.
    case nothingAfter(CalendarDay)
    /// The universe has no prices.
    case noData
    /// The settings ask for the exact search, whose time budget would make a point-in-time selection depend on the
    /// machine's speed: walk forward with `refined` (the default) or `greedy`.
    case exactSearch
  }

  /// Why the walk-forward refuses the exact search, for every message that says so.
  public static let exactSearchRefusal =
    "the walk-forward does not run the exact search: its time budget would make each year's selection depend on "
    + "the machine's speed. Use --search refined (the default) or --search greedy."

  /// Rebalance dates, increasing.
  public let rebalanceDates: [CalendarDay]
  /// Years of the range without a weekday with a price (no rebalance then).
  public let skippedYears: [Int]
  /// The range of years.
  public let fromYear: Int
  public let toYear: Int
  /// Periods (starting the day after each rebalance date) and the account's days.
  public let schedule: TradingSchedule
  /// One run per capital, in the order given.
  public let runs: [CapitalRun]
  /// The universe as a whole, and its instruments (input order).
  public let universe: UniverseSummary
  public let instruments: [InstrumentSpecification]
  /// Settings of the pipeline and of trading.
  public let settings: PipelineSettings
  public let trading: TradingSettings
  /// The strategy the settings select with (the random baseline draws sets of its size).
  public let mainStrategy: Strategy
  /// The main strategy's decisions at every close of every instrument it held, one record per capital (same order as
  /// `runs`); empty unless asked for.
  public let positions: [PositionRecord]

  /// Runs the walk-forward on `universe` at every capital of `capitals` (positive), rebalancing at the end of each
  /// year from `from` to `to` (defaults: `defaultYears`); with `recordsPositions`, keeps the main strategy's
  /// decisions (`positions`).
  public init(
    universe: Universe, settings: PipelineSettings = PipelineSettings(), trading: TradingSettings = TradingSettings(),
    capitals: [Double], from: Int? = nil, to: Int? = nil, recordsPositions: Bool = false,
    observer: PipelineObserver? = nil
  ) throws {
    precondition(!capitals.isEmpty && capitals.allSatisfy { $0 > 0 && $0.isFinite }, "capitals are positive amounts")
    precondition(
      universe.keepsHistories,
      "a walk-forward cuts whole histories at each rebalance date: load the universe with PriceLoading.wholeHistories")
    guard settings.selection.search.mode != .exact else { throw Failure.exactSearch }
    guard let lastDate = universe.lastDate else { throw Failure.noData }
    let defaults = WalkForward.defaultYears(universe, settings: settings)
    let fromYear = from ?? defaults.from
    let toYear = to ?? defaults.to
    guard fromYear <= toYear else { throw Failure.emptyRange(from: fromYear, to: toYear) }
    let (dates, skipped) = WalkForward.rebalanceDates(universe, from: fromYear, to: toYear)
    guard !dates.isEmpty else { throw Failure.noRebalanceDate(from: fromYear, to: toYear) }
    guard lastDate > dates[0] else { throw Failure.nothingAfter(dates[0]) }
    let periods = dates.count
    let main = Strategy.main(settings)
    let paths = max(0, trading.random.paths)

    // Point-in-time selections, one rebalance date after another: the two searches, then the baselines.
    var greedy = [[Holding]](repeating: [], count: capitals.count)
    var refined = greedy
    var lowest = greedy
    var ideal: [Holding] = []
    var screenings = [[PeriodScreening]](repeating: [], count: capitals.count)
    var randomHoldings = [[[Holding]]](
      repeating: [[Holding]](repeating: [], count: paths), count: capitals.count)
    // Path p draws from stream p of the seed, at every capital, one period after another.
    let seed = UInt64(bitPattern: Int64(trading.random.seed))
    var generators = [[RandomSource]](
      repeating: (0..<paths).map { RandomSource(seed: seed, stream: UInt64($0)) }, count: capitals.count)
    observer?.stageStarted(.walkForward, total: periods + 1)
    for (y, date) in dates.enumerated() {
      let analysis = UniverseAnalysis(universe: universe.cut(through: date), settings: settings)
      ideal.append(try WalkForward.idealHolding(analysis))
      for (c, capital) in capitals.enumerated() {
        let greedyResult = try Strategy.greedy.selection(analysis, capital: capital)
        let refinedResult = try Strategy.refined.selection(analysis, capital: capital)
        greedy[c].append(Holding(portfolio: greedyResult.portfolio, metrics: greedyResult.metrics))
        refined[c].append(Holding(portfolio: refinedResult.portfolio, metrics: refinedResult.metrics))
        let result = main == .refined ? refinedResult : greedyResult
        screenings[c].append(
          PeriodScreening(
            statuses: result.statuses, reasons: result.screening.map(\.reasons), poolSize: analysis.pool.count))
        let sets = try EqualWeightSets(analysis: analysis, capital: capital, eligible: result.eligible)
        lowest[c].append(sets.lowestCost(maxInstruments: settings.selection.maxInstruments))
        let draws = WalkForward.draw(
          sets: sets, size: result.portfolio.members.count, tries: trading.random.maximumTries,
          generators: &generators[c])
        for p in 0..<paths { randomHoldings[c][p].append(draws[p]) }
      }
      observer?.stageAdvanced(.walkForward, done: y + 1)
    }
    // In-sample: one selection with all the data, held in every period.
    let full = UniverseAnalysis(universe: universe, settings: settings)
    var inSample: [Holding] = []
    for capital in capitals {
      let result = try Strategy.inSample.selection(full, capital: capital)
      inSample.append(Holding(portfolio: result.portfolio, metrics: result.metrics))
    }
    observer?.stageFinished(.walkForward)

    // Trade each capital's plans in one pass over the instruments, one capital after another, so that only one
    // capital's daily arrays (random paths included) are held at a time.
    let schedule = TradingSchedule(periodStarts: dates.map { $0.adding(days: 1) }, end: lastDate)
    let named: [Strategy] = [.greedy, .refined, .lowestCost, .ideal, .inSample]
    let simulation = TradingSimulation(universe: universe, pipeline: settings, trading: trading, schedule: schedule)
    let days = schedule.calendar.days
    let perYear = settings.risk.businessDaysPerYear
    let held = capitals.indices.map { c in
      Set((greedy[c] + refined[c] + lowest[c] + ideal + [inSample[c]] + randomHoldings[c].flatMap { $0 }).flatMap(\.members))
        .count
    }
    observer?.stageStarted(.trading, total: held.reduce(0, +))
    var runs: [CapitalRun] = []
    var positions: [PositionRecord] = []
    for (c, capital) in capitals.enumerated() {
      var plans: [TradingPlan] = named.map { strategy in
        let holdings: [Holding]
        switch strategy {
        case .greedy: holdings = greedy[c]
        case .refined: holdings = refined[c]
        case .lowestCost: holdings = lowest[c]
        case .ideal: holdings = ideal
        case .inSample, .random: holdings = [Holding](repeating: inSample[c], count: periods)
        }
        return TradingPlan(
          capital: capital, holdings: holdings, rounding: strategy == .ideal ? .unrounded : .wholeContracts)
      }
      let mainHoldings = main == .refined ? refined[c] : greedy[c]
      plans.append(TradingPlan(capital: capital, holdings: mainHoldings, rounding: .unrounded))
      for p in 0..<paths {
        plans.append(
          TradingPlan(
            capital: capital, holdings: randomHoldings[c][p], rounding: .wholeContracts, measuresInstruments: false))
      }
      let mainPlan = named.firstIndex(of: main)!
      let before = held[..<c].reduce(0, +)
      let (accounts, records) = simulation.run(plans, recording: recordsPositions ? [mainPlan] : []) { done, _ in
        observer?.stageAdvanced(.trading, done: before + done)
      }
      if let record = records[mainPlan] { positions.append(record) }
      let strategies = named.indices.map { k in
        StrategyRun(
          strategy: named[k], holdings: plans[k].holdings, account: accounts[k],
          statistics: accounts[k].statistics(days: days, businessDaysPerYear: perYear))
      }
      let unroundedAccount = accounts[named.count]
      let mainUnrounded = StrategyRun(
        strategy: main, holdings: mainHoldings, account: unroundedAccount,
        statistics: unroundedAccount.statistics(days: days, businessDaysPerYear: perYear))
      runs.append(
        CapitalRun(
          capital: capital, strategies: strategies,
          random: WalkForward.randomRun(
            holdings: randomHoldings[c], accounts: Array(accounts[(named.count + 1)...]), days: days,
            businessDaysPerYear: perYear,
            percentiles: (trading.random.lowerPercentile, trading.random.upperPercentile)),
          mainUnrounded: mainUnrounded,
          trackingError: accounts[mainPlan].trackingError(against: unroundedAccount, businessDaysPerYear: perYear),
          periods: screenings[c]))
    }
    observer?.stageFinished(.trading)
    self.rebalanceDates = dates
    self.skippedYears = skipped
    self.fromYear = fromYear
    self.toYear = toYear
    self.schedule = schedule
    self.runs = runs
    self.universe = full.summary
    self.instruments = universe.instruments
    self.settings = settings
    self.trading = trading
    self.mainStrategy = main
    self.positions = positions
  }
}
