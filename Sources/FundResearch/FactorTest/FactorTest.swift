import Tradeable

/// Settings of the factor test (DESIGN.md §8).
public struct FactorTestSettings: Sendable, Equatable {
  /// The trailing windows (3m, 6m, 1y, 3y).
  public var windows: [MetricWindow] = [.threeMonths, .sixMonths, .oneYear, .threeYears]
  /// A month's rank IC needs at least this many products with a value (5), counted after leaving out the products
  /// whose metric is undefined.
  public var minimumProducts: Int = 5
  /// Annual risk-free rate of the Sharpe ratio (0); Sortino and downside deviation measure against 0.
  public var riskFree: Double = 0

  public init(
    windows: [MetricWindow] = [.threeMonths, .sixMonths, .oneYear, .threeYears], minimumProducts: Int = 5,
    riskFree: Double = 0
  ) {
    self.windows = windows
    self.minimumProducts = minimumProducts
    self.riskFree = riskFree
  }

  /// Products a month at least: 3 or more (two points always correlate perfectly).
  public static let minimumProductsRange = ValidRange.atLeast(
    3, unit: .count, note: "two products always have a rank correlation of ±1")

  /// Every setting outside its range, by property name.
  public var violations: [SettingViolation] {
    [
      Self.minimumProductsRange.check("minimumProducts", minimumProducts),
      RankScoreSettings.riskFreeRange.check("riskFree", riskFree),
    ].compactMap { $0 }
  }
}

/// The factor test of DESIGN.md §8: how well each metric over each trailing window, ranked across products at a month
/// end, predicts the next month's return — the study's reason to score on 3-year return and 3-year Sharpe ratio.
///
/// Month ends are calendar month ends; a product's value at a month end is its last NAV on or before it. At month end
/// `m` a product takes part when, cut at `m`, it passes the cleaning screens (frequency, the minimum number of NAVs)
/// and it has a NAV in month `m + 1` (a fund that stopped reporting drops out rather than earning 0); its
/// next-month return is `value(m + 1) / value(m) − 1`. For each window it needs a full window ending at `m` (the
/// window rule with `m` in place of the last date, so a month end maps to a month end) from NAVs on or before `m`;
/// the metrics are §8's over that window at the product's frequency as of `m`. A product whose metric is undefined
/// (a Sortino ratio without a losing period) is left out of that metric's ranking. With at least `minimumProducts`
/// left, `IC_m` = Spearman's correlation of metric and next-month return (average ranks for ties); it is labelled by
/// `m`. The quintiles of the same month: rank ascending by the metric (average ranks), group
/// `q = floor(5 (rank − 1) / count)` (0 lowest), each group's mean next-month return.
///
/// Per metric and window, over the months with an IC: the mean IC, its standard deviation (n − 1), the IC IR
/// `mean / sd × √12`, the t-statistic `mean / (sd / √n)`, the share of months with IC > 0 and the number of months;
/// each quintile's average over the months in which it is not empty, and top minus bottom (quintile 4 − quintile 0).
///
/// Computed point in time with no look-ahead in the ranking: only the next-month return, the outcome, looks forward.
/// Months run in parallel; the result does not depend on the number of threads.
public struct FactorTest: Sendable {
  /// Quintiles: five groups.
  public static let groups = 5
  /// Months a year, for the IC IR.
  public static let monthsPerYear = 12.0

  /// One month's IC of one metric and window.
  public struct MonthlyIC: Sendable, Equatable {
    /// The month end `m`.
    public var monthEnd: CalendarDay
    /// Spearman's correlation of the metric at `m` and the return over month `m + 1`.
    public var ic: Double
    /// Products ranked.
    public var products: Int
  }

  /// The result of one metric over one window.
  public struct Cell: Sendable {
    public var metric: FactorMetric
    public var window: MetricWindow
    /// The months with an IC, in date order.
    public var ics: [MonthlyIC]
    /// Mean IC; `nil` without a month.
    public var meanIC: Double?
    /// Standard deviation of the ICs (n − 1); `nil` with fewer than two months.
    public var standardDeviation: Double?
    /// `mean / sd × √12`; `nil` without a positive sd.
    public var informationRatio: Double?
    /// `mean / (sd / √n)`; `nil` without a positive sd.
    public var tStatistic: Double?
    /// Share of the months with IC > 0; `nil` without a month.
    public var shareAboveZero: Double?
    /// Mean next-month return of each quintile (0 lowest metric), averaged over the months it is not empty; `nil`
    /// when it never has a product.
    public var quintileReturns: [Double?]
    /// Months in which each quintile has a product.
    public var quintileMonths: [Int]
    /// Quintile 4 − quintile 0.
    public var topMinusBottom: Double?

