extension ReportingFrequency {
  /// The reporting frequency of a series as its NAVs arrive, date by date: after each `add`, `frequency` equals
  /// `ReportingFrequency.detect` of the dates added so far, without keeping or sorting the gaps (the factor test asks
  /// it at every month end of every product, point in time).
  ///
  /// Gaps are whole days, so a histogram holds them: an exact count for each gap of 1 to `exactGapDays` days, one
  /// count for the longer ones. The median is the middle gap, or the mean of the two middle ones; it is classified
  /// exactly whenever it can be 35 days or less (the slowest class with an upper end): with the lower middle gap
  /// `a ≥ 1` the mean `(a + b)/2 ≤ 35` needs `b ≤ 69`, so gaps up to 70 days are counted exactly, and a middle gap
  /// beyond them makes the median over 35 days: irregular.
  public struct Tracker: Sendable {
    /// Gaps counted one by one: twice the longest gap of a monthly series (35 days).
    public static let exactGapDays = 2 * Int(ReportingFrequency.monthly.longestGapDays!)

    /// `counts[g]`: gaps of `g` days, `1 ≤ g ≤ exactGapDays`.
    var counts = [Int](repeating: 0, count: Tracker.exactGapDays + 1)
    /// Gaps longer than `exactGapDays`.
    var longer = 0
    /// Gaps so far.
    public private(set) var gaps = 0
    /// The last date added.
    public private(set) var lastDate: CalendarDay? = nil

    public init() {}

    /// Adds the next date (after every date added before).
    public mutating func add(_ date: CalendarDay) {
      if let lastDate {
        precondition(date > lastDate, "dates are added in increasing order")
        let gap = lastDate.days(to: date)
        if gap <= Tracker.exactGapDays { counts[gap] += 1 } else { longer += 1 }
        gaps += 1
      }
      lastDate = date
    }

    /// The gap of order `k` (0-based, ascending); `nil` when it is longer than `exactGapDays`.
    func orderStatistic(_ k: Int) -> Int? {
      var seen = 0
      for g in 1...Tracker.exactGapDays {
        seen += counts[g]
        if seen > k { return g }
      }
      return nil
    }

    /// The frequency of the dates added so far: `nil` with fewer than two.
    public var frequency: ReportingFrequency? {
      guard gaps > 0 else { return nil }
      let median: Double
      if gaps % 2 == 1 {
        guard let middle = orderStatistic(gaps / 2) else { return .irregular }
        median = Double(middle)
      } else {
        guard let low = orderStatistic(gaps / 2 - 1), let high = orderStatistic(gaps / 2) else { return .irregular }
        median = Double(low + high) / 2
      }
      return ReportingFrequency.classify(medianGapDays: median)
    }
  }
}
