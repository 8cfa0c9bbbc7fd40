import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a synthetic fund universe in Tradeable's fund format (`navs.csv`, long `date,code,nav`; `products.csv`), for
/// the fund benchmarks and tests at the scale of a CTA-fund database (over 10,000 registered products). Everything it
/// writes is made up, and the folder's README says so.
///
/// The model, after private-fund databases:
/// - **Strategies**: CTA (trend factor), equity long/short (market and value factors), market neutral, multi-strategy,
///   bond and commodity, in shares 30/25/15/15/10/5%; weekly returns `μ/52 + σ_w (Σ β_k f_k + √(1 − R²) ε)` with five
///   weekly factors (market, trend, bond, commodity, value) drawn once for the universe, the idiosyncratic part fat
///   tailed (one week in twenty at 2.5 times the volatility), an annual volatility from the strategy's range and a
///   drift `μ` of its own, so that past returns carry some information about future ones.
/// - **Reporting**: 65% weekly (Fridays, about 1% of weeks missing), 28% monthly (dated by the calendar month end, the
///   last Friday's value), 5% biweekly, 2% quarterly (irregular: excluded by cleaning). NAVs start at 1 and are
///   printed to four decimals.
/// - **Histories**: a third of the products report from the first week; the others start at a uniform date of the
///   span, a few in its last year (too short for the history filter). About 5% stop reporting at a random date, and a
///   product is liquidated — stops reporting — when its NAV reaches its stop-loss line or, without one, 0.3.
/// - **Products file**: managers of one to six products, the CNY currency, a minimum subscription of 1,000,000 (80%),
///   3,000,000 or 100,000; management fees of 0.5–2%, performance fees of 20% (some over a 6% hurdle, some tiered),
///   subscription and redemption fees, a custody fee; 60% have a warning line at 0.8 and a stop-loss line at 0.7.
///
/// Deterministic: the same parameters give the same bytes on every machine (each product draws from its own
/// xoshiro256** stream; products are generated in parallel blocks and written in order).
public struct FundUniverseGenerator: Sendable {
  /// Number of products.
  public var products: Int
  /// Years of weeks (52 a year).
  public var years: Double
  /// Seed of every random draw.
  public var seed: UInt64
  /// The last reporting day (the Friday on or before it ends the weekly calendar).
  public var endDate: CalendarDay
  /// Ragged starts, stops, liquidations, missing weeks and the quarterly reporters; `false`: every product reports
  /// weekly or monthly over the whole span.
  public var gaps: Bool

  public init(
    products: Int, years: Double = 8, seed: UInt64 = 1, endDate: CalendarDay = CalendarDay(iso: "2024-12-31")!,
    gaps: Bool = true
  ) {
    self.products = products
    self.years = years
    self.seed = seed
    self.endDate = endDate
    self.gaps = gaps
  }

  /// What was written.
  public struct Summary: Sendable {
    /// Products per reporting frequency, daily to irregular.
    public var perFrequency: [(ReportingFrequency, Int)]
    /// NAV rows written.
    public var rows: Int
    /// Weeks in the calendar.
    public var weeks: Int
    /// Products that stopped reporting before the end (closed or liquidated).
    public var stopped: Int
  }

  struct Strategy {
    let name: String
    let share: Double
    let volatility: ClosedRange<Double>
    /// Loadings on market, trend, bond, commodity, value.
    let loadings: [Double]
    /// Share of the variance the factors explain.
    let rSquared: Double
  }

  static let strategies: [Strategy] = [
    Strategy(name: "CTA", share: 0.30, volatility: 0.10...0.25, loadings: [0.05, 0.9, 0.1, 0.3, 0], rSquared: 0.55),
    Strategy(
      name: "equity long/short", share: 0.25, volatility: 0.12...0.30, loadings: [0.8, 0, 0, 0, 0.4], rSquared: 0.6),
    Strategy(name: "market neutral", share: 0.15, volatility: 0.03...0.08, loadings: [0.1, 0, 0, 0, 0.5], rSquared: 0.2),
    Strategy(
      name: "multi-strategy", share: 0.15, volatility: 0.06...0.15, loadings: [0.4, 0.4, 0.2, 0.1, 0.2], rSquared: 0.45),
    Strategy(name: "bond", share: 0.10, volatility: 0.02...0.06, loadings: [0.1, 0, 0.9, 0, 0], rSquared: 0.6),
    Strategy(name: "commodity", share: 0.05, volatility: 0.15...0.35, loadings: [0.2, 0.3, 0, 0.9, 0], rSquared: 0.6),
  ]

  /// Factors' weekly volatility (a fraction of the product's weekly volatility, before loadings are normalised).
  static let factorCount = 5

  /// The weekly calendar: Fridays ending on the last Friday on or before `endDate`.
  func fridays() -> [CalendarDay] {
    let back = (endDate.weekday - 4 + 7) % 7  // 4 = Friday
    let last = endDate.adding(days: -back)
    let weeks = max(2, Int((years * 52).rounded()))
    return (0..<weeks).map { last.adding(days: -7 * (weeks - 1 - $0)) }
  }

