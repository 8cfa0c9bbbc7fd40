/// A time axis over calendar days, ticked at the first of January of every year (or of every second, fifth or tenth
/// year on long spans, so there are at most about a dozen labels).
public struct YearScale: ChartScale {
  /// Days since the epoch of the first and last day shown.
  public let domain: (Double, Double)
  public let range: (Double, Double)

  public init(from first: CalendarDay, to last: CalendarDay, range: (Double, Double)) {
    let a = Double(first.daysSinceEpoch)
    let b = Double(max(last, first.adding(days: 1)).daysSinceEpoch)
    domain = (a, b)
    self.range = range
  }

  public func position(_ value: Double) -> Double {
    range.0 + (value - domain.0) / (domain.1 - domain.0) * (range.1 - range.0)
  }

  /// Position of a day.
  public func position(_ day: CalendarDay) -> Double { position(Double(day.daysSinceEpoch)) }

  public var ticks: [Double] {
    let first = CalendarDay(daysSinceEpoch: Int32(domain.0)).components.year
    let last = CalendarDay(daysSinceEpoch: Int32(domain.1)).components.year
    let span = last - first + 1
    let step = span <= 12 ? 1 : span <= 24 ? 2 : span <= 60 ? 5 : 10
    var out: [Double] = []
    var year = first
    while year <= last + 1 {
      if year % step == 0 || step == 1, let day = CalendarDay(year: year, month: 1, day: 1) {
        let value = Double(day.daysSinceEpoch)
        if value >= domain.0 && value <= domain.1 { out.append(value) }
      }
      year += 1
    }
    return out
  }

  public func label(_ value: Double) -> String { String(CalendarDay(daysSinceEpoch: Int32(value)).components.year) }
}
