/// One trend rule of the EWMAC forecast (DESIGN.md §9): the difference of a fast and a slow exponentially weighted
/// moving average of prices, in units of the daily price volatility, times the rule's forecast scalar.
public struct EWMACRule: Codable, Sendable, Equatable {
  /// Span of the fast EWMA, days: `a = 2 / (fastSpan + 1)`. The slow span is `ForecastSettings.slowSpanMultiple` ×
  /// this.
  public var fastSpan: Int
  /// Forecast scalar: brings the rule's raw value to an average absolute forecast of about 10.
  public var scalar: Double

  public init(fastSpan: Int, scalar: Double) {
    self.fastSpan = fastSpan
    self.scalar = scalar
  }
}

/// The forecast of DESIGN.md §9: EWMAC trend after Carver, with its defaults.
///
/// `σ_t = √v_t`, `v_t = (1 − a)·v_{t−1} + a·d_t²` with `a = 2 / (volatilitySpan + 1)`, first defined at the
/// instrument's `volatilitySpan`-th difference as the mean of the first `volatilitySpan` squared differences. For each
/// rule, `raw = (E_fast − E_slow) / σ_t` with `E_n` the EWMA of prices (`a = 2/(n+1)`, started at the first price);
/// `scaled = clip(scalar × raw, ±cap)`; the combined forecast `F_t = clip(diversificationMultiplier × mean(scaled),
/// ±cap)`, first given at the instrument's `warmupPrices`-th price.
public struct ForecastSettings: Codable, Sendable, Equatable {
  /// Span of the EWMA variance of daily price differences (32, so `a = 2/33`): about six weeks, the volatility a
  /// trend rule is normalised by.
  public var volatilitySpan: Int = 32
  /// The rules (fast spans 8, 16, 32, 64 with pysystemtrade's published scalars 5.3, 3.75, 2.65, 1.87): four speeds
  /// of trend, from about a month to about a year.
  public var rules: [EWMACRule] = [
    EWMACRule(fastSpan: 8, scalar: 5.3), EWMACRule(fastSpan: 16, scalar: 3.75), EWMACRule(fastSpan: 32, scalar: 2.65),
    EWMACRule(fastSpan: 64, scalar: 1.87),
  ]
  /// Slow span of each rule as a multiple of its fast span (4).
  public var slowSpanMultiple: Int = 4
  /// Forecast diversification multiplier (1.26): restores the average absolute forecast that averaging four
  /// correlated rules loses.
  public var diversificationMultiplier: Double = 1.26
  /// Cap on each scaled and on the combined forecast, ± (20: twice the average, so one rule cannot double a position
  /// twice over).
  public var cap: Double = 20
  /// Prices before the first forecast (256, a year): the slowest EWMA (span 256) needs about that long to forget its
  /// start.
  public var warmupPrices: Int = 256
  /// The average absolute forecast the scalars aim at (10): a position at this forecast is the "average" position.
  public var averageForecast: Double = 10

  public init(
    volatilitySpan: Int = 32,
    rules: [EWMACRule] = [
      EWMACRule(fastSpan: 8, scalar: 5.3), EWMACRule(fastSpan: 16, scalar: 3.75),
      EWMACRule(fastSpan: 32, scalar: 2.65), EWMACRule(fastSpan: 64, scalar: 1.87),
    ],
    slowSpanMultiple: Int = 4, diversificationMultiplier: Double = 1.26, cap: Double = 20, warmupPrices: Int = 256,
    averageForecast: Double = 10
  ) {
    self.volatilitySpan = volatilitySpan
    self.rules = rules
    self.slowSpanMultiple = slowSpanMultiple
    self.diversificationMultiplier = diversificationMultiplier
    self.cap = cap
    self.warmupPrices = warmupPrices
    self.averageForecast = averageForecast
  }

  /// EWMA weight of the volatility, `2 / (volatilitySpan + 1)`.
  public var volatilityDecay: Double { 2 / Double(volatilitySpan + 1) }

  /// Index (0-based) of the first price with a forecast: the `warmupPrices`-th price, and never before σ is defined
  /// (the `volatilitySpan`-th difference ends at price index `volatilitySpan`).
  public var firstForecastIndex: Int { max(warmupPrices - 1, volatilitySpan) }

