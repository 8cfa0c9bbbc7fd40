import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Cash to hold back for the next day's loss of the selected portfolio, by historical simulation — the practice of
/// strategy indices that reserve cash at a quantile of the next day's loss.
///
/// Method:
/// 1. Target positions, contracts: `capital × IDM × wᵢ × targetVolatility / currencyVolatilityᵢ` (unrounded), and the
///    same rounded to whole contracts (half away from zero), with the selection's IDM and weights.
/// 2. Window: the last `window` (512) differences between consecutive dates on which **every** selected instrument has
///    a price, so each day's change covers the same interval for all of them (fewer when the set has fewer common
///    dates).
/// 3. Daily P&L of the book, base currency: `Σᵢ positionᵢ × (pᵢ(t) − pᵢ(t−1)) × multiplierᵢ × fxᵢ`, with today's FX.
/// 4. A trend strategy may be long or short, so both books are measured: the loss of the long book is `−P&L`, of the
///    short book `+P&L`. The loss at quantile q is the empirical q-quantile of those losses, linearly interpolated
///    between order statistics (numpy's default, Excel's PERCENTILE.INC). The reserve is the larger of the two (and
///    never below 0).
/// For comparison, `normalLoss` is the q-quantile of a normal one-day loss at the portfolio's expected volatility,
/// `capital × targetVolatility × IDM × √(wᵀCw) / √businessDays` (equal to the target when the IDM is not capped).
public struct CapitalReserve: Sendable {
  /// Capital, base currency.
  public let capital: Double
  /// The quantile, e.g. 0.98.
  public let quantile: Double
  /// Differences asked for in the window.
  public let windowRequested: Int
  /// IDM of the selected set.
  public let idm: Double
  /// The smallest capital at which the selected set can be held (`Portfolio.smallestCapital`, DESIGN.md §7).
  public let smallestCapital: Double
  /// Target annual volatility of the portfolio, a fraction.
  public let targetVolatility: Double
  /// Positions: the chosen set's members at their target positions (`Portfolio.Member.contracts`), in selection
  /// order.
  public let positions: [Portfolio.Member]
  /// Base currency per price point per contract of each position, `multiplier × fx`, same order.
  public let pointValues: [Double]
  /// The date each daily difference ends on, increasing.
  public let dates: [CalendarDay]
  /// The date the first difference starts from (`nil` without differences).
  public let windowStart: CalendarDay?
  /// Daily P&L of the long book at the unrounded positions, base currency, same order as `dates`.
  public let dailyProfitAndLoss: [Double]
  /// The same at the rounded positions.
  public let dailyProfitAndLossRounded: [Double]
  /// Expected annual volatility of the book, base currency: `capital × targetVolatility × IDM × √(wᵀCw)`.
  public let expectedAnnualVolatility: Double
  /// Business days a year.
  public let businessDaysPerYear: Double

  /// The q-quantile one-day losses, unrounded positions: long book and short book.
  public var longLoss: Double? { empiricalQuantile(dailyProfitAndLoss.map { -$0 }, quantile) }
  public var shortLoss: Double? { empiricalQuantile(dailyProfitAndLoss, quantile) }
  /// The same at the rounded positions.
  public var longLossRounded: Double? { empiricalQuantile(dailyProfitAndLossRounded.map { -$0 }, quantile) }
  public var shortLossRounded: Double? { empiricalQuantile(dailyProfitAndLossRounded, quantile) }

  /// Cash to hold back: the larger of the long and short books' q-quantile one-day losses at the target (unrounded)
  /// positions, at least 0; `nil` with fewer than two daily differences.
  public var reserve: Double? {
    guard let longLoss, let shortLoss else { return nil }
    return max(longLoss, shortLoss, 0)
  }

  /// The same at the rounded positions.
  public var reserveRounded: Double? {
    guard let longLossRounded, let shortLossRounded else { return nil }
    return max(longLossRounded, shortLossRounded, 0)
  }

  /// Expected one-day standard deviation of the book: `expectedAnnualVolatility / √businessDays`.
  public var expectedDailyVolatility: Double { expectedAnnualVolatility / businessDaysPerYear.squareRoot() }

  /// The q-quantile of a normal one-day loss with mean 0 at `expectedDailyVolatility`.
  public var normalLoss: Double { normalQuantile(quantile) * expectedDailyVolatility }

  /// Sample standard deviation of the daily P&L (unrounded positions), base currency; `nil` with fewer than two days.
  public var realisedDailyVolatility: Double? { sampleStandardDeviation(dailyProfitAndLoss) }

