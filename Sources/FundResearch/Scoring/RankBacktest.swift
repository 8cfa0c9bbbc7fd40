import Tradeable

/// Settings of the rank-score backtest.
public struct RankBacktestSettings: Sendable, Equatable {
  /// Calendar months between rebalances (6).
  public var rebalanceMonths: Int = 6
  /// First rebalance; `nil`: the first date at which at least two products have a full scoring window.
  public var start: CalendarDay? = nil
  /// The rank score used at each rebalance.
  public var scoring = RankScoreSettings()

  public init(rebalanceMonths: Int = 6, start: CalendarDay? = nil, scoring: RankScoreSettings = RankScoreSettings()) {
    self.rebalanceMonths = rebalanceMonths
    self.start = start
    self.scoring = scoring
  }
}

/// The rank-score portfolio through time against the equal-weight portfolio of every product (issue 4 item 4).
///
/// Scheduled rebalances fall every `rebalanceMonths` calendar months from the start, each on the first date of the
/// backtest grid (the union of the kept products' NAV dates) on or after it (none on the last date). At each one the
/// products still reporting (first NAV on or before the date, last NAV on or after it) are scored with data up to
/// that date, and the top ones become the target, in equal amounts; between rebalances holdings drift with their NAVs (carried forward between a
/// product's own NAV dates). The benchmark holds every product still reporting, in equal amounts, rebalanced on the
/// same dates by the same rules.
///
/// Open dates: a product with open dates can be bought or sold only on them. An order placed at a rebalance waits
/// for the product's next open date (until the next rebalance replaces it); sales go to cash, which earns nothing;
/// purchases, in code order, are paid from cash as far as it reaches and the rest waits. Products without open dates
/// trade on the rebalance date itself.
public struct RankBacktest: Sendable {
  /// One rebalance.
  public struct Rebalance: Sendable {
    /// Scheduled date (start + k × rebalanceMonths).
    public var scheduled: CalendarDay
    /// The grid date the orders were placed.
    public var date: CalendarDay
    /// The score at that date.
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
  /// Periods a year of the grid (its detected frequency).
  public var periodsPerYear: Double

  /// Runs the backtest on the kept `entries`. `openDates` maps a code to its open dates (absent: always open).
  /// Returns `nil` when no start date can be found (fewer than one product with a full window) or the grid is too
  /// short.
  public init?(
    entries: [FundEntry], openDates: [String: Set<CalendarDay>] = [:], settings: RankBacktestSettings = .init(),
    periodsPerYear: Double? = nil
  ) {
    let kept = entries.indices.filter { entries[$0].isKept }
    guard !kept.isEmpty else { return nil }
    let months = settings.scoring.windowMonths
    let start: CalendarDay
    if let given = settings.start {
      start = given
    } else {
      let ready = kept.map { entries[$0].series.firstDate!.addingMonths(months) }.sorted()
      start = ready[min(1, ready.count - 1)]
    }
    var all = Set<CalendarDay>()
    for i in kept { all.formUnion(entries[i].series.dates) }
    let grid = all.filter { $0 >= start }.sorted()
    guard grid.count >= 2 else { return nil }
    let p = periodsPerYear ?? ReportingFrequency.detect(grid)?.periodsPerYear ?? 252

    // NAVs carried forward on the grid (NaN before a product's first NAV).
    var carried: [[Double]] = []
    for i in entries.indices {
      guard entries[i].isKept else {
        carried.append([])
        continue
      }
      let s = entries[i].series
      var row = [Double](repeating: .nan, count: grid.count)
      var k = s.lastIndex(onOrBefore: grid[0]) ?? -1
      for (g, date) in grid.enumerated() {
        while k + 1 < s.count, s.dates[k + 1] <= date { k += 1 }
        if k >= 0 { row[g] = s.navs[k] }
      }
      carried.append(row)
    }
    // Schedule: start + k × months, each snapped to the first grid date on or after it.
    var schedule: [(scheduled: CalendarDay, index: Int)] = []
    var k = 0
    while true {
      let scheduled = start.addingMonths(k * settings.rebalanceMonths)
      let g = grid.partitioningIndex { $0 >= scheduled }
      guard g < grid.count - 1 else { break }  // a rebalance on the last date would hold nothing
      if schedule.last?.index != g { schedule.append((scheduled, g)) }
      k += 1
    }

    func reporting(_ i: Int, at date: CalendarDay) -> Bool {
      entries[i].isKept && entries[i].series.firstDate! <= date && entries[i].series.lastDate! >= date
    }
    var strategyBook = Book(count: entries.count)
    var benchmarkBook = Book(count: entries.count)
    var strategy: [Double] = []
    var benchmark: [Double] = []
    var rebalances: [Rebalance] = []
    var next = 0
    let codes = entries.map(\.code)
    let codeOrder = entries.indices.sorted { Array(codes[$0].utf8).lexicographicallyPrecedes(Array(codes[$1].utf8)) }
    for g in grid.indices {
      if g > 0 {
        strategyBook.grow(carried, from: g - 1, to: g)
        benchmarkBook.grow(carried, from: g - 1, to: g)
      }
      if next < schedule.count, schedule[next].index == g {
        let date = grid[g]
        let score = RankScore(entries: entries, at: date, settings: settings.scoring) { reporting($0, at: date) }
        strategyBook.order(targets: score.selected)
        let everyone = kept.filter { reporting($0, at: date) }
        benchmarkBook.order(targets: everyone)
        rebalances.append(
          Rebalance(
            scheduled: schedule[next].scheduled, date: date, score: score, selected: score.selected.map { codes[$0] },
            benchmarkCount: everyone.count))
        next += 1
      }
      let isOpen: (Int) -> Bool = { i in openDates[codes[i]]?.contains(grid[g]) ?? true }
      strategyBook.execute(isOpen: isOpen, order: codeOrder)
      benchmarkBook.execute(isOpen: isOpen, order: codeOrder)
      strategy.append(strategyBook.total)
      benchmark.append(benchmarkBook.total)
    }
    self.dates = grid
    self.strategy = strategy
    self.benchmark = benchmark
    self.rebalances = rebalances
    self.periodsPerYear = p
  }

  /// Holdings, cash and pending orders of one portfolio.
  struct Book {
    var values: [Double]
    var cash = 1.0
    /// Target fraction of the portfolio per product with an order outstanding.
    var pending: [Int: Double] = [:]

    init(count: Int) { values = [Double](repeating: 0, count: count) }

    var total: Double { values.reduce(cash, +) }

    mutating func grow(_ carried: [[Double]], from a: Int, to b: Int) {
      for i in values.indices where values[i] != 0 { values[i] *= carried[i][b] / carried[i][a] }
    }

    /// New orders: equal fractions of the targets, zero for every other holding. No target, no orders.
    mutating func order(targets: [Int]) {
      guard !targets.isEmpty else { return }
      pending = [:]
      for i in values.indices where values[i] != 0 { pending[i] = 0 }
      for i in targets { pending[i] = 1 / Double(targets.count) }
    }

    /// Fills what the open products allow: sales first (to cash), then purchases in `order` from cash.
    mutating func execute(isOpen: (Int) -> Bool, order: [Int]) {
      guard !pending.isEmpty else { return }
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
