import Foundation
import Tradeable

/// Small NAV series for the fund tests, made up and said to be so.
public enum FundFixtures {
  /// `count` month-end dates ending with `last` (e.g. 2023-05-31), oldest first.
  public static func monthEnds(count: Int, last: String) -> [CalendarDay] {
    let end = CalendarDay(iso: last)!
    return (0..<count).reversed().map { k in
      let d = end.addingMonths(-k)
      // The last day of that month: the first of the next month minus one day.
      let (y, m, _) = d.components
      return CalendarDay(year: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1)!.adding(days: -1)
    }
  }

  /// Weekdays ending with `last`, `count` of them, oldest first.
  public static func weekdays(count: Int, last: String) -> [CalendarDay] {
    var day = CalendarDay(iso: last)!
    var out: [CalendarDay] = []
    while out.count < count {
      if day.isWeekday { out.append(day) }
      day = day.adding(days: -1)
    }
    return out.reversed()
  }

  /// NAVs from 100 with returns alternating `+step, −step, …` (`returns` of them): mean 0 for an even count, sample
  /// standard deviation `step × √(n / (n − 1))`.
  public static func alternating(step: Double, returns n: Int, start: Double = 100) -> [Double] {
    var navs = [start]
    for k in 0..<n { navs.append(navs[k] * (k % 2 == 0 ? 1 + step : 1 - step)) }
    return navs
  }

  /// NAVs from `start` compounding `returns`.
  public static func compounding(_ returns: [Double], start: Double = 100) -> [Double] {
    var navs = [start]
    for r in returns { navs.append(navs[navs.count - 1] * (1 + r)) }
    return navs
  }

  /// A long `date,code,nav` file of the given series (full-precision NAVs, so they read back exactly).
  public static func longFile(_ series: [(code: String, dates: [CalendarDay], navs: [Double])]) -> String {
    var lines = ["date,code,nav"]
    for s in series { for (d, v) in zip(s.dates, s.navs) { lines.append("\(d),\(s.code),\(v)") } }
    return lines.joined(separator: "\n") + "\n"
  }
}