  /// One product's design, drawn from its own stream.
  struct Design {
    var code: String
    var manager: Int
    var strategy: Int
    var frequency: ReportingFrequency
    var startWeek: Int
    var stopWeek: Int
    var weeklyVolatility: Double
    var drift: Double
    var hasLines: Bool
    var minimum: Double
    var management: Double
    var performance: String
    var hurdle: String
    var subscription: Double
    var redemption: Double
    var custody: Double
  }

  func design(_ i: Int, weeks: Int) -> Design {
    var random = RandomSource(seed: seed, stream: 0xF0_0000 &+ UInt64(i))
    let pick = random.uniform()
    var cumulative = 0.0
    var strategy = Self.strategies.count - 1
    for (k, s) in Self.strategies.enumerated() {
      cumulative += s.share
      if pick < cumulative {
        strategy = k
        break
      }
    }
    let f = random.uniform()
    let frequency: ReportingFrequency =
      !gaps ? (f < 0.7 ? .weekly : .monthly)
      : f < 0.65 ? .weekly : f < 0.93 ? .monthly : f < 0.98 ? .biweekly : .irregular
    var start = 0
    if gaps, random.uniform() > 0.34 {
      start = Int(random.uniform() * Double(weeks - 4))
    }
    var stop = weeks - 1
    if gaps, random.chance(0.05) { stop = min(weeks - 1, start + 8 + Int(random.uniform() * Double(weeks))) }
    let s = Self.strategies[strategy]
    let volatility = random.uniform(s.volatility.lowerBound, s.volatility.upperBound)
    let tier = random.uniform()
    let performance = tier < 0.2 ? "0" : tier < 0.9 ? "0.2" : "0.2@0.06;0.3@0.2"
    let hurdle = tier >= 0.2 && tier < 0.9 && random.chance(0.3) ? "0.06" : ""
    let m = random.uniform()
    return Design(
      code: "F" + String(i + 1).leftPadded(to: 6), manager: i / 3 + Int(random.uniform() * 2),
      strategy: strategy, frequency: frequency, startWeek: start, stopWeek: stop,
      weeklyVolatility: volatility / 52.0.squareRoot(), drift: 0.03 + 0.06 * random.normal() * volatility / 0.15,
      hasLines: random.chance(0.6), minimum: m < 0.8 ? 1_000_000 : m < 0.9 ? 3_000_000 : 100_000,
      management: [0.005, 0.01, 0.015, 0.02][Int(random.uniform() * 4)], performance: performance, hurdle: hurdle,
      subscription: [0, 0.005, 0.01, 0.015][Int(random.uniform() * 4)],
      redemption: [0, 0, 0.0025, 0.005][Int(random.uniform() * 4)],
      custody: [0.0002, 0.0005, 0.001][Int(random.uniform() * 3)])
  }

  /// Writes the universe into `folder` (created if missing), with the same rules as `UniverseGenerator.write`: the
  /// folder must be new, empty or hold only an earlier generated universe, which `replacing` removes first.
  public func write(to folder: String, replacing: Bool = false) throws(InputError) -> Summary {
    precondition(products > 0 && years > 0)
    try UniverseGenerator.clear(folder, replacing: replacing)
    try FileWriter.createDirectory(folder)
    let weeks = fridays()
    let t = weeks.count
    // Factors: weekly, unit variance, the market and value mildly correlated.
    var random = RandomSource(seed: seed, stream: 0xFAC7_F00D)
    var draws = [Double](repeating: 0, count: t * Self.factorCount)
    for w in 0..<t {
      let common = random.normal()
      for k in 0..<Self.factorCount {
        draws[w * Self.factorCount + k] = k == 0 || k == 4 ? 0.5 * common + 0.866 * random.normal() : random.normal()
      }
    }
    let factors = draws
    let dateText = weeks.map { Array($0.description.utf8) }
    let designs = (0..<products).map { design($0, weeks: t) }

    let navsPath = joinPath(folder, "navs.csv")
    try FileWriter.write(Array("date,code,nav\n".utf8), to: navsPath)
    let block = 512
    var rows = 0
    var stopped = 0
    var start = 0
    while start < designs.count {
      let range = start..<min(designs.count, start + block)
      let texts = ConcurrentResults<(bytes: [UInt8], rows: Int, stopped: Bool)>(count: range.count)
      DispatchQueue.concurrentPerform(iterations: range.count) { offset in
        let i = range.lowerBound + offset
        texts[offset] = path(designs[i], index: i, weeks: weeks, dateText: dateText, factors: factors)
      }
      var bytes: [UInt8] = []
      for offset in 0..<range.count {
        let text = texts[offset]!
        bytes += text.bytes
        rows += text.rows
        if text.stopped { stopped += 1 }
      }
      try FileWriter.write(bytes, to: navsPath, appending: true)
      start = range.upperBound
    }

    var productsText = ByteBuffer(capacity: designs.count * 180)
    productsText.append(FundProduct.columns.joined(separator: ",") + "\n")
    for d in designs {
      let strategy = Self.strategies[d.strategy].name
      productsText.append(
        "\(d.code),Synthetic \(strategy) fund \(d.code),M\(String(d.manager + 1).leftPadded(to: 5)),\(strategy),CNY,"
          + "\(Int(d.minimum)),\(JSONValue.format(d.management)),\(d.performance),\(d.hurdle),"
          + "\(JSONValue.format(d.subscription)),\(JSONValue.format(d.redemption)),"
          + "\(JSONValue.format(d.custody)),\(d.hasLines ? "0.8" : ""),\(d.hasLines ? "0.7" : "")\n")
    }
    try FileWriter.write(productsText.bytes, to: joinPath(folder, "products.csv"))
    try FileWriter.write(readme(weeks: weeks), to: joinPath(folder, "README.md"))
    let written = ["README.md", "navs.csv", "products.csv"]
    try FileWriter.write(written.joined(separator: "\n") + "\n", to: joinPath(folder, UniverseGenerator.manifestName))
    let perFrequency = ReportingFrequency.allCases.map { f in (f, designs.filter { $0.frequency == f }.count) }
    return Summary(perFrequency: perFrequency.filter { $0.1 > 0 }, rows: rows, weeks: t, stopped: stopped)
  }

