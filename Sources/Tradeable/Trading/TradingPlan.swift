/// A set held over one period, as a selection chose it: the members (input indices) with their risk weights, the
/// set's IDM, and what the selection predicted for it.
public struct Holding: Sendable, Equatable {
  /// Input indices of the members, in the order the selection added them.
  public var members: [Int]
  /// Risk weight of each member (same order), summing to 1.
  public var weights: [Double]
  /// The set's instrument diversification multiplier; 1 for an empty set (unused).
  public var idm: Double
  /// The set's expected Sharpe ratio after costs (DESIGN.md §6); `nil` for an empty set.
  public var expectedSharpe: Double?
  /// §4.3's trades a year of each member at the selection's date (same order).
  public var predictedTradesPerYear: [Double]
  /// §4.4's annual SR cost of each member at the selection's date (same order).
  public var predictedSRCost: [Double]

  public init(
    members: [Int], weights: [Double], idm: Double, expectedSharpe: Double?, predictedTradesPerYear: [Double],
    predictedSRCost: [Double]
  ) {
    precondition(weights.count == members.count, "one weight per member")
    precondition(predictedTradesPerYear.count == members.count && predictedSRCost.count == members.count)
    self.members = members
    self.weights = weights
    self.idm = idm
    self.expectedSharpe = expectedSharpe
    self.predictedTradesPerYear = predictedTradesPerYear
    self.predictedSRCost = predictedSRCost
  }

  /// Nothing held.
  public static let empty = Holding(
    members: [], weights: [], idm: 1, expectedSharpe: nil, predictedTradesPerYear: [], predictedSRCost: [])

  /// Whether nothing is held.
  public var isEmpty: Bool { members.isEmpty }

  /// The chosen set of a selection, with its weights, IDM, Sharpe ratio and the members' predicted trades and costs.
  public init(portfolio: Portfolio, metrics: [InstrumentMetrics]) {
    guard let idm = portfolio.idm, !portfolio.isEmpty else {
      self = .empty
      return
    }
    self.init(
      members: portfolio.indices, weights: portfolio.weights, idm: idm, expectedSharpe: portfolio.sharpe,
      predictedTradesPerYear: portfolio.indices.map { metrics[$0].tradesPerYear },
      predictedSRCost: portfolio.indices.map { metrics[$0].annualSRCost ?? .nan })
  }
}

/// How positions follow their targets (DESIGN.md §9).
public enum PositionRounding: String, Sendable, Codable, CaseIterable {
  /// Whole contracts with the buffer: a position within `N* ± B` is kept, else traded to the near edge of the band,
  /// rounded half away from zero.
  case wholeContracts = "whole-contracts"
  /// The unrounded target `N*` at every close, no buffer: what unlimited capital would trade.
  case unrounded
}

/// One strategy's book: the capital, the set held in each period of the schedule, and how positions are rounded.
public struct TradingPlan: Sendable {
  /// Fixed capital, base currency.
  public var capital: Double
  /// The set held in each period (one per `TradingSchedule.periodStarts`).
  public var holdings: [Holding]
  /// Whole contracts with the buffer, or unrounded.
  public var rounding: PositionRounding
  /// Whether to measure each member's turnover and costs (not needed for the random paths).
  public var measuresInstruments: Bool

  public init(capital: Double, holdings: [Holding], rounding: PositionRounding, measuresInstruments: Bool = true) {
    self.capital = capital
    self.holdings = holdings
    self.rounding = rounding
    self.measuresInstruments = measuresInstruments
  }
}

/// When positions are decided and booked: the periods (each holds one set) and the account's days.
///
/// Period `y` holds its set at every price date `t` with `periodStarts[y] ≤ t < periodStarts[y + 1]` (the last
/// period to the end of the data); before `periodStarts[0]` nothing is held. A walk-forward's periods start the day
/// after each rebalance date, so a price dated on a rebalance date is still traded with the old set, and the new set
/// is taken at each instrument's first close after it. The account's days (`calendar`) are the weekdays from
/// `periodStarts[0]` to the last price date.
public struct TradingSchedule: Sendable, Equatable {
  /// First date of each period, increasing.
  public var periodStarts: [CalendarDay]
  /// The account's days.
  public var calendar: TradingCalendar

  public init(periodStarts: [CalendarDay], end: CalendarDay) {
    precondition(!periodStarts.isEmpty, "a schedule has at least one period")
    precondition(zip(periodStarts, periodStarts.dropFirst()).allSatisfy { $0 < $1 }, "periods start in order")
    self.periodStarts = periodStarts
    self.calendar = TradingCalendar(from: periodStarts[0], through: max(end, periodStarts[0]))
  }

  /// Number of periods.
  public var periodCount: Int { periodStarts.count }

  /// The period holding date `day`, `nil` before the first.
  public func period(of day: CalendarDay) -> Int? {
    guard day >= periodStarts[0] else { return nil }
    var low = 0
    var high = periodStarts.count
    while high - low > 1 {
      let mid = (low + high) / 2
      if periodStarts[mid] <= day { low = mid } else { high = mid }
    }
    return low
  }

  /// The period of each account day.
  public var periodOfDay: [Int] {
    var out: [Int] = []
    out.reserveCapacity(calendar.count)
    var y = 0
    for day in calendar.days {
      while y + 1 < periodStarts.count && periodStarts[y + 1] <= day { y += 1 }
      out.append(y)
    }
    return out
  }
}

/// The account's days (DESIGN.md §9): every weekday (Monday to Friday) from a start to an end, and the day each price
/// date is booked on — the first account day on or after it (a Sunday print is booked on Monday).
///
/// When the end is a Saturday or Sunday the calendar runs on to the Monday after it, so that the profit of a last
/// weekend print is booked rather than dropped.
public struct TradingCalendar: Sendable, Equatable {
  /// The account days, increasing.
  public let days: [CalendarDay]

  public init(from start: CalendarDay, through end: CalendarDay) {
    var days: [CalendarDay] = []
    var day = start
    while true {
      if day.isWeekday {
        days.append(day)
        if day >= end { break }
      }
      day = day.adding(days: 1)
    }
    self.days = days
  }

  /// Number of account days.
  public var count: Int { days.count }

  /// Index of the first account day on or after `date`: 0 for a date before the start, `count` after the end.
  public func bookingIndex(_ date: CalendarDay) -> Int {
    guard let first = days.first else { return 0 }
    guard date > first else { return 0 }
    return min(count, CalendarDay.weekdays(after: first.adding(days: -1), through: date.adding(days: -1)))
  }
}