    /// Number of months with an IC.
    public var months: Int { ics.count }
  }

  /// Month ends considered, `m` of every IC (the last month of the data has no next month and is not among them).
  public var monthEnds: [CalendarDay]
  /// Products taking part at each month end (screens passed, a NAV next month), before the window and metric
  /// requirements.
  public var participants: [Int]
  /// Metric-major: `cells[metric × windows.count + window]`, metrics in `FactorMetric.allCases` order.
  public var cells: [Cell]
  /// The settings used.
  public var settings: FactorTestSettings
  /// The cleaning rules of each month's screens.
  public var cleaning: FundCleaningRules
  /// Number of products in the input.
  public var productCount: Int

  /// The cell of `metric` over `window`.
  public func cell(_ metric: FactorMetric, _ window: MetricWindow) -> Cell? {
    cells.first { $0.metric == metric && $0.window == window }
  }

  /// What one product is, at one month end: its last NAV index on or before it, the index of its last NAV of the next
  /// month, and its periods a year when it passes the screens.
  struct ProductMonth {
    var through: Int32 = -1
    var next: Int32 = -1
    var periodsPerYear: Double = 0
  }

  /// Runs the test on `universe` (every product, input order) with `cleaning`'s screens at each month end.
  /// `mergeManagers` is not applied: the test ranks products.
  public init(universe: FundUniverse, cleaning: FundCleaningRules = FundCleaningRules(), settings: FactorTestSettings)
  {
    self.settings = settings
    self.cleaning = cleaning
    self.productCount = universe.count
    let series = universe.series
    let firstDate = series.compactMap(\.firstDate).min()
    let lastDate = series.compactMap(\.lastDate).max()
    var calendar: [CalendarDay] = []
    if let firstDate, let lastDate {
      var m = firstDate.lastDayOfMonth
      while m <= lastDate.lastDayOfMonth {
        calendar.append(m)
        m = m.monthEnd(afterMonths: 1)
      }
    }
    let ends = calendar
    // ends[i] is m and ends[i + 1] its next month end; the last has no next month.
    let monthCount = max(ends.count - 1, 0)
    self.monthEnds = Array(ends.prefix(monthCount))

    // Per product, per month: the screens as of m and the next month's NAV (one pass over its dates).
    let slowest = cleaning.frequency.slowest
    let minimumNAVs = cleaning.history.minimumPrices
    let perProduct = ConcurrentResults<(months: [ProductMonth], returns: [Double])>.map(series.count) { j in
      let s = series[j]
      var tracker = ReportingFrequency.Tracker()
      var k = 0  // NAVs added to the tracker
      var months = [ProductMonth](repeating: ProductMonth(), count: monthCount)
      for i in 0..<monthCount {
        while k < s.count, s.dates[k] <= ends[i] {
          tracker.add(s.dates[k])
          k += 1
        }
        guard k > 0 else { continue }
        var next = k - 1
        while next + 1 < s.count, s.dates[next + 1] <= ends[i + 1] { next += 1 }
        guard next > k - 1, k >= minimumNAVs, let frequency = tracker.frequency, !frequency.isSlower(than: slowest),
          let p = cleaning.periodsPerYear ?? frequency.periodsPerYear
        else { continue }
        months[i] = ProductMonth(through: Int32(k - 1), next: Int32(next), periodsPerYear: p)
      }
      return (months, s.returns)
    }
    let productMonths = perProduct.map(\.months)
    let productReturns = perProduct.map(\.returns)
    self.participants = (0..<monthCount).map { i in productMonths.filter { $0[i].through >= 0 }.count }

    // Per month: every metric over every window, ranked.
    let metrics = FactorMetric.allCases
    let windows = settings.windows
    let cellCount = metrics.count * windows.count
    let byMonth = ConcurrentResults<[MonthCell]>.map(monthCount) { i in
      let m = ends[i]
      var values = [[Double]](repeating: [], count: cellCount)
      var outcomes = [[Double]](repeating: [], count: cellCount)
      for j in series.indices {
        let state = productMonths[j][i]
        guard state.through >= 0 else { continue }
        let s = series[j]
        let through = Int(state.through)
        let nextReturn = s.navs[Int(state.next)] / s.navs[through] - 1
        for (w, window) in windows.enumerated() {
          guard let months = window.months else { continue }
          let base = s.dates.partitioningIndex { $0 > m.windowStart(months: months) } - 1
          guard base >= 0, base < through else { continue }
          let v = FactorMetric.values(
            dates: s.dates[base...through], navs: s.navs[base...through], returns: productReturns[j][base..<through],
            periodsPerYear: state.periodsPerYear, riskFree: settings.riskFree)
          for (k, value) in v.enumerated() {
            guard let value else { continue }
            values[k * windows.count + w].append(value)
            outcomes[k * windows.count + w].append(nextReturn)
          }
        }
      }
      return (0..<cellCount).map { c in
        MonthCell(values: values[c], outcomes: outcomes[c], minimumProducts: settings.minimumProducts)
      }
    }
    self.cells = metrics.enumerated().flatMap { k, metric in
      windows.enumerated().map { w, window in
        FactorTest.summarise(
          metric: metric, window: window, months: ends, byMonth: byMonth.map { $0[k * windows.count + w] })
      }
    }
  }

