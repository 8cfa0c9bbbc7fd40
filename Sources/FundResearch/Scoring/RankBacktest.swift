import Tradeable

/// Settings of the rank-score backtest.
public struct RankBacktestSettings: Sendable, Equatable {
  /// Calendar months between rebalances (6).
  public var rebalanceMonths: Int = 6
  /// First rebalance; `nil`: the first date at which at least two products are ranked (one, when the universe has a
  /// single product, or a single manager when merging).
  public var start: CalendarDay? = nil
  /// The rank score used at each rebalance.
  public var scoring = RankScoreSettings()

  public init(rebalanceMonths: Int = 6, start: CalendarDay? = nil, scoring: RankScoreSettings = RankScoreSettings()) {
    self.rebalanceMonths = rebalanceMonths
    self.start = start
    self.scoring = scoring
  }
}

/// The rank-score portfolio through time against the equal-weight portfolio of every product (DESIGN.md §8's rank
/// score, traded).
///
/// Point in time: each rebalance is decided with the data of its date only. The universe is cut at the date
/// (`FundUniverse.asOf(_:)`), cleaned (frequency, history, manager merging) and scored as `funds score --date` would;
/// the target is the selected entries in equal amounts, the benchmark every kept entry still reporting at the date
/// (`RankScoreSettings.staleGaps`), in equal amounts. So NAVs appended after a date change no decision taken on or
/// before it. What is held then grows with the realised NAVs (carried forward between a product's own NAV dates; a
/// manager entry with the equal-weight index of the members it had at the decision).
///
/// Calendar: the grid is the union of every product's NAV dates from the first rebalance on. Rebalances are scheduled
/// every `rebalanceMonths` calendar months from the start (month ends kept: `addingMonthsKeepingMonthEnd`), each on
/// the first grid date on or after its scheduled day. The default start is the day the second product has a full
/// window (its first NAV + the window), when two products are ranked on the first grid date from then on; otherwise
/// the first grid date on which two are.
///
/// Open dates: a product with open dates can be bought or sold only on them. An order placed at a rebalance waits
/// for the product's next open date (until the next rebalance replaces it); sales go to cash, which earns nothing;
/// purchases, in code order, are paid from cash as far as it reaches and the rest waits. Products without open dates
/// trade on the rebalance date itself.
public struct RankBacktest: Sendable {
  /// One rebalance.
  public struct Rebalance: Sendable {
    /// Scheduled date (first rebalance + k × rebalanceMonths).
    public var scheduled: CalendarDay
    /// The grid date the orders were placed.
    public var date: CalendarDay
    /// The score at that date, on the entries as of that date.
    public var score: RankScore
    /// Codes of the target products, best first.
    public var selected: [String]
    /// Number of products in the benchmark.
    public var benchmarkCount: Int
  }

  /// Grid dates from the first rebalance to the last NAV.
  public var dates: [CalendarDay]
  /// Value of the rank portfolio (1 at the first rebalance).
  public var strategy: [Double]
  /// Value of the equal-weight portfolio of every product (1 at the first rebalance).
  public var benchmark: [Double]
  /// The rebalances.
  public var rebalances: [Rebalance]
  /// Periods a year of the grid (its detected frequency, or the cleaning rules' override).
  public var periodsPerYear: Double

