import Tradeable

/// A time axis of calendar months (`CalendarDay.monthNumber`), labelled by year at Januaries: every year, or every
/// 2, 5, 10 … years so that at most `maxLabels` labels fit.
public struct MonthScale: ChartScale {
  /// First and last month numbers.
  public let domain: (Double, Double)
  public let range: (Double, Double)
  /// Years between labels.
  public let yearStep: Int

  public init(firstMonth: Int, lastMonth: Int, range: (Double, Double), maxLabels: Int) {
    let last = max(lastMonth, firstMonth + 1)
    domain = (Double(firstMonth), Double(last))
    self.range = range
    let years = Double(last - firstMonth) / 12
    yearStep = [1, 2, 5, 10, 20, 50, 100].first { years / Double($0) <= Double(max(maxLabels, 1)) } ?? 100
  }

  public func position(_ value: Double) -> Double {
    range.0 + (value - domain.0) / (domain.1 - domain.0) * (range.1 - range.0)
  }

  /// Januaries of the years that are multiples of `yearStep`.
  public var ticks: [Double] {
    var year = Int((domain.0 / 12).rounded(.up))
    year += (yearStep - year % yearStep) % yearStep
    var out: [Double] = []
    while Double(year * 12) <= domain.1 {
      out.append(Double(year * 12))
      year += yearStep
    }
    return out
  }

  public func label(_ value: Double) -> String { String(Int(value) / 12) }
}
