import Foundation
import Tradeable

/// Made-up instruments for tests: random-walk prices on weekdays ending on a given date, written in the bundled
/// format. Everything here is synthetic and says so in its names ("Synthetic …").
public struct SyntheticInstrument: Sendable {
  public var code: String
  public var currency = "USD"
  public var multiplier = 10.0
  public var tickSize = 0.01
  public var halfSpread: Double? = nil
  public var commissionPerContract = 0.2
  public var rollsPerYear = 4.0
  /// Number of weekday prices.
  public var count = 600
  /// Last date.
  public var lastDate = "2023-08-31"
  /// First price and daily step size (standard deviation of the uniform steps is `step / √3`).
  public var start = 100.0
  public var step = 1.0
  /// Seed of the price path.
  public var seed: UInt64 = 1
  /// Volume each day (`nil` rows are written empty); `nil` for no volume column.
  public var volume: (@Sendable (Int) -> Double?)? = nil

  public init(code: String) { self.code = code }

  /// Weekday dates ending on `lastDate`, oldest first.
  public var dates: [String] {
    var day = CalendarDay(iso: lastDate)!
    var out: [String] = []
    while out.count < count {
      if day.isWeekday { out.append(day.description) }
      day = day.adding(days: -1)
    }
    return out.reversed()
  }

  /// The price path: `start` then uniform steps in [−step, step] (`RandomSource`, deterministic for `seed`).
  public var prices: [Double] {
    var random = RandomSource(seed: seed)
    var p = start
    var out = [p]
    for _ in 1..<count {
      p += random.uniform(-step, step)
      out.append(p)
    }
    return out
  }
}

/// Writes synthetic instruments to a data folder.
public func writeSyntheticUniverse(_ instruments: [SyntheticInstrument], to folder: TemporaryDataFolder,
  fx: String = "currency,rate\nUSD,1\nEUR,1.1\n")
{
  var rows = [
    "code,name,asset_class,exchange,currency,multiplier,tick_size,half_spread,commission_per_contract,rolls_per_year"
  ]
  for s in instruments {
    rows.append(
      "\(s.code),Synthetic \(s.code),Synthetic,NONE,\(s.currency),\(s.multiplier),\(s.tickSize),"
        + "\(s.halfSpread.map { "\($0)" } ?? ""),\(s.commissionPerContract),\(s.rollsPerYear)")
    let dates = s.dates, prices = s.prices
    var lines = [s.volume == nil ? "date,price" : "date,price,volume"]
    for k in 0..<s.count {
      if let volume = s.volume {
        lines.append("\(dates[k]),\(prices[k]),\(volume(k).map { "\($0)" } ?? "")")
      } else {
        lines.append("\(dates[k]),\(prices[k])")
      }
    }
    folder.write("prices/\(s.code).csv", lines.joined(separator: "\n") + "\n")
  }
  folder.write("instruments.csv", rows.joined(separator: "\n") + "\n")
  folder.write("fx.csv", fx)
}
