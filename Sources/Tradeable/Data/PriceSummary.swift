/// What the capital-independent pipeline (measure, filters, correlation, selection) reads of one instrument's daily
/// prices — and nothing more, so that a universe of 100,000 instruments × 8 years need not be held whole:
///
/// | consumer | reads | kept here |
/// |---|---|---|
/// | volatility, rebalance turnover (§3, §4.3) | the last `volatilityWindow` daily differences | the last `volatilityWindow + 1` prices |
/// | liquidity (§5) | the last `liquidityDays` volumes and prices, and whether there are that many rows | the last `liquidityDays` volumes and prices |
/// | notional, costs (§3, §4) | the last price | (the last of the prices) |
/// | history, stale filters, the last date (§3, §5) | the number of prices, the last date | `count`, `lastDate` |
/// | correlation (§3) | weekly closes in the window, and the close before it; the first date (a window longer than the data is the data) | `weekDates`/`weeklyCloses`, `firstDate` |
///
/// The weekly closes are those of the `retention.weeks` ISO weeks ending with the week of the instrument's own last
/// price, and the close before them. The universe's last date is at or after the instrument's, so its window starts
/// in the same week or later: every close the correlation of DESIGN.md §3 reads is here, and
/// `PeriodicPanel.weeklyDifferences` gives the same differences from these closes as from the whole history (each
/// kept date is the last of its week).
///
/// A summary is made while loading (each file summarised as soon as it is parsed) or from a whole `PriceHistory`; both
/// go through `init(count:dates:prices:volumes:keeping:)`, so they agree exactly.
public struct PriceSummary: Sendable, Equatable {
  /// How much of each history to keep: a setting of each stage that reads prices, handed down by the pipeline.
  public struct Retention: Sendable, Equatable {
    /// Daily differences to keep: the volatility window (the risk stage's `volatilityWindow`).
    public var differences: Int
    /// Last daily rows whose volumes to keep: the liquidity filter's `days`.
    public var volumeRows: Int
    /// ISO weeks of weekly closes to keep: the correlation window (the correlation stage's `weeks`).
    public var weeks: Int

    public init(differences: Int, volumeRows: Int, weeks: Int) {
      self.differences = differences
      self.volumeRows = volumeRows
      self.weeks = weeks
    }

    /// Prices kept: enough for the volatility window's differences and the liquidity window's traded values.
    public var prices: Int {
      let (window, overflow) = differences.addingReportingOverflow(1)
      return max(overflow ? Int.max : window, volumeRows, 1)
    }

    /// Whether a summary kept under `self` holds everything one kept under `other` would.
    public func covers(_ other: Retention) -> Bool {
      differences >= other.differences && volumeRows >= other.volumeRows && weeks >= other.weeks
    }
  }

  /// Number of daily prices.
  public var count: Int
  /// Dates of the first and last prices; `nil` when there are none.
  public var firstDate: CalendarDay?
  public var lastDate: CalendarDay?
  /// The last `min(count, retention.prices)` prices, oldest first. A slice: loading keeps the recent prices of many
  /// instruments in one block, so that letting them go after measuring frees whole pages.
  public var recentPrices: ArraySlice<Double>
  /// Volumes of the last `min(count, retention.volumeRows)` rows, oldest first (`NaN` on a row without one); `nil`
  /// when the source has no volume column.
  public var recentVolumes: [Double]?
  /// Dates of the kept weekly closes (each the last price date of its ISO week), increasing.
  public var weekDates: [CalendarDay]
  /// The closes, same order.
  public var weeklyCloses: [Double]
  /// What was kept.
  public var retention: Retention

  /// The last price (`NaN` without prices).
  public var lastPrice: Double { recentPrices.last ?? .nan }

  /// Number of recent prices kept of `count` prices under `retention`.
  static func keptPrices(_ count: Int, _ retention: Retention) -> Int { min(count, retention.prices) }

  /// Lets the recent prices and volumes go, once measured (the correlation reads only the weekly closes).
  public mutating func releaseRecentPrices() {
    recentPrices = []
    recentVolumes = recentVolumes == nil ? nil : []
  }

