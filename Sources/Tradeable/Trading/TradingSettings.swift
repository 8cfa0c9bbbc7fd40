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
  /// block, recognised by a `settings` or `risk` key) gives `defaults`. Missing keys keep the defaults; unknown keys
  /// are errors at their line and column.
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
    return try JSONDocumentDecoder(file: file).decode(TradingSettings.self, from: root, defaults: defaults)
  }
}