  /// Runs the backtest on `universe` with the cleaning `rules` applied at each rebalance. `openDates` maps an entry
  /// code to its open dates (absent: always open). Returns `nil` when no product is ever ranked (by default) or the
  /// data end before the first rebalance. Throws what cleaning throws (merging a manager's products in different
  /// currencies).
  public init?(
    universe: FundUniverse, cleaning rules: FundCleaningRules = FundCleaningRules(),
    openDates: [String: Set<CalendarDay>] = [:], settings: RankBacktestSettings = RankBacktestSettings()
  ) throws(InputError) {
    var all = Set<CalendarDay>()
    for s in universe.series { all.formUnion(s.dates) }
    let calendar = all.sorted()
    guard !calendar.isEmpty else { return nil }

    /// The entries as known at `date`: the universe cut there, cleaned.
    func entries(at date: CalendarDay) throws(InputError) -> [FundEntry] { try universe.asOf(date).cleaned(rules) }

    // The first rebalance.
    let months = settings.scoring.windowMonths
    let anchor: CalendarDay
    var firstScore: (date: CalendarDay, entries: [FundEntry], score: RankScore)? = nil
    if let given = settings.start {
      anchor = given
    } else {
      // No product is ranked before its first NAV + the window (the smallest end whose window starts on or after the
      // first NAV). The schedule counts from the day the second product gets there, when two are ranked on the first
      // grid date from then on (the usual case); else from the first grid date on which two are.
      let ready = universe.series.compactMap { $0.firstDate?.addingMonths(months) }.sorted()
      // Two entries, or one when the universe can only ever have one (a single product, or one manager when
      // merging): known from the products alone, so appending NAVs never changes it.
      let groups = rules.mergeManagers
        ? Set(universe.products.map { $0.manager.isEmpty ? $0.code : $0.manager }).count : universe.count
      let required = min(2, groups, ready.count)
      guard required > 0 else { return nil }
      // A product can be ranked at a date only if, as of it, it has the NAVs the history screen asks, a frequency the
      // frequency screen keeps, a full window and a recent NAV: a cheap test (the frequency of each prefix of its
      // dates from one pass) that skips the dates on which fewer than `required` products could be, before the full
      // point-in-time score. With merged managers a manager series can pass before its products: no skipping.
      var possible: [(dates: [CalendarDay], frequencies: [ReportingFrequency?])] = []
      if !rules.mergeManagers {
        possible = universe.series.map { s in
          var tracker = ReportingFrequency.Tracker()
          return (s.dates, s.dates.map { tracker.add($0); return tracker.frequency })
        }
      }
      func couldRank(_ p: (dates: [CalendarDay], frequencies: [ReportingFrequency?]), at date: CalendarDay) -> Bool {
        let count = p.dates.partitioningIndex { $0 > date }
        guard count >= max(rules.history.minimumPrices, 2), let frequency = p.frequencies[count - 1],
          !frequency.isSlower(than: rules.frequency.slowest), frequency.periodsPerYear != nil
        else { return false }
        let last = p.dates[count - 1]
        return p.dates[0] <= last.windowStart(months: months)
          && settings.scoring.isReporting(frequency: frequency, last: last, at: date)
      }
      var g = calendar.partitioningIndex { $0 >= ready[required - 1] }
      while g < calendar.count {
        let date = calendar[g]
        if !possible.isEmpty, possible.lazy.filter({ couldRank($0, at: date) }).prefix(required).count < required {
          g += 1
          continue
        }
        let snapshot = try entries(at: date)
        let score = RankScore(entries: snapshot, at: date, settings: settings.scoring)
        if score.rankedCount >= required {
          firstScore = (date, snapshot, score)
          break
        }
        g += 1
      }
      guard let found = firstScore else { return nil }
      anchor = found.date == calendar[calendar.partitioningIndex { $0 >= ready[required - 1] }]
        ? ready[required - 1] : found.date
    }

    // Schedule: anchor + k × months, each snapped to the first calendar date on or after it.
    var schedule: [(scheduled: CalendarDay, date: CalendarDay)] = []
    var k = 0
    while true {
      let scheduled = anchor.addingMonthsKeepingMonthEnd(k * settings.rebalanceMonths)
      let g = calendar.partitioningIndex { $0 >= scheduled }
      guard g < calendar.count else { break }
      if schedule.last?.date != calendar[g] { schedule.append((scheduled, calendar[g])) }
      k += 1
    }
    guard let first = schedule.first else { return nil }
    let grid = Array(calendar[calendar.partitioningIndex { $0 >= first.date }...])
    self.periodsPerYear = rules.periodsPerYear ?? ReportingFrequency.detect(grid)?.periodsPerYear ?? 252

    var assets = Assets(universe: universe, grid: grid)
    var strategyBook = Book()
    var benchmarkBook = Book()
    var strategy: [Double] = []
    var benchmark: [Double] = []
    var rebalances: [Rebalance] = []
    var next = 0
    for g in grid.indices {
      if g > 0 {
        strategyBook.grow(assets.carried, from: g - 1, to: g)
        benchmarkBook.grow(assets.carried, from: g - 1, to: g)
      }
      if next < schedule.count, schedule[next].date == grid[g] {
        let date = grid[g]
        let (snapshot, score): ([FundEntry], RankScore)
        if let found = firstScore, found.date == date {
          (snapshot, score) = (found.entries, found.score)
        } else {
          snapshot = try entries(at: date)
          score = RankScore(entries: snapshot, at: date, settings: settings.scoring)
        }
        let everyone = snapshot.indices.filter { i in
          let s = snapshot[i].series
          return snapshot[i].isKept
            && settings.scoring.isReporting(frequency: snapshot[i].frequency, last: s.lastDate!, at: date)
        }
        // Assets are numbered in entry order as they first appear (so sums run in input order).
        let benchmarkTargets = everyone.map { assets.id(of: snapshot[$0]) }
        strategyBook.order(targets: score.selected.map { assets.id(of: snapshot[$0]) }, assets: assets.count)
        benchmarkBook.order(targets: benchmarkTargets, assets: assets.count)
        rebalances.append(
          Rebalance(
            scheduled: schedule[next].scheduled, date: date, score: score,
            selected: score.selected.map { snapshot[$0].code }, benchmarkCount: everyone.count))
        next += 1
      }
      let isOpen: (Int) -> Bool = { a in openDates[assets.codes[a]]?.contains(grid[g]) ?? true }
      strategyBook.execute(isOpen: isOpen, codes: assets.codeBytes)
      benchmarkBook.execute(isOpen: isOpen, codes: assets.codeBytes)
      strategy.append(strategyBook.total)
      benchmark.append(benchmarkBook.total)
    }
    self.dates = grid
    self.strategy = strategy
    self.benchmark = benchmark
    self.rebalances = rebalances
  }