  /// The NAV rows of one product, `date,code,nav`, and whether it stopped before the end.
  func path(
    _ d: Design, index: Int, weeks: [CalendarDay], dateText: [[UInt8]], factors: [Double]
  ) -> (bytes: [UInt8], rows: Int, stopped: Bool) {
    var random = RandomSource(seed: seed, stream: 0xA000_0000 &+ UInt64(index))
    let s = Self.strategies[d.strategy]
    let norm = s.loadings.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let factorScale = s.rSquared.squareRoot() / norm
    let idiosyncratic = (1 - s.rSquared).squareRoot()
    let stopLine = d.hasLines ? 0.7 : 0.3
    var nav = 1.0
    var out = ByteBuffer(capacity: (d.stopWeek - d.startWeek + 1) * 24)
    let code = Array(d.code.utf8)
    var rows = 0
    var liquidated = false
    func emit(_ date: [UInt8], _ value: Double) {
      out.bytes += date
      out.append(byte: UInt8(ascii: ","))
      out.bytes += code
      out.append(byte: UInt8(ascii: ","))
      out.append(fixedUnits: Int64((value * 10_000).rounded()), decimals: 4)
      out.append(byte: UInt8(ascii: "\n"))
      rows += 1
    }
    var pendingMonth: (end: CalendarDay, value: Double)? = nil
    var week = d.startWeek
    while week <= d.stopWeek {
      if week > d.startWeek {
        var shock = 0.0
        for k in 0..<Self.factorCount { shock += s.loadings[k] * factors[week * Self.factorCount + k] }
        let tail = gaps && random.chance(0.05) ? 2.5 : 1.0
        let r = d.drift / 52 + d.weeklyVolatility * (factorScale * shock + idiosyncratic * tail * random.normal())
        nav *= 1 + max(r, -0.5)
      }
      let day = weeks[week]
      switch d.frequency {
      case .weekly, .daily:
        if week == d.startWeek || !gaps || !random.chance(0.01) { emit(dateText[week], nav) }
      case .biweekly:
        if (week - d.startWeek) % 2 == 0 { emit(dateText[week], nav) }
      case .monthly:
        // The last Friday's value stands for the calendar month end.
        let end = day.lastDayOfMonth
        if let pending = pendingMonth, pending.end != end { emit(Array(pending.end.description.utf8), pending.value) }
        pendingMonth = (end, nav)
      case .irregular:
        if (week - d.startWeek) % 13 == 0 { emit(dateText[week], nav) }
      }
      if nav <= stopLine && gaps {
        liquidated = true
        break
      }
      week += 1
    }
    // The last month is reported only once it has ended (its month end on or before the end date).
    if let pending = pendingMonth, pending.end <= endDate { emit(Array(pending.end.description.utf8), pending.value) }
    return (out.bytes, rows, liquidated || d.stopWeek < weeks.count - 1)
  }

  func readme(weeks: [CalendarDay]) -> String {
    """
    # Synthetic fund universe (made up)

    Every number here is synthetic: generated by `tradeable generate --funds --instruments \(products) --years \
    \(years) --seed \(seed)\(gaps ? "" : " --no-gaps")`, weeks ending \(weeks.first!) to \(weeks.last!). It is not
    fund data. See `FundUniverseGenerator` in Tradeable's sources for the model (strategies on five weekly factors,
    weekly, biweekly, monthly and quarterly reporting, late starts, closures, stop-loss liquidations, fees).

    Format: Tradeable's fund format: `navs.csv` (`date,code,nav`, long) and `products.csv` (fees, minimums, warning
    and stop-loss lines). Try `tradeable funds metrics navs.csv --products products.csv`.

    """
  }
}

extension String {
  /// The string with zeros in front up to `width` characters.
  func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