  /// Spans (the volatility's and each rule's fast span): 1 to 100,000 days.
  public static let spanRange = ValidRange.between(1, 100_000, unit: .count)
  /// A rule's scalar: above 0 and at most 1,000.
  public static let scalarRange = ValidRange.above(0).atMost(1_000)
  /// Slow span as a multiple of the fast: 2 to 1,000 (at 1 the two averages are the same and the rule is 0).
  public static let slowSpanMultipleRange = ValidRange.between(
    2, 1_000, unit: .count, note: "at 1 the slow average is the fast one and the rule is always 0")
  /// The forecast diversification multiplier: above 0 and at most 10.
  public static let diversificationMultiplierRange = ValidRange.above(0).atMost(10)
  /// The forecast cap: above 0 and at most 1,000.
  public static let capRange = ValidRange.above(0).atMost(1_000)
  /// Warm-up: 1 to 1,000,000 prices (a forecast is never given before σ is defined).
  public static let warmupPricesRange = ValidRange.between(1, 1_000_000, unit: .count)
  /// The average forecast: above 0 and at most 1,000.
  public static let averageForecastRange = ValidRange.above(0).atMost(1_000)

  /// Every setting outside its range, by key (a rule's as `rules.K.fastSpan`, K from 0).
  public var violations: [SettingViolation] {
    var out: [SettingViolation?] = [Self.spanRange.check("volatilitySpan", volatilitySpan)]
    if rules.isEmpty {
      out.append(
        SettingViolation(
          key: "rules", value: 0,
          range: ValidRange.atLeast(1, unit: .count, note: "the forecast needs at least one EWMAC rule")))
    }
    for (k, rule) in rules.enumerated() {
      out.append(Self.spanRange.check("rules.\(k).fastSpan", rule.fastSpan))
      out.append(Self.scalarRange.check("rules.\(k).scalar", rule.scalar))
    }
    out += [
      Self.slowSpanMultipleRange.check("slowSpanMultiple", slowSpanMultiple),
      Self.diversificationMultiplierRange.check("diversificationMultiplier", diversificationMultiplier),
      Self.capRange.check("cap", cap),
      Self.warmupPricesRange.check("warmupPrices", warmupPrices),
      Self.averageForecastRange.check("averageForecast", averageForecast),
    ]
    return out.compactMap { $0 }
  }
}

/// The random baseline of the walk-forward (DESIGN.md §9), with its defaults.
public struct RandomBaselineSettings: Codable, Sendable, Equatable {
  /// Walk-forward paths drawn (100).
  public var paths: Int = 100
  /// Seed of the draws (1); path p draws from stream p of `RandomSource(seed:)`, so paths do not depend on each other
  /// or on the thread count.
  public var seed: Int = 1
  /// Draws of a set of one size before the size is lowered by one (10,000).
  public var maximumTries: Int = 10_000
  /// Percentiles of the band reported beside the median (5 and 95).
  public var lowerPercentile: Double = 5
  public var upperPercentile: Double = 95

  public init(
    paths: Int = 100, seed: Int = 1, maximumTries: Int = 10_000, lowerPercentile: Double = 5,
    upperPercentile: Double = 95
  ) {
    self.paths = paths
    self.seed = seed
    self.maximumTries = maximumTries
    self.lowerPercentile = lowerPercentile
    self.upperPercentile = upperPercentile
  }

  /// Paths: 0 to 1,000 (each holds its daily series while a capital is traded, about 32 bytes a path a day).
  public static let pathsRange = ValidRange.between(
    0, 1_000, unit: .count, note: "each path holds its daily series while a capital is traded")
  /// Seed: 0 or more.
  public static let seedRange = ValidRange.between(0, 9_007_199_254_740_992, unit: .count)
  /// Tries of one size: 1 to 10,000,000.
  public static let maximumTriesRange = ValidRange.between(1, 10_000_000, unit: .count)
  /// A percentile: 0 to 100.
  public static let percentileRange = ValidRange.between(0, 100)

  /// Every setting outside its range, by key; the lower percentile must be below the upper.
  public var violations: [SettingViolation] {
    var out = [
      Self.pathsRange.check("paths", paths), Self.seedRange.check("seed", seed),
      Self.maximumTriesRange.check("maximumTries", maximumTries),
      Self.percentileRange.check("lowerPercentile", lowerPercentile),
      Self.percentileRange.check("upperPercentile", upperPercentile),
    ]
    if Self.percentileRange.contains(lowerPercentile), Self.percentileRange.contains(upperPercentile),
      !(lowerPercentile < upperPercentile)
    {
      out.append(
        SettingViolation(
          key: "upperPercentile", value: upperPercentile,
          range: ValidRange(
            lower: .exclusive(lowerPercentile), upper: .inclusive(100), note: "the band's upper percentile is above its lower")))
    }
    return out.compactMap { $0 }
  }
}