  /// What can be held: a product, or a manager series over the members it had when it was chosen; each with its value
  /// carried forward on the grid (NaN before its first NAV).
  struct Assets {
    struct Key: Hashable {
      var members: [Int]
      var merged: Bool
    }
    let universe: FundUniverse
    let grid: [CalendarDay]
    var ids: [Key: Int] = [:]
    var codes: [String] = []
    var codeBytes: [[UInt8]] = []
    var carried: [[Double]] = []

    init(universe: FundUniverse, grid: [CalendarDay]) {
      self.universe = universe
      self.grid = grid
    }

    var count: Int { codes.count }

    /// The id of the asset `entry` stands for, added on first use.
    mutating func id(of entry: FundEntry) -> Int {
      let key = Key(members: entry.members, merged: entry.isMerged)
      if let id = ids[key] { return id }
      let series =
        entry.isMerged
        ? NAVSeries.equalWeight(entry.members.map { universe.series[$0] }, code: entry.code)
        : universe.series[entry.members[0]]
      var row = [Double](repeating: .nan, count: grid.count)
      var k = series.lastIndex(onOrBefore: grid[0]) ?? -1
      for (g, date) in grid.enumerated() {
        while k + 1 < series.count, series.dates[k + 1] <= date { k += 1 }
        if k >= 0 { row[g] = series.navs[k] }
      }
      let id = codes.count
      ids[key] = id
      codes.append(entry.code)
      codeBytes.append(Array(entry.code.utf8))
      carried.append(row)
      return id
    }
  }

  /// Holdings, cash and pending orders of one portfolio, by asset id.
  struct Book {
    var values: [Double] = []
    var cash = 1.0
    /// Target fraction of the portfolio per asset with an order outstanding.
    var pending: [Int: Double] = [:]

    var total: Double { values.reduce(cash, +) }

    mutating func grow(_ carried: [[Double]], from a: Int, to b: Int) {
      for i in values.indices where values[i] != 0 { values[i] *= carried[i][b] / carried[i][a] }
    }

    /// New orders: equal fractions of the targets, zero for every other holding. No target, no orders.
    mutating func order(targets: [Int], assets count: Int) {
      if values.count < count { values += [Double](repeating: 0, count: count - values.count) }
      guard !targets.isEmpty else { return }
      pending = [:]
      for i in values.indices where values[i] != 0 { pending[i] = 0 }
      for i in targets { pending[i] = 1 / Double(targets.count) }
    }

    /// Fills what the open assets allow: sales first (to cash), then purchases in code byte order from cash.
    mutating func execute(isOpen: (Int) -> Bool, codes: [[UInt8]]) {
      guard !pending.isEmpty else { return }
      let order = pending.keys.sorted { codes[$0].lexicographicallyPrecedes(codes[$1]) }
      let value = total
      let tolerance = 1e-12 * value
      for i in order {
        guard let fraction = pending[i], isOpen(i) else { continue }
        let target = fraction * value
        if values[i] > target + tolerance {
          cash += values[i] - target
          values[i] = target
          pending[i] = nil
        } else if abs(values[i] - target) <= tolerance {
          pending[i] = nil
        }
      }
      for i in order {
        guard let fraction = pending[i], isOpen(i) else { continue }
        let target = fraction * value
        let amount = min(target - values[i], cash)
        if amount > 0 {
          values[i] += amount
          cash -= amount
        }
        if values[i] >= target - tolerance { pending[i] = nil }
      }
      if abs(cash) < tolerance { cash = 0 }
    }
  }
}
