import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a synthetic futures universe in Tradeable's own data format (`instruments.csv`, `fx.csv`, `prices/`), for
/// benchmarks and tests at sizes no real data set reaches. Everything it writes is made up, and the folder's README
/// says so.
///
/// The model, chosen to look like the bundled real futures where it matters to the method:
/// - **Asset classes and regions**: equity indices, equity sectors, bonds, short rates, FX, metals, energy,
///   agriculturals, volatility and crypto, in shares close to a broad futures universe; regions with their currencies.
/// - **Correlation**: daily log returns `σ·m_c(t)·(a_g·g_t + a_c·f_{c,t} + a_r·h_{c,r,t} + a_e·ε_{i,t})`: a global factor
///   (bonds, rates and volatility load on it negatively, as against equities), a class factor and a class-region
///   factor. Correlations within a class and region come out near 0.6–0.8, across regions of a class near 0.4–0.5,
///   across classes near 0–0.3 and some negative. About 8% of instruments are "minis" tracking another contract
///   closely (correlation ≈ 0.999), as real universes list full and mini contracts.
/// - **Volatility**: annual volatility per instrument from its class's range (bonds 3–12%, equities 14–28%, energy
///   25–60%, crypto 60–100%, …), moved by a persistent class volatility regime (log-volatility AR(1), ≈ 20% vol of
///   vol), so volatility targeting trades a realistic amount.
/// - **Contracts**: a notional between about 8,000 and 400,000 USD, a price level from the class's range, a round
///   multiplier, a tick of 0.5–3 basis points rounded to 1, 2, 2.5 or 5 × 10ⁿ; prices printed on the tick grid.
/// - **Costs**: half a spread of 1–4 ticks (wider for thin markets), commissions of 0.25–3 USD equivalent per
///   contract, or a rate of notional on Asian exchanges; rolls by class (quarterly financials, monthly energy, …).
/// - **History**: business days ending on `endDate`; with `gaps`, a quarter of instruments start later, a few start
///   less than two years before the end (history filter), a few stop early (stale filter), regional holidays and
///   random missing days; about a fifth of energy and agricultural contracts carry a back-adjustment drift that
///   takes their early prices below zero.
/// - **Volume**: contracts a day, log-normal around a median from 30 to 300,000; some thin markets fail the
///   liquidity filter and 5% of instruments have no volume at all.
///
/// Deterministic: the same parameters give the same bytes on every machine (each instrument draws from its own
/// xoshiro256** stream, so generating in parallel does not change the result).
public struct UniverseGenerator: Sendable {
  /// Number of instruments.
  public var instruments: Int
  /// Years of business days (261 a year).
  public var years: Double
  /// Seed of every random draw.
  public var seed: UInt64
  /// Last business day.
  public var endDate: CalendarDay
  /// Ragged start dates, stale instruments, holidays and missing days; `false` gives a complete panel.
  public var gaps: Bool
  /// Whether to write a `volume` column.
  public var volume: Bool

  public init(
    instruments: Int, years: Double = 5, seed: UInt64 = 1, endDate: CalendarDay = CalendarDay(iso: "2024-12-31")!,
    gaps: Bool = true, volume: Bool = true
  ) {
    self.instruments = instruments
    self.years = years
    self.seed = seed
    self.endDate = endDate
    self.gaps = gaps
    self.volume = volume
  }

  /// What was written.
  public struct Summary: Sendable {
    /// Instruments per asset class, in class order.
    public var perClass: [(String, Int)]
    /// Price rows written.
    public var rows: Int
    /// Instruments with at least one negative price.
    public var negativePriceInstruments: Int
    /// Business days in the calendar.
    public var days: Int
  }

  // MARK: - Profiles

  struct Region {
    let name: String
    let currency: String
    let fx: Double  // USD per unit
  }

  static let regions: [Region] = [
    Region(name: "US", currency: "USD", fx: 1), Region(name: "EU", currency: "EUR", fx: 1.08),
    Region(name: "UK", currency: "GBP", fx: 1.27), Region(name: "JP", currency: "JPY", fx: 0.0067),
    Region(name: "HK", currency: "HKD", fx: 0.128), Region(name: "KR", currency: "KRW", fx: 0.00075),
    Region(name: "CH", currency: "CHF", fx: 1.13), Region(name: "AU", currency: "AUD", fx: 0.65),
    Region(name: "CA", currency: "CAD", fx: 0.74), Region(name: "CN", currency: "CNH", fx: 0.137),
  ]