  /// The summary of `count` prices at `prices` dated `dates` (increasing), with `volumes` when the source has them.
  public init(
    count n: Int, dates: UnsafePointer<CalendarDay>, prices: UnsafePointer<Double>, volumes: UnsafePointer<Double>?,
    keeping retention: Retention
  ) {
    self.retention = retention
    count = n
    firstDate = n > 0 ? dates[0] : nil
    lastDate = n > 0 ? dates[n - 1] : nil
    let keptPrices = min(n, retention.prices)
    recentPrices = ArraySlice(UnsafeBufferPointer(start: prices + (n - keptPrices), count: keptPrices))
    let keptVolumes = min(n, max(retention.volumeRows, 0))
    recentVolumes = volumes.map { Array(UnsafeBufferPointer(start: $0 + (n - keptVolumes), count: keptVolumes)) }
    // Weekly closes of the window ending with the last price's week, and the close before it.
    var weekDates: [CalendarDay] = []
    var weeklyCloses: [Double] = []
    if n > 0 {
      let lastWeek = dates[n - 1].isoWeekNumber
      let weeks = max(retention.weeks, 1)
      let (first, overflow) = lastWeek.subtractingReportingOverflow(weeks - 1)
      let firstWeek = overflow ? Int.min : first
      // The window's first row: dates increase, so their weeks never decrease, and the rows in the window are a
      // suffix — found by bisection.
      var start = 0
      var end = n - 1
      while start < end {
        let middle = start + (end - start) / 2
        if dates[middle].isoWeekNumber >= firstWeek { end = middle } else { start = middle + 1 }
      }
      // At most one close per week of the window and per row, and the one before: arrays of that capacity, filled
      // in one pass that computes each row's week once (a row is its week's close when the next row's week differs).
      let capacity = min(n - start, weeks) + 1
      weekDates = [CalendarDay](unsafeUninitializedCapacity: capacity) { dateBuffer, dateCount in
        weeklyCloses = [Double](unsafeUninitializedCapacity: capacity) { closeBuffer, closeCount in
          var kept = 0
          func keep(_ row: Int) {
            dateBuffer.initializeElement(at: kept, to: dates[row])
            closeBuffer.initializeElement(at: kept, to: prices[row])
            kept += 1
          }
          if start > 0 { keep(start - 1) }
          var week = dates[start].isoWeekNumber
          for row in start..<(n - 1) {
            let next = dates[row + 1].isoWeekNumber
            if next != week {
              keep(row)
              week = next
            }
          }
          keep(n - 1)
          closeCount = kept
          dateCount = kept
        }
      }
    }
    self.weekDates = weekDates
    self.weeklyCloses = weeklyCloses
  }

  /// The summary of a whole history.
  public init(_ history: PriceHistory, keeping retention: Retention) {
    self = history.dates.withUnsafeBufferPointer { d in
      history.prices.withUnsafeBufferPointer { p in
        let run = { (v: UnsafePointer<Double>?) in
          PriceSummary(
            count: history.count, dates: d.baseAddress ?? PriceSummary.noDates,
            prices: p.baseAddress ?? PriceSummary.noPrices, volumes: v, keeping: retention)
        }
        guard let volumes = history.volumes else { return run(nil) }
        return volumes.withUnsafeBufferPointer { v in run(v.baseAddress ?? PriceSummary.noPrices) }
      }
    }
  }

  /// Valid pointers for an empty history (no element is read).
  nonisolated(unsafe) static let noDates = UnsafePointer(UnsafeMutablePointer<CalendarDay>.allocate(capacity: 1))
  nonisolated(unsafe) static let noPrices = UnsafePointer(UnsafeMutablePointer<Double>.allocate(capacity: 1))

  public static func == (a: PriceSummary, b: PriceSummary) -> Bool {
    func same(_ x: [Double]?, _ y: [Double]?) -> Bool {
      switch (x, y) {
      case (nil, nil): return true
      case let (x?, y?): return x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
      default: return false
      }
    }
    return a.count == b.count && a.firstDate == b.firstDate && a.lastDate == b.lastDate
      && a.recentPrices == b.recentPrices && same(a.recentVolumes, b.recentVolumes) && a.weekDates == b.weekDates
      && a.weeklyCloses == b.weeklyCloses && a.retention == b.retention
  }
}