  /// One month of one cell: its IC and quintile means, when it has enough products.
  struct MonthCell {
    var ic: Double?
    var products: Int
    /// Mean next-month return per quintile, `nil` for an empty one; empty without enough products.
    var quintiles: [Double?]

    init(values: [Double], outcomes: [Double], minimumProducts: Int) {
      products = values.count
      guard values.count >= minimumProducts else {
        ic = nil
        quintiles = []
        return
      }
      let ranks = RankCorrelation.averageRanks(values)
      ic = RankCorrelation.pearson(ranks, RankCorrelation.averageRanks(outcomes))
      var sums = [Double](repeating: 0, count: FactorTest.groups)
      var counts = [Int](repeating: 0, count: FactorTest.groups)
      let count = Double(values.count)
      for (k, rank) in ranks.enumerated() {
        let q = Int((Double(FactorTest.groups) * (rank - 1) / count).rounded(.down))
        sums[q] += outcomes[k]
        counts[q] += 1
      }
      quintiles = (0..<FactorTest.groups).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : nil }
    }
  }

  /// The summary statistics of one cell from its months.
  static func summarise(metric: FactorMetric, window: MetricWindow, months: [CalendarDay], byMonth: [MonthCell])
    -> Cell
  {
    var ics: [MonthlyIC] = []
    var sums = [Double](repeating: 0, count: groups)
    var counts = [Int](repeating: 0, count: groups)
    for (i, month) in byMonth.enumerated() {
      if let ic = month.ic { ics.append(MonthlyIC(monthEnd: months[i], ic: ic, products: month.products)) }
      for (q, value) in month.quintiles.enumerated() {
        if let value {
          sums[q] += value
          counts[q] += 1
        }
      }
    }
    let values = ics.map(\.ic)
    let n = Double(values.count)
    let mean = FundMetrics.mean(values)
    let sd = sampleStandardDeviation(values)
    let positive = sd.flatMap { $0 > 0 ? $0 : nil }
    let quintiles = (0..<groups).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : nil }
    return Cell(
      metric: metric, window: window, ics: ics, meanIC: mean, standardDeviation: sd,
      informationRatio: bothOrNil(mean, positive).map { $0 / $1 * monthsPerYear.squareRoot() },
      tStatistic: bothOrNil(mean, positive).map { $0 / ($1 / n.squareRoot()) },
      shareAboveZero: values.isEmpty ? nil : Double(values.filter { $0 > 0 }.count) / n,
      quintileReturns: quintiles, quintileMonths: counts,
      topMinusBottom: bothOrNil(quintiles[groups - 1], quintiles[0]).map { $0 - $1 })
  }
}

/// Both values, or `nil`.
func bothOrNil<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
  guard let a, let b else { return nil }
  return (a, b)
}