  struct AssetClass {
    let name: String
    let prefix: String
    let share: Double
    let volatility: ClosedRange<Double>
    let price: ClosedRange<Double>
    let loadings: (global: Double, asset: Double, region: Double)
    let regions: [Int]
    let rolls: Double
    let carryShare: Double
  }

  static let classes: [AssetClass] = [
    AssetClass(
      name: "Equity", prefix: "EQ", share: 0.20, volatility: 0.14...0.28, price: 1_000...40_000,
      loadings: (0.45, 0.55, 0.45), regions: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], rolls: 4, carryShare: 0),
    AssetClass(
      name: "Sector", prefix: "SC", share: 0.10, volatility: 0.15...0.32, price: 100...2_000,
      loadings: (0.45, 0.45, 0.45), regions: [0, 1, 3], rolls: 4, carryShare: 0),
    AssetClass(
      name: "Bond", prefix: "BD", share: 0.13, volatility: 0.03...0.12, price: 95...160,
      loadings: (-0.25, 0.75, 0.40), regions: [0, 1, 2, 3, 6, 7, 8, 5], rolls: 4, carryShare: 0),
    AssetClass(
      name: "STIR", prefix: "IR", share: 0.05, volatility: 0.004...0.015, price: 94...99.5,
      loadings: (-0.15, 0.70, 0.40), regions: [0, 1, 2, 7, 8], rolls: 4, carryShare: 0),
    AssetClass(
      name: "FX", prefix: "FX", share: 0.16, volatility: 0.05...0.14, price: 0.5...1.6,
      loadings: (0.20, 0.40, 0.50), regions: [0, 1, 2, 3, 6, 7, 8], rolls: 4, carryShare: 0),
    AssetClass(
      name: "Metals", prefix: "MT", share: 0.09, volatility: 0.15...0.35, price: 20...2_500,
      loadings: (0.30, 0.50, 0.50), regions: [0, 2, 9], rolls: 6, carryShare: 0.1),
    AssetClass(
      name: "OilGas", prefix: "EN", share: 0.08, volatility: 0.25...0.60, price: 2...120,
      loadings: (0.30, 0.60, 0.50), regions: [0, 1, 2, 9], rolls: 12, carryShare: 0.25),
    AssetClass(
      name: "Ags", prefix: "AG", share: 0.14, volatility: 0.18...0.35, price: 100...1_600,
      loadings: (0.15, 0.35, 0.55), regions: [0, 1, 9, 7], rolls: 5, carryShare: 0.2),
    AssetClass(
      name: "Vol", prefix: "VX", share: 0.02, volatility: 0.60...1.20, price: 14...32,
      loadings: (-0.60, 0.60, 0.30), regions: [0, 1], rolls: 12, carryShare: 0.3),
    AssetClass(
      name: "Crypto", prefix: "CR", share: 0.03, volatility: 0.60...1.00, price: 2_000...60_000,
      loadings: (0.30, 0.80, 0.20), regions: [0], rolls: 12, carryShare: 0),
  ]

  /// A number rounded to 1, 2, 2.5 or 5 × 10ⁿ, and how many decimals print it exactly.
  static func niceRound(_ x: Double) -> (value: Double, decimals: Int) {
    let exponent = Int(floor(log10(x)))
    let scale = pow(10.0, Double(exponent))
    let mantissa = x / scale
    let choices: [Double] = [1, 2, 2.5, 5, 10]
    var best = choices[0]
    for c in choices where abs(log(c / mantissa)) < abs(log(best / mantissa)) { best = c }
    let value = best * scale
    var decimals = max(0, -exponent)
    if best == 2.5 { decimals += 1 }
    if best == 10 { decimals = max(0, decimals - 1) }
    return (value, decimals)
  }

  // MARK: - Instrument design

  struct Design {
    var code: String
    var name: String
    var assetClass: Int
    var region: Int
    var underlying: Int  // index whose idiosyncratic stream it follows (itself unless a mini)
    var loadings: (global: Double, asset: Double, region: Double, idiosyncratic: Double)
    var dailyVolatility: Double  // of log returns
    var endPrice: Double
    var multiplier: Double
    var tick: Double
    var tickDecimals: Int
    var spreadTicks: Double
    var halfSpreadColumn: Bool
    var commissionPerContract: Double
    var commissionRate: Double
    var rolls: Double
    var carryPerDay: Double  // back-adjustment drift, price points per business day
    var startDay: Int
    var endDay: Int
    var medianVolume: Double
    var hasVolume: Bool
    var missingRate: Double
  }

  func designs(days: Int) -> [Design] {
    var random = RandomSource(seed: seed, stream: 0xDE51_6E)
    let totalShare = Self.classes.reduce(0) { $0 + $1.share }
    var result: [Design] = []
    result.reserveCapacity(instruments)
    var perClassCount = [Int](repeating: 0, count: Self.classes.count)
    for i in 0..<instruments {
      // Class by share (stratified so that every class appears in proportion even for small universes).
      var target = (Double(i) + 0.5) / Double(instruments) * totalShare
      var c = 0
      while c < Self.classes.count - 1, target > Self.classes[c].share {
        target -= Self.classes[c].share
        c += 1
      }
      let profile = Self.classes[c]
      perClassCount[c] += 1
      let region = random.pick(profile.regions)
      let fx = Self.regions[region].fx
      // A mini of an earlier contract of the same class and region?
      var underlying = i
      if i > 0, random.chance(0.08), let parent = result.lastIndex(where: { $0.assetClass == c && $0.region == region }),
        result[parent].underlying == parent
      {
        underlying = parent
      }
      let jitter = { (x: Double, r: inout RandomSource) in x * r.uniform(0.85, 1.15) }
      var design: Design
      if underlying != i {
        design = result[underlying]
        design.underlying = underlying
        design.multiplier = Self.niceRound(result[underlying].multiplier / random.pick([5.0, 10.0])).value
        design.commissionPerContract = max(0.05 / fx, design.commissionPerContract / 3)
        design.spreadTicks = min(4, design.spreadTicks + 1)
      } else {
        let g = jitter(profile.loadings.global, &random)
        let a = jitter(profile.loadings.asset, &random)
        let r = jitter(profile.loadings.region, &random)
        let idiosyncratic = max(0.05, 1 - g * g - a * a - r * r).squareRoot()
        let norm = (g * g + a * a + r * r + idiosyncratic * idiosyncratic).squareRoot()
        let annual = random.uniform(profile.volatility.lowerBound, profile.volatility.upperBound)
        let price = random.logUniform(profile.price.lowerBound, profile.price.upperBound)
        let notionalUSD = random.logUniform(8_000, 400_000)
        let multiplier = Self.niceRound(notionalUSD / (price * fx)).value
        let (tick, decimals) = Self.niceRound(price * random.uniform(0.00005, 0.0003))
        let asian = ["JP", "HK", "KR", "CN"].contains(Self.regions[region].name)
        design = Design(
          code: "", name: "", assetClass: c, region: region, underlying: i,
          loadings: (g / norm, a / norm, r / norm, idiosyncratic / norm), dailyVolatility: annual / 16,
          endPrice: price, multiplier: multiplier, tick: tick, tickDecimals: decimals,
          spreadTicks: random.pick([1, 1, 1, 2, 2, 3]), halfSpreadColumn: random.chance(0.5),
          commissionPerContract: asian && random.chance(0.6) ? 0 : random.logUniform(0.25, 3) / fx,
          commissionRate: asian ? random.uniform(0.000_02, 0.000_1) : 0, rolls: profile.rolls,
          carryPerDay: 0, startDay: 0, endDay: days - 1, medianVolume: 0, hasVolume: true, missingRate: 0)
        if random.chance(profile.carryShare) {
          // Back-adjustment drift of 15–40% of the end price a year: early prices go negative within a few years.
          design.carryPerDay = price * random.uniform(0.15, 0.40) / 261
        }
      }
      design.code = profile.prefix + Self.zeroPadded(i + 1, width: 6)
      design.name = "Synthetic \(profile.name) \(Self.regions[region].name) \(i + 1)"
        + (underlying != i ? " (mini of \(result[underlying].code))" : "")
      design.medianVolume = random.logUniform(30, 300_000)
      design.spreadTicks = design.medianVolume < 300 ? min(4, design.spreadTicks + 2) : design.spreadTicks
      design.hasVolume = volume && !random.chance(0.05)
      design.startDay = 0
      design.endDay = days - 1
      if gaps {
        let u = random.uniform()
        if u < 0.04 {
          design.startDay = max(0, days - Int(random.uniform(100, 480)))  // under two years: history filter
        } else if u < 0.29 {
          design.startDay = Int(random.uniform(0, Double(max(1, days - 600))))
        }
        if random.chance(0.01) { design.endDay = days - 1 - Int(random.uniform(15, 100)) }  // stale
        design.missingRate = random.chance(0.3) ? random.uniform(0.001, 0.01) : 0
      }
      result.append(design)
    }
    return result
  }

  static func zeroPadded(_ n: Int, width: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, width - s.count)) + s
  }

  // MARK: - Generation

  /// Business days ending on `endDate`, oldest first.
  func calendar() -> [CalendarDay] {
    let count = max(2, Int((years * 261).rounded()))
    var days: [CalendarDay] = []
    days.reserveCapacity(count)
    var day = endDate
    while days.count < count {
      if day.isWeekday { days.append(day) }
      day = day.adding(days: -1)
    }
    return days.reversed()
  }

  /// Writes the universe into `folder` (created if missing). Returns what was written.
  ///
  /// The folder must be new, empty, or hold only what an earlier `write` put there (its manifest,
  /// `UniverseGenerator.manifestName`, lists every file): then, with `replacing`, those files are removed first, so a
  /// smaller universe never mixes with a larger one's leftover price files. Any other file in it is an error.
  public func write(to folder: String, replacing: Bool = false) throws(InputError) -> Summary {
    precondition(instruments > 0 && years > 0)
    try Self.clear(folder, replacing: replacing)
    try FileWriter.createDirectory(folder)
    let pricesFolder = joinPath(folder, "prices")
    try FileWriter.createDirectory(pricesFolder)
    let days = calendar()
    let t = days.count
    let designs = designs(days: t)

    // Factors and volatility regimes, shared by all instruments.
    var random = RandomSource(seed: seed, stream: 0xFAC7)
    let classCount = Self.classes.count, regionCount = Self.regions.count
    var global = [Double](repeating: 0, count: t)
    var asset = [Double](repeating: 0, count: t * classCount)
    var regional = [Double](repeating: 0, count: t * classCount * regionCount)
    var regime = [Double](repeating: 1, count: t * classCount)
    var logVolatility = [Double](repeating: 0, count: classCount)
    for d in 0..<t {
      global[d] = random.normal()
      for c in 0..<classCount {
        asset[d * classCount + c] = random.normal()
        for r in 0..<regionCount { regional[(d * classCount + c) * regionCount + r] = random.normal() }
        logVolatility[c] = 0.985 * logVolatility[c] + 0.035 * random.normal()
        regime[d * classCount + c] = exp(logVolatility[c] - 0.02)
      }
    }
    // Regional holidays: about nine weekdays a year per region.
    var holiday = [Bool](repeating: false, count: t * regionCount)
    if gaps {
      for r in 0..<regionCount {
        for d in 0..<t where random.chance(9.0 / 261) { holiday[d * regionCount + r] = true }
      }
    }
    let dateText: [[UInt8]] = days.map { Array($0.description.utf8) }
    let factors = (global: global, asset: asset, regional: regional, regime: regime, holiday: holiday)

    let negative = ConcurrentResults<Bool>(count: designs.count)
    let rows = ConcurrentResults<Int>(count: designs.count)
    let failures = ConcurrentResults<InputError>(count: designs.count)
    let chunk = 16
    DispatchQueue.concurrentPerform(iterations: (designs.count + chunk - 1) / chunk) { block in
      for i in (block * chunk)..<min(designs.count, (block + 1) * chunk) {
        let design = designs[i]
        var idiosyncraticRandom = RandomSource(seed: seed, stream: UInt64(design.underlying) &+ 1_000)
        var ownRandom = RandomSource(seed: seed, stream: UInt64(i) &+ 5_000_000)
        // Log price path over the whole calendar, ending at 0 (so the last price is `endPrice`).
        var path = [Double](repeating: 0, count: t)
        var level = 0.0
        for d in 1..<t {
          let c = design.assetClass
          let shock =
            design.loadings.global * factors.global[d] + design.loadings.asset * factors.asset[d * classCount + c]
            + design.loadings.region * factors.regional[(d * classCount + c) * regionCount + design.region]
            + design.loadings.idiosyncratic * idiosyncraticRandom.normal()
          let tracking = design.underlying != i ? 0.03 * ownRandom.normal() : 0
          level += design.dailyVolatility * factors.regime[d * classCount + c] * (shock + tracking)
          path[d] = level
        }
        var buffer = ByteBuffer(capacity: (design.endDay - design.startDay + 1) * 32)
        buffer.append(design.hasVolume ? "date,price,volume\n" : "date,price\n")
        var unitsPerTick: Int64 = 1
        for _ in 0..<design.tickDecimals { unitsPerTick *= 10 }
        let ticksPerUnit = design.tick * Double(unitsPerTick)
        var written = 0
        var sawNegative = false
        for d in design.startDay...design.endDay {
          if d != design.endDay && d != design.startDay {
            if factors.holiday[d * regionCount + design.region] { continue }
            if design.missingRate > 0, ownRandom.chance(design.missingRate) { continue }
          }
          let price = design.endPrice * exp(path[d] - path[t - 1]) - design.carryPerDay * Double(design.endDay - d)
          let ticks = (price / design.tick).rounded()
          if ticks < 0 { sawNegative = true }
          buffer.bytes.append(contentsOf: dateText[d])
          buffer.append(byte: UInt8(ascii: ","))
          buffer.append(fixedUnits: Int64(ticks) * Int64(ticksPerUnit.rounded()), decimals: design.tickDecimals)
          if design.hasVolume {
            buffer.append(byte: UInt8(ascii: ","))
            let v = design.medianVolume * exp(0.5 * ownRandom.normal() - 0.125)
            buffer.append(integer: Int64(v.rounded()))
          }
          buffer.append(byte: UInt8(ascii: "\n"))
          written += 1
        }
        do throws(InputError) {
          try FileWriter.write(buffer.bytes, to: joinPath(pricesFolder, design.code + ".csv"))
        } catch {
          failures[i] = error
        }
        negative[i] = sawNegative
        rows[i] = written
      }
    }
    for i in designs.indices { if let error = failures[i] { throw error } }

    // instruments.csv and fx.csv.
    var instrumentsText = ByteBuffer(capacity: designs.count * 160)
    instrumentsText.append(
      "code,name,asset_class,exchange,currency,multiplier,tick_size,spread_ticks,half_spread,"
        + "commission_per_contract,commission_rate,commission_per_trade,rolls_per_year\n")
    for d in designs {
      let region = Self.regions[d.region]
      let halfSpread = d.halfSpreadColumn ? "\(d.spreadTicks * d.tick / 2)" : ""
      instrumentsText.append(
        "\(d.code),\(d.name),\(Self.classes[d.assetClass].name),SYN-\(region.name),\(region.currency),"
          + "\(d.multiplier),\(d.tick),\(d.spreadTicks),\(halfSpread),\(d.commissionPerContract),"
          + "\(d.commissionRate),0,\(d.rolls)\n")
    }
    try FileWriter.write(instrumentsText.bytes, to: joinPath(folder, "instruments.csv"))
    var fxText = "currency,rate\n"
    for region in Self.regions { fxText += "\(region.currency),\(region.fx)\n" }
    try FileWriter.write(fxText, to: joinPath(folder, "fx.csv"))
    try FileWriter.write(readme(days: days), to: joinPath(folder, "README.md"))
    let written = ["README.md", "fx.csv", "instruments.csv"] + designs.map { "prices/" + $0.code + ".csv" }
    try FileWriter.write(written.joined(separator: "\n") + "\n", to: joinPath(folder, Self.manifestName))

    var perClass: [(String, Int)] = Self.classes.map { ($0.name, 0) }
    for d in designs { perClass[d.assetClass].1 += 1 }
    return Summary(
      perClass: perClass, rows: (0..<designs.count).reduce(0) { $0 + (rows[$1] ?? 0) },
      negativePriceInstruments: (0..<designs.count).filter { negative[$0] == true }.count, days: t)
  }

  func readme(days: [CalendarDay]) -> String {
    """
    # Synthetic futures universe (made up)

    Every number here is synthetic: generated by `tradeable generate --instruments \(instruments) --years \(years) \
    --seed \(seed)\(gaps ? "" : " --no-gaps")\(volume ? "" : " --no-volume")`, business days \(days.first!) to \
    \(days.last!). It is not market data. See `UniverseGenerator` in Tradeable's sources for the model (asset-class
    factor structure, volatility regimes, ragged histories, back-adjusted negative prices, volumes).

    Format: Tradeable's own (`instruments.csv`, `fx.csv`, `prices/CODE.csv` with `date,price[,volume]`).

    """
  }
}
