import Foundation
import Tradeable

/// A five-instrument universe small enough to check by hand (the arithmetic is in `Tests/TradeableTests/
/// HandUniverseTests.swift`).
///
/// Each instrument has one price a week, every Friday from 2023-07-07 to 2023-09-01 (9 prices, 8 differences), so its
/// daily differences are its weekly differences. With `a = (+1,−1,+1,−1,+1,−1,+1,−1)` and
/// `c = (+1,+1,−1,−1,+1,+1,−1,−1)` (orthogonal, both mean zero):
///
///     A: a         B: 2a        C: c         D: −a        E: a + c
///
/// so corr(A,B) = 1, corr(A,C) = 0, corr(A,D) = −1 (floored to 0), corr(A,E) = corr(C,E) = 1/√2, corr(D,E) = −1/√2
/// (floored to 0), corr(B,·) = corr(A,·), corr(C,D) = 0.
/// Standard deviations (n − 1 = 7): A, C, D: √(8/7); B: 2√(8/7); E: √(16/7) = √2·√(8/7).
/// Multiplier 1000, USD, 4 rolls a year (8 trades), no spread; the commission per contract is set so that the annual
/// SR cost is exactly `annualSRCost` below: `commission = cost × currencyVolatility / 8`.
public enum HandUniverse {
  /// Codes in input order.
  public static let codes = ["A", "B", "C", "D", "E"]
  /// Weekly (= daily) differences of each instrument.
  public static let differences: [String: [Double]] = [
    "A": [1, -1, 1, -1, 1, -1, 1, -1],
    "B": [2, -2, 2, -2, 2, -2, 2, -2],
    "C": [1, 1, -1, -1, 1, 1, -1, -1],
    "D": [-1, 1, -1, 1, -1, 1, -1, 1],
    "E": [2, 0, 0, -2, 2, 0, 0, -2],
  ]
  /// Annual SR cost each instrument is built to have.
  public static let annualSRCost: [String: Double] = ["A": 0.01, "B": 0.02, "C": 0.03, "D": 0.04, "E": 0.05]
  /// Point value.
  public static let multiplier = 1000.0
  /// Fridays 2023-07-07 … 2023-09-01.
  public static let dates: [String] = [
    "2023-07-07", "2023-07-14", "2023-07-21", "2023-07-28", "2023-08-04", "2023-08-11", "2023-08-18", "2023-08-25",
    "2023-09-01",
  ]

  /// Sample standard deviation of the differences (n − 1), by the formulas in the type's comment.
  public static func standardDeviation(_ code: String) -> Double {
    let base = (8.0 / 7).squareRoot()
    switch code {
    case "B": return 2 * base
    case "E": return 2.0.squareRoot() * base
    default: return base
    }
  }

  /// Annual currency volatility of one contract: `sd × 16 × 1000`.
  public static func currencyVolatility(_ code: String) -> Double { standardDeviation(code) * 16 * multiplier }

  /// Settings for the hand universe: the history and stale rules adjusted to its nine weekly prices.
  public static var settings: PipelineSettings {
    var s = PipelineSettings()
    s.filters.history.minimumPrices = 9
    return s
  }

  /// Writes the universe into `folder` (instruments.csv, fx.csv, prices/).
  public static func write(to folder: TemporaryDataFolder) {
    var instruments = [
      "code,name,asset_class,exchange,currency,multiplier,tick_size,half_spread,commission_per_contract,"
        + "commission_rate,commission_per_trade,rolls_per_year"
    ]
    for code in codes {
      let commission = annualSRCost[code]! * currencyVolatility(code) / 8
      instruments.append("\(code),Hand \(code),Test,TEST,USD,\(multiplier),0.01,0,\(commission),0,0,4")
      var price = 100.0
      var lines = ["date,price", "\(dates[0]),\(price)"]
      for (k, d) in differences[code]!.enumerated() {
        price += d
        lines.append("\(dates[k + 1]),\(price)")
      }
      folder.write("prices/\(code).csv", lines.joined(separator: "\n") + "\n")
    }
    folder.write("instruments.csv", instruments.joined(separator: "\n") + "\n")
    folder.write("fx.csv", "currency,rate\nUSD,1\n")
  }
}