/// Settings of the trading stage (DESIGN.md §9): the forecast, how positions are sized and buffered, and the random
/// baseline. Capital rules (target volatility) are `PositionSizing`'s and the annualisation `RiskSettings`', handed
/// down with the pipeline's settings.
public struct TradingSettings: Codable, Sendable, Equatable {
  /// The EWMAC forecast.
  public var forecast = ForecastSettings()
  /// Weight of the recent volatility `σ_t` in the sizing risk (0.7); the long-run mean gets `1 − recentRiskWeight`
  /// (0.3): `σ̂_t = 0.7·σ_t + 0.3·mean(σ)` (Carver's blend), so a market that was calm for months (a pegged
  /// currency) is not sized as if it could not move.
  public var recentRiskWeight: Double = 0.7
  /// Differences over which the long-run mean of `σ` is taken (2,560, ten years; all the instrument has when fewer).
  public var longRunRiskWindow: Int = 2_560
  /// Half-width of the no-trade band around the target, as a fraction of the position at the average forecast
  /// (0.1): trades smaller than that cost more than the tracking they buy.
  public var buffer: Double = 0.1
  /// The random baseline of the walk-forward.
  public var random = RandomBaselineSettings()

  public init(
    forecast: ForecastSettings = ForecastSettings(), recentRiskWeight: Double = 0.7, longRunRiskWindow: Int = 2_560,
    buffer: Double = 0.1, random: RandomBaselineSettings = RandomBaselineSettings()
  ) {
    self.forecast = forecast
    self.recentRiskWeight = recentRiskWeight
    self.longRunRiskWindow = longRunRiskWindow
    self.buffer = buffer
    self.random = random
  }

  /// The weight of the recent volatility: a fraction from 0 to 1.
  public static let recentRiskWeightRange = ValidRange.between(0, 1, unit: .fraction)
  /// The long-run window: 1 to 10,000,000 differences (a window longer than a history uses all of it).
  public static let longRunRiskWindowRange = ValidRange.between(
    1, 10_000_000, unit: .count, note: "a window longer than a history uses all of it")
  /// The buffer: a fraction from 0 (trade to the target's whole contract at every close) to 1 (a band as wide as the
  /// average position).
  public static let bufferRange = ValidRange.between(0, 1, unit: .fraction)

  /// Every setting outside its valid range, by its key path in the document (`forecast.cap`, `random.paths`).
  public var violations: [SettingViolation] {
    forecast.violations.prefixed("forecast")
      + [
        Self.recentRiskWeightRange.check("recentRiskWeight", recentRiskWeight),
        Self.longRunRiskWindowRange.check("longRunRiskWindow", longRunRiskWindow),
        Self.bufferRange.check("buffer", buffer),
      ].compactMap { $0 } + random.violations.prefixed("random")
  }

  /// The settings as JSON, every key present, in declaration order.
  public var json: JSONValue {
    do {
      return try JSONValueEncoder().encode(self)
    } catch {
      preconditionFailure("settings encode without error: \(error)")
    }
  }

  /// The key under which a run's JSON output holds these settings (beside the pipeline's `settings`).
  public static let documentKey = "tradingSettings"

  /// Reads trading settings from a document: a run's whole JSON output (its `tradingSettings` block) or a trading
  /// settings object. A document of the pipeline's settings only (a `select --format json` output or its `settings`
  /// block, recognised by a `settings` or `risk` key) gives `defaults`. Missing keys keep the defaults; unknown keys,
  /// values of the wrong kind and values outside their valid range (`violations`) are errors at their line and column.
  public static func load(
    _ bytes: [UInt8], file: String, defaults: TradingSettings = TradingSettings()
  ) throws(InputError) -> TradingSettings {
    let document = try JSONDocument(bytes: bytes, file: file)
    var root = document.root
    if case .object(let members, _) = root {
      if let block = members.first(where: { $0.key == documentKey }) {
        root = block.value
      } else if members.contains(where: { $0.key == "settings" || $0.key == "risk" }) {
        return defaults
      }
    }
    let settings = try JSONDocumentDecoder(file: file).decode(TradingSettings.self, from: root, defaults: defaults)
    if let violation = settings.violations.first {
      throw violation.inputError(in: root, file: file, prefix: documentKey)
    }
    return settings
  }
}
