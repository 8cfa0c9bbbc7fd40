/// The smallest capital that admits any instrument, and the instrument (DESIGN.md §7: when nothing can be selected
/// the output names it).
///
/// An instrument of the pool is selectable alone once the capital passes both its capital filter (its standalone
/// minimum) and the capital to hold it alone (`maxContracts × unitRisk / targetVolatility`); the smallest, over the
/// pool, of the larger of the two. Ties go to the code first in byte order.
public struct WorkableCapital: Sendable, Equatable {
  /// Capital, base currency.
  public var capital: Double
  /// Input index of the instrument.
  public var index: Int
  /// Its code.
  public var code: String

  /// The smallest over `pool` (input indices), `nil` when the pool is empty.
  public static func smallest(
    over pool: [Int], codes: [String], unitRisk: [Double?], standaloneCapital: [Double?], sizing: PositionSizing
  ) -> WorkableCapital? {
    var best: WorkableCapital? = nil
    for i in pool {
      guard let standalone = standaloneCapital[i], let risk = unitRisk[i] else { continue }
      let capital = max(standalone, sizing.capitalToHoldAlone(unitRisk: risk))
      if let b = best {
        guard capital < b.capital
          || (capital == b.capital && Array(codes[i].utf8).lexicographicallyPrecedes(Array(b.code.utf8)))
        else { continue }
      }
      best = WorkableCapital(capital: capital, index: i, code: codes[i])
    }
    return best
  }
}

/// What reports say about the universe a selection ran on, independent of the capital.
public struct UniverseSummary: Sendable {
  /// Where the data came from, e.g. `data/futures`.
  public var source: String
  /// Currency of every amount.
  public var baseCurrency: String
  /// Instruments in the input.
  public var instrumentCount: Int
  /// Latest price date.
  public var lastDate: CalendarDay?
  /// Instruments that pass every filter but capital.
  public var poolSize: Int
  /// The smallest capital that admits an instrument.
  public var smallestWorkable: WorkableCapital?
  /// Settings of the run.
  public var settings: PipelineSettings
}
