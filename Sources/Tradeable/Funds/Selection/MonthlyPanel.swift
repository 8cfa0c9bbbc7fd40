import LinearAlgebra

/// Monthly returns of a set of NAV series over a window of calendar months, as a `T × N` panel with a 0/1 mask
/// (DESIGN.md §8, FOF correlation).
///
/// A series' month-end NAV is its last NAV in a calendar month; its monthly return is the change between consecutive
/// month-end NAVs (months without a NAV are skipped) and belongs to the month of the later one. The window holds the
/// `months` calendar months ending with the month of `lastDate`.
public struct MonthlyPanel: Sendable {
  /// `T × N` monthly returns; 0 where `mask` is 0.
  public var values: Matrix
  /// `T × N`, 1 where the series has a return that month; `nil` when every entry is present.
  public var mask: Matrix?
  /// Month number (`CalendarDay.monthNumber`) of row 0.
  public let firstMonth: Int

  public init(series: [NAVSeries], lastDate: CalendarDay, months: Int) {
    let lastMonth = lastDate.monthNumber
    let firstMonth = lastMonth - months + 1
    var values = Matrix(rows: months, columns: series.count)
    var mask = Matrix(rows: months, columns: series.count)
    var complete = true
    for (j, s) in series.enumerated() {
      var filled = 0
      var previousClose: Double? = nil
      var t = 0
      while t < s.count {
        let month = s.dates[t].monthNumber
        if month > lastMonth { break }
        var u = t
        while u + 1 < s.count, s.dates[u + 1].monthNumber == month { u += 1 }
        let close = s.navs[u]
        if let previous = previousClose, month >= firstMonth {
          values[month - firstMonth, j] = close / previous - 1
          mask[month - firstMonth, j] = 1
          filled += 1
        }
        previousClose = close
        t = u + 1
      }
      if filled != months { complete = false }
    }
    self.values = values
    self.mask = complete ? nil : mask
    self.firstMonth = firstMonth
  }
}
