extension PriceHistory {
  /// The history with only the rows dated on or before `day` (the first `count(through:)` rows).
  public func cut(through day: CalendarDay) -> PriceHistory {
    let n = count(through: day)
    if n == count { return self }
    return PriceHistory(
      dates: Array(dates[..<n]), prices: Array(prices[..<n]), volumes: volumes.map { Array($0[..<n]) })
  }

  /// Rows dated on or before `day` (binary search: dates increase strictly).
  public func count(through day: CalendarDay) -> Int {
    var low = 0
    var high = dates.count
    while low < high {
      let mid = (low + high) / 2
      if dates[mid] <= day { low = mid + 1 } else { high = mid }
    }
    return low
  }
}

extension Universe {
  /// The universe as it was known at the close of `day`: every instrument kept, in input order, with only its prices
  /// dated on or before `day` (an instrument without one keeps an empty history, so it is still accounted for and
  /// the filters exclude it). The universe's last date becomes the latest price date on or before `day`.
  ///
  /// This is what makes a walk-forward point-in-time: volatility, correlation, costs and every filter computed on the
  /// cut see nothing dated after `day`.
  public func cut(through day: CalendarDay) -> Universe {
    Universe(instruments: instruments, histories: histories.map { $0.cut(through: day) }, fx: fx, source: source)
  }
}
