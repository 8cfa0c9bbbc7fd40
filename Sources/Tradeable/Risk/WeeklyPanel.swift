import LinearAlgebra

/// Weekly price differences of a set of instruments over a window of ISO weeks, as a `T × N` panel (one column per
/// instrument, one row per week) with a 0/1 mask of the weeks each instrument has (DESIGN.md §3).
///
/// An instrument's weekly close is its last price in an ISO week (Monday to Sunday); its weekly difference is the
/// difference between consecutive weekly closes (weeks without a price are skipped) and belongs to the week of the
/// later close. The window holds the `weeks` ISO weeks ending with `lastWeek`; a difference whose later close falls in
/// the window counts even if the earlier close is older.
public struct WeeklyPanel: Sendable {
  /// `T × N` weekly differences, price points; 0 where `mask` is 0.
  public var values: Matrix
  /// `T × N`, 1 where the instrument has a difference that week; `nil` when every entry is present.
  public var mask: Matrix?
  /// ISO week number (`CalendarDay.isoWeekNumber`) of row 0.
  public let firstWeek: Int

  /// Builds the panel of `histories` for the `weeks` ISO weeks ending with the week of `lastDate`.
  public init(histories: [PriceHistory], lastDate: CalendarDay, weeks: Int) {
    let lastWeek = lastDate.isoWeekNumber
    let firstWeek = lastWeek - weeks + 1
    let n = histories.count
    var values = Matrix(rows: weeks, columns: n)
    var mask = Matrix(rows: weeks, columns: n)
    var complete = true
    values.storage.withUnsafeMutableBufferPointer { x in
      mask.storage.withUnsafeMutableBufferPointer { m in
        for (j, history) in histories.enumerated() {
          let column = j * weeks
          var filled = 0
          WeeklyPanel.forEachWeeklyDifference(history, from: firstWeek, through: lastWeek) { week, difference in
            x[column + week - firstWeek] = difference
            m[column + week - firstWeek] = 1
            filled += 1
          }
          if filled != weeks { complete = false }
        }
      }
    }
    self.values = values
    self.mask = complete ? nil : mask
    self.firstWeek = firstWeek
  }

  /// Calls `body(week, difference)` for each weekly difference of `history` whose week is in
  /// `firstWeek ... lastWeek`, in week order.
  @inline(__always)
  static func forEachWeeklyDifference(
    _ history: PriceHistory, from firstWeek: Int, through lastWeek: Int, _ body: (Int, Double) -> Void
  ) {
    let dates = history.dates
    let prices = history.prices
    let count = dates.count
    guard count > 0 else { return }
    // Find the first price of the week before the window's first week is *not* needed: walk from the last weekly close
    // strictly before the window (if any) to the end.
    var start = count - 1
    while start > 0, dates[start - 1].isoWeekNumber >= firstWeek { start -= 1 }
    // `start` is the first index whose week is >= firstWeek; step back into the previous week with a price.
    var previousClose: Double? = nil
    if start > 0 { previousClose = prices[start - 1] }  // last price of an earlier week: that week's close
    var t = start
    while t < count {
      let week = dates[t].isoWeekNumber
      if week > lastWeek { break }
      var u = t
      while u + 1 < count, dates[u + 1].isoWeekNumber == week { u += 1 }
      let close = prices[u]
      if let previous = previousClose, week >= firstWeek { body(week, close - previous) }
      previousClose = close
      t = u + 1
    }
  }

  /// Number of weeks (rows).
  public var weeks: Int { values.rows }
}
