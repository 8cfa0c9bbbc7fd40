import LinearAlgebra

/// Changes between consecutive period closes of a set of series over a window of calendar periods, as a `T × N` panel
/// (one column per series, one row per period) with a 0/1 mask of the periods each series has: the input of every
/// correlation estimate. The futures' weekly price differences (DESIGN.md §3) and the funds' monthly NAV returns
/// (§8) are both this panel, with a different period and change.
///
/// A series' close in a period is its last value in that period; its change is taken between consecutive closes
/// (periods without a value are skipped) and belongs to the period of the later close. The window holds the
/// `periods` periods ending with the period of `lastDate`; a change whose later close falls in the window counts even
/// if the earlier close is older.
public struct PeriodicPanel: Sendable {
  /// The calendar period of the closes.
  public enum Period: Sendable {
    /// ISO weeks, Monday to Sunday (`CalendarDay.isoWeekNumber`).
    case isoWeek
    /// Calendar months (`CalendarDay.monthNumber`).
    case calendarMonth

    /// The running number of the period holding `day`: consecutive periods have consecutive numbers.
    @inline(__always)
    public func number(of day: CalendarDay) -> Int {
      switch self {
      case .isoWeek: return day.isoWeekNumber
      case .calendarMonth: return day.monthNumber
      }
    }
  }

  /// How a change between two closes is measured.
  public enum Change: Sendable {
    /// `close − previous`, in the series' units: back-adjusted futures prices, which can be zero or negative.
    case difference
    /// `close / previous − 1`: NAVs, which are positive.
    case simpleReturn

    @inline(__always)
    func between(_ previous: Double, _ close: Double) -> Double {
      switch self {
      case .difference: return close - previous
      case .simpleReturn: return close / previous - 1
      }
    }
  }

  /// `T × N` changes; 0 where `mask` is 0.
  public var values: Matrix
  /// `T × N`, 1 where the series has a change that period; `nil` when every entry is present.
  public var mask: Matrix?
  /// Period number (`Period.number(of:)`) of row 0.
  public let firstPeriod: Int

  /// Number of periods (rows).
  public var periods: Int { values.rows }

  /// The panel of `series` (each its dates, strictly increasing, and its values) for the `periods` periods ending with
  /// the period of `lastDate`.
  public init(
    series: [(dates: [CalendarDay], values: [Double])], lastDate: CalendarDay, periods: Int, period: Period,
    change: Change
  ) {
    let lastPeriod = period.number(of: lastDate)
    let firstPeriod = lastPeriod - periods + 1
    let n = series.count
    var values = Matrix(rows: periods, columns: n)
    var mask = Matrix(rows: periods, columns: n)
    var complete = true
    values.storage.withUnsafeMutableBufferPointer { x in
      mask.storage.withUnsafeMutableBufferPointer { m in
        for (j, s) in series.enumerated() {
          let column = j * periods
          var filled = 0
          PeriodicPanel.forEachChange(
            dates: s.dates, values: s.values, from: firstPeriod, through: lastPeriod, period: period, change: change
          ) { p, value in
            x[column + p - firstPeriod] = value
            m[column + p - firstPeriod] = 1
            filled += 1
          }
          if filled != periods { complete = false }
        }
      }
    }
    self.values = values
    self.mask = complete ? nil : mask
    self.firstPeriod = firstPeriod
  }

  /// Weekly differences of price histories (DESIGN.md §3): the `weeks` ISO weeks ending with the week of `lastDate`.
  public static func weeklyDifferences(_ histories: [PriceHistory], lastDate: CalendarDay, weeks: Int)
    -> PeriodicPanel
  {
    PeriodicPanel(
      series: histories.map { ($0.dates, $0.prices) }, lastDate: lastDate, periods: weeks, period: .isoWeek,
      change: .difference)
  }

  /// Monthly returns of month-end NAVs (DESIGN.md §8): the `months` calendar months ending with the month of
  /// `lastDate`.
  public static func monthlyReturns(_ series: [NAVSeries], lastDate: CalendarDay, months: Int) -> PeriodicPanel {
    PeriodicPanel(
      series: series.map { ($0.dates, $0.navs) }, lastDate: lastDate, periods: months, period: .calendarMonth,
      change: .simpleReturn)
  }

  /// The panel prepared for correlations (it hands over its storage).
  public consuming func correlationPanel() -> CorrelationPanel { CorrelationPanel(values: values, mask: mask) }

  /// Calls `body(period, change)` for each change of a series whose period is in `firstPeriod ... lastPeriod`, in
  /// period order.
  @inline(__always)
  static func forEachChange(
    dates: [CalendarDay], values: [Double], from firstPeriod: Int, through lastPeriod: Int, period: Period,
    change: Change, _ body: (Int, Double) -> Void
  ) {
    let count = dates.count
    guard count > 0 else { return }
    // Walk back from the end to the first value whose period is in the window (a long history is not read from its
    // start); the value before it, if any, is the close of an earlier period.
    var start = count - 1
    while start > 0, period.number(of: dates[start - 1]) >= firstPeriod { start -= 1 }
    var previousClose: Double? = start > 0 ? values[start - 1] : nil
    var t = start
    while t < count {
      let p = period.number(of: dates[t])
      if p > lastPeriod { break }
      var u = t
      while u + 1 < count, period.number(of: dates[u + 1]) == p { u += 1 }
      let close = values[u]
      if let previous = previousClose, p >= firstPeriod { body(p, change.between(previous, close)) }
      previousClose = close
      t = u + 1
    }
  }
}
