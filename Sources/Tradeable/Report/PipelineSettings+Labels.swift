/// Plain-language names for the settings a report lists: the one table of them, keyed by the dotted path of the
/// setting in the JSON `settings` block (`filters.history.minimumPrices`).
///
/// The report lists the *encoded* settings, so a setting added to a stage's settings type appears without a change
/// here; a setting missing from this table is listed under its JSON name (never left out), and a test asks for a
/// label for every default setting.
public struct SettingLabel: Sendable {
  /// How a value reads.
  public enum Unit: Sendable {
    /// As written in JSON.
    case plain
    /// A fraction, also shown as a percentage: `0.2 (20%)`.
    case fraction
    /// An amount of the base currency, thousands grouped.
    case money
    /// A count, thousands grouped, followed by a word: `512 daily prices`.
    case count(String)
    /// Followed by a word: `0.1 SR a year`.
    case suffix(String)
  }

  public var label: String
  public var unit: Unit
  /// What `null` means for this setting.
  public var none: String

  public init(_ label: String, _ unit: Unit = .plain, none: String = "none") {
    self.label = label
    self.unit = unit
    self.none = none
  }
}

extension PipelineSettings {
  /// The stages' names, by the top-level key of the settings block, in plain words with their DESIGN.md section.
  public static let stageLabels: [String: String] = [
    "risk": "Risk: volatility (DESIGN.md §3)",
    "correlation": "Risk: correlation (§3)",
    "costs": "Costs (§4)",
    "filters": "Filters (§5)",
    "sizing": "Position sizing (§5, §6)",
    "selection": "Selection (§6)",
  ]

  /// Every setting's plain-language label, by its dotted JSON path.
  public static let settingLabels: [String: SettingLabel] = [
    "risk.businessDaysPerYear": SettingLabel("Business days a year", .count("days")),
    "risk.volatilityWindow": SettingLabel("Volatility window", .count("daily differences")),
    "correlation.weeks": SettingLabel("Correlation window", .count("ISO weeks")),
    "correlation.floor": SettingLabel("Correlations raised to at least"),
    "correlation.mode": SettingLabel("Correlation computed (full, matrix-free or automatic)"),
    "correlation.matrixFreeThreshold": SettingLabel("Matrix-free from", .count("eligible instruments")),
    "correlation.repair": SettingLabel("Repair a matrix that is not positive definite"),
    "correlation.positiveDefiniteThreshold": SettingLabel("Positive definite from a smallest eigenvalue of"),
    "correlation.eigenvalueFloor": SettingLabel("Repair clips eigenvalues at"),
    "costs.preCostSR": SettingLabel("Pre-cost Sharpe ratio of every instrument"),
    "costs.rebalanceSpan": SettingLabel(
      "Span of the volatility estimate behind rebalancing trades", .count("daily differences")),
    "filters.history.minimumPrices": SettingLabel("History: at least", .count("daily prices")),
    "filters.stale.maximumWeekdays": SettingLabel(
      "Stale: last price at most", .count("weekdays before the last date")),
    "filters.liquidity.days": SettingLabel("Liquidity: measured over the last", .count("daily rows")),
    "filters.liquidity.minimumVolume": SettingLabel("Liquidity: mean volume at least", .count("contracts a day")),
    "filters.liquidity.minimumTradedValue": SettingLabel("Liquidity: mean traded value a day at least", .money),
    "filters.cost.maximumSRCost": SettingLabel("Cost: annual SR cost at most", .suffix("SR a year")),
    "filters.capital.maximumWeight": SettingLabel("Capital: an instrument's best-case weight", .fraction),
    "sizing.maxContracts": SettingLabel(
      "Contracts each instrument must hold at its target position", .count("contracts")),
    "sizing.idmCap": SettingLabel("Diversification multiplier (IDM) capped at"),
    "sizing.targetVolatility": SettingLabel("Target volatility, a year", .fraction),
    "selection.weighting": SettingLabel("Weighting scheme"),
    "selection.maxInstruments": SettingLabel("At most", .count("instruments"), none: "no limit"),
    "selection.improvementTolerance": SettingLabel("Smallest Sharpe ratio gain that counts as better"),
    "selection.search.mode": SettingLabel("Search after the greedy path (greedy, refined or exact)"),
    "selection.search.budgetSeconds": SettingLabel("Exact search budget", .count("seconds"), none: "no limit"),
  ]

  /// Every setting of `json` (a settings block) as rows `(stage, label, value, key)`, in the block's order: the
  /// stage's name from `stageLabels`, the label from `settingLabels` (else the dotted key), the value in words.
  public static func describedSettings(_ json: JSONValue, baseCurrency: String) -> [(
    stage: String, label: String, value: String, key: String
  )] {
    flattened(json).map { key, value in
      let top = String(key.prefix { $0 != "." })
      let stage = stageLabels[top] ?? (top.prefix(1).uppercased() + top.dropFirst())
      let entry = settingLabels[key]
      return (stage, entry?.label ?? key, described(value, entry, baseCurrency: baseCurrency), key)
    }
  }

  /// `(dotted.key, value)` for every scalar (or array) of a JSON object, in order.
  public static func flattened(_ value: JSONValue, prefix: String = "") -> [(String, JSONValue)] {
    switch value {
    case .object(let members):
      return members.flatMap { flattened($0.1, prefix: prefix.isEmpty ? $0.0 : prefix + "." + $0.0) }
    default: return [(prefix, value)]
    }
  }

  static func described(_ value: JSONValue, _ entry: SettingLabel?, baseCurrency: String) -> String {
    let unit = entry?.unit ?? .plain
    switch value {
    case .null: return entry?.none ?? "none"
    case .bool(let b): return b ? "yes" : "no"
    case .string(let text): return text
    case .integer(let k):
      if case .count(let word) = unit { return NumberFormat.integer(k) + " " + word }
      if case .money = unit { return NumberFormat.integer(k) + " " + baseCurrency }
    case .number(let x):
      switch unit {
      case .fraction:
        let percent = x * 100
        let whole = abs(percent - percent.rounded()) < 1e-9
        return "\(value.rendered(indent: false)) (\(NumberFormat.fixed(percent, decimals: whole ? 0 : 2))%)"
      case .money: return NumberFormat.money(x) + " " + baseCurrency
      case .count(let word):
        if x == x.rounded(), abs(x) < 1e15 { return NumberFormat.integer(Int(x)) + " " + word }
        return value.rendered(indent: false) + " " + word
      case .suffix(let word): return value.rendered(indent: false) + " " + word
      case .plain: break
      }
    default: break
    }
    if case .suffix(let word) = unit { return value.rendered(indent: false) + " " + word }
    return value.rendered(indent: false)
  }
}
