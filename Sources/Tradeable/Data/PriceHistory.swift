/// One instrument's daily prices: back-adjusted continuous prices in price points (they may be zero or negative),
/// one per date, dates strictly increasing; optionally the contracts traded each day.
public struct PriceHistory: Sendable, Equatable {
  /// Trading dates, strictly increasing.
  public var dates: [CalendarDay]
  /// Price on each date, price points.
  public var prices: [Double]
  /// Contracts traded on each date; `NaN` on a row without a volume. `nil` when the source has no volume column.
  public var volumes: [Double]?

  public init(dates: [CalendarDay], prices: [Double], volumes: [Double]? = nil) {
    precondition(dates.count == prices.count, "one price per date")
    precondition(volumes == nil || volumes!.count == dates.count, "one volume per date")
    self.dates = dates
    self.prices = prices
    self.volumes = volumes
  }

  /// Number of daily prices.
  public var count: Int { prices.count }

  /// Date of the last price, `nil` when empty.
  public var lastDate: CalendarDay? { dates.last }

  public static func == (a: PriceHistory, b: PriceHistory) -> Bool {
    guard a.dates == b.dates, a.prices == b.prices else { return false }
    switch (a.volumes, b.volumes) {
    case (nil, nil): return true
    case let (x?, y?):
      return x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    default: return false
    }
  }
}
