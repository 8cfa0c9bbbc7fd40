import Foundation
import Testing
import _TestSupport

/// A second, plain computation of `funds backtest`'s two portfolios from the NAV file and the rebalances the command
/// reports (README: "holds the top-scored products in equal amounts, rebalanced every six months … against the
/// equal-weight portfolio of every product, rebalanced on the same dates"), and §8's metrics of the result.
enum FundsBacktestCheck {
  /// A wide NAV file `date,A,B,…` with every value present.
  struct WideNAVs {
    var dates: [String]
    var codes: [String]
    /// navs[t][k]: product k at date t.
    var navs: [[Double]]

    init(_ url: URL) throws {
      let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
      codes = lines[0].split(separator: ",").dropFirst().map(String.init)
      dates = []
      navs = []
      for line in lines.dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        dates.append(String(fields[0]))
        navs.append(fields.dropFirst().map { Double($0)! })
      }
    }
  }

  /// Portfolio values from the first rebalance date (1) to the end: at each rebalance date, at its close, the value
  /// is split in equal amounts over `holdings(rebalance)`; in between the units are held.
  static func values(_ file: WideNAVs, rebalances: [[String: Any]], holdings: ([String: Any]) -> [String]) -> [Double] {
    let byDate = Dictionary(uniqueKeysWithValues: rebalances.map { ($0["date"] as! String, $0) })
    let start = file.dates.firstIndex(of: rebalances[0]["date"] as! String)!
    var units = [Double](repeating: 0, count: file.codes.count)
    var values = [1.0]
    for t in start..<file.dates.count {
      if t > start { values.append(zip(units, file.navs[t]).reduce(0) { $0 + $1.0 * $1.1 }) }
      if let rebalance = byDate[file.dates[t]] {
        let chosen = holdings(rebalance)
        units = [Double](repeating: 0, count: file.codes.count)
        for code in chosen {
          let k = file.codes.firstIndex(of: code)!
          units[k] = values[values.count - 1] / Double(chosen.count) / file.navs[t][k]
        }
      }
    }
    return values
  }

  /// §8 over daily values (252 a year): returns, cumulative return, volatility, Sharpe, maximum drawdown.
  static func metrics(_ values: [Double]) -> (returns: Int, cumulative: Double, volatility: Double, sharpe: Double,
    maxDrawdown: Double)
  {
    let r = (1..<values.count).map { values[$0] / values[$0 - 1] - 1 }
    let mean = r.reduce(0, +) / Double(r.count)
    let sd = (r.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(r.count - 1)).squareRoot()
    var peak = values[0], drawdown = 0.0
    for v in values {
      peak = max(peak, v)
      drawdown = min(drawdown, v / peak - 1)
    }
    return (r.count, values.last! / values[0] - 1, sd * 252.0.squareRoot(), mean / sd * 252.0.squareRoot(), drawdown)
  }

  /// Checks a `funds backtest --format json` document on `data/funds/factor_etfs.csv` against the recomputation.
  static func expectAgreement(_ doc: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let file = try WideNAVs(PackagePaths.root.appendingPathComponent("data/funds/factor_etfs.csv"))
    let rebalances = try #require(doc["rebalances"] as? [[String: Any]], sourceLocation: sourceLocation)
    for (key, holdings) in [
      ("strategy", { (r: [String: Any]) in r["selected"] as! [String] }), ("benchmark", { _ in file.codes }),
    ] {
      let reported = try #require(doc[key] as? [String: Any], sourceLocation: sourceLocation)
      let m = metrics(values(file, rebalances: rebalances, holdings: holdings))
      #expect(reported["returns"] as? Int == m.returns, "\(key)", sourceLocation: sourceLocation)
      // Products of ~1,500 daily ratios and sums of as many returns, in two orders: 1e-12 relative.
      for (name, value) in [
        ("cumulativeReturn", m.cumulative), ("volatility", m.volatility), ("sharpe", m.sharpe),
        ("maxDrawdown", m.maxDrawdown),
      ] {
        #expect(
          approximately(number(reported, name)!, value, relative: 1e-12), "\(key) \(name): \(reported[name]!) vs \(value)",
          sourceLocation: sourceLocation)
      }
    }
  }
}
