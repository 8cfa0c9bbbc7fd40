/// One product's net asset values per unit: strictly increasing dates, every NAV positive (DESIGN.md §8: a NAV ≤ 0 is
/// an input error). Missing days are simply absent; returns run between consecutive available NAVs.
public struct NAVSeries: Sendable, Equatable {
  /// Product (or series) code.
  public var code: String
  /// NAV dates, strictly increasing.
  public var dates: [CalendarDay]
  /// NAV on each date, currency per unit, positive.
  public var navs: [Double]

  public init(code: String, dates: [CalendarDay], navs: [Double]) {
    precondition(dates.count == navs.count, "one NAV per date")
    self.code = code
    self.dates = dates
    self.navs = navs
  }

  /// Number of NAVs.
  public var count: Int { navs.count }
  /// First NAV date.
  public var firstDate: CalendarDay? { dates.first }
  /// Last NAV date.
  public var lastDate: CalendarDay? { dates.last }

  /// Simple returns `r_k = nav_k / nav_{k−1} − 1` between consecutive NAVs (`count − 1` of them).
  public var returns: [Double] { NAVSeries.returns(navs) }

  /// Simple returns between consecutive values of `navs`.
  public static func returns(_ navs: [Double]) -> [Double] {
    guard navs.count >= 2 else { return [] }
    return (1..<navs.count).map { navs[$0] / navs[$0 - 1] - 1 }
  }

  /// The NAVs dated on or before `date`.
  public func truncated(through date: CalendarDay) -> NAVSeries {
    let end = dates.partitioningIndex { $0 > date }
    return NAVSeries(code: code, dates: Array(dates[..<end]), navs: Array(navs[..<end]))
  }

  /// Index of the last NAV dated on or before `date`, `nil` when every NAV is later.
  public func lastIndex(onOrBefore date: CalendarDay) -> Int? {
    let end = dates.partitioningIndex { $0 > date }
    return end > 0 ? end - 1 : nil
  }
}

extension Array {
  /// The first index whose element satisfies `isAbove`, for an array partitioned so that every element satisfying it
  /// follows every element that does not (binary search).
  public func partitioningIndex(where isAbove: (Element) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
      let mid = (low + high) / 2
      if isAbove(self[mid]) { high = mid } else { low = mid + 1 }
    }
    return low
  }
}