  /// The quantile of the one-day loss held back by default (0.98: the loss exceeded on one day in fifty).
  public static let defaultQuantile = 0.98
  /// Daily differences in the window by default (512, two years, as the volatility window).
  public static let defaultWindow = 512
  /// Quantile of the one-day loss: above 0 and below 1 (0.98 = the loss exceeded on 2% of days).
  public static let quantileRange = ValidRange.above(0, unit: .fraction).below(1)
  /// Window: at least 2 daily differences (a quantile needs two); a window longer than the set's common history uses
  /// all of it.
  public static let windowRange = ValidRange.atLeast(
    2, unit: .count, note: "a window longer than the chosen set's common history uses all of it")

  /// The reserve of `selection`'s chosen set, with the price histories of `universe` (the universe the selection
  /// was made on); `nil` when nothing is selected. `quantile` and `window` must lie in `quantileRange` and
  /// `windowRange`.
  public init?(
    selection: SelectionResult, universe: Universe, quantile: Double = CapitalReserve.defaultQuantile,
    window: Int = CapitalReserve.defaultWindow
  ) {
    precondition(Self.quantileRange.contains(quantile), "a quantile is in (0, 1)")
    precondition(window >= 1, "the window holds at least one difference")
    precondition(universe.keepsHistories, "the reserve reads whole histories: load with .wholeHistories")
    let portfolio = selection.portfolio
    guard let idm = portfolio.idm, let smallestCapital = portfolio.smallestCapital, !portfolio.isEmpty else {
      return nil
    }
    self.smallestCapital = smallestCapital
    let settings = selection.settings
    capital = selection.capital
    self.quantile = quantile
    windowRequested = window
    self.idm = idm
    targetVolatility = settings.sizing.targetVolatility
    businessDaysPerYear = settings.risk.businessDaysPerYear
    positions = portfolio.members
    let members = portfolio.indices
    pointValues = members.map { universe.instruments[$0].multiplier * universe.fxRate($0) }

    // wᵀCw of the chosen set, for the expected volatility.
    let variance = selection.correlation.selected.quadraticForm(portfolio.weights)
    expectedAnnualVolatility = capital * targetVolatility * idm * max(variance, 0).squareRoot()

    // Common dates, then the last `window` differences between consecutive ones.
    let histories = members.map { universe.histories[$0] }
    var common = Set(histories[0].dates)
    for h in histories.dropFirst() { common.formIntersection(h.dates) }
    let days = Array(common.sorted().suffix(min(window, common.count) + 1))
    let lookups: [[CalendarDay: Double]] = histories.map { h in
      var map: [CalendarDay: Double] = [:]
      map.reserveCapacity(days.count)
      let wanted = Set(days)
      for (d, p) in zip(h.dates, h.prices) where wanted.contains(d) { map[d] = p }
      return map
    }
    var profitAndLoss: [Double] = []
    var profitAndLossRounded: [Double] = []
    if days.count >= 2 {
      for t in 1..<days.count {
        var value = 0.0
        var valueRounded = 0.0
        for (k, position) in positions.enumerated() {
          let change = (lookups[k][days[t]]! - lookups[k][days[t - 1]]!) * pointValues[k]
          value += position.contracts * change
          valueRounded += position.roundedContracts * change
        }
        profitAndLoss.append(value)
        profitAndLossRounded.append(valueRounded)
      }
    }
    dates = days.count >= 2 ? Array(days.dropFirst()) : []
    windowStart = days.count >= 2 ? days.first : nil
    dailyProfitAndLoss = profitAndLoss
    dailyProfitAndLossRounded = profitAndLossRounded
  }
}

/// The `q`-quantile of `values` by linear interpolation between order statistics: with the values sorted,
/// `h = (n − 1)·q` and the result `v[⌊h⌋] + (h − ⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋])` (numpy's default). `nil` for fewer than two
/// values.
public func empiricalQuantile(_ values: [Double], _ q: Double) -> Double? {
  guard values.count >= 2 else { return nil }
  let sorted = values.sorted()
  let h = Double(sorted.count - 1) * q
  let lower = Int(h.rounded(.down))
  guard lower + 1 < sorted.count else { return sorted[sorted.count - 1] }
  return sorted[lower] + (h - Double(lower)) * (sorted[lower + 1] - sorted[lower])
}

/// The standard normal quantile `Φ⁻¹(p)`, by bisection on `Φ(x) = erfc(−x/√2)/2` to full double precision.
public func normalQuantile(_ p: Double) -> Double {
  precondition(p > 0 && p < 1, "a probability in (0, 1)")
  var lo = -40.0
  var hi = 40.0
  for _ in 0..<200 {
    let mid = (lo + hi) / 2
    if mid == lo || mid == hi { break }
    if 0.5 * erfc(-mid / 2.0.squareRoot()) < p { lo = mid } else { hi = mid }
  }
  return (lo + hi) / 2
}
