/// The values a numeric setting accepts: an interval whose ends may be open, closed or absent, the setting's unit,
/// and why the range is what it is — so that a value outside it gets a message that names the range, says what the
/// value would mean (`--target-vol 20 is 2,000% a year; did you mean 0.20?`) and what to give instead.
///
/// Every settings type of the pipeline states the range of each of its numbers (`RiskSettings.volatilityWindowRange`,
/// …) and checks them in `violations`; the command line checks its options against the same ranges before any work,
/// and a `--settings FILE` document is checked by the same rules when it is read. Non-finite values (NaN, ±∞) are
/// never in a range.
public struct ValidRange: Sendable, Equatable {
  /// What a setting's number counts or measures; it decides how a value is described in a message.
  public enum Unit: Sendable, Equatable {
    /// A whole number: days, weeks, prices, instruments.
    case count
    /// A plain number: a Sharpe ratio, a multiplier, contracts.
    case number
    /// A fraction, 0.2 = 20% (a weight, a quantile).
    case fraction
    /// A fraction a year, 0.2 = 20% a year (a volatility target, an interest rate).
    case fractionPerYear
    /// An amount of money, base currency.
    case money
  }

  /// One end of the interval.
  public enum Bound: Sendable, Equatable {
    /// The end value belongs to the range.
    case inclusive(Double)
    /// The end value does not.
    case exclusive(Double)

    public var value: Double {
      switch self {
      case .inclusive(let x), .exclusive(let x): return x
      }
    }
  }

  /// The lower end; `nil` for none.
  public var lower: Bound?
  /// The upper end; `nil` for none.
  public var upper: Bound?
  public var unit: Unit
  /// Why the range is what it is, or what a value at its edge does ("a volatility needs two daily differences"); the
  /// message quotes it.
  public var note: String?

  public init(lower: Bound?, upper: Bound?, unit: Unit = .number, note: String? = nil) {
    self.lower = lower
    self.upper = upper
    self.unit = unit
    self.note = note
  }

  /// `[x, ∞)`.
  public static func atLeast(_ x: Double, unit: Unit = .number, note: String? = nil) -> ValidRange {
    ValidRange(lower: .inclusive(x), upper: nil, unit: unit, note: note)
  }

  /// `(x, ∞)`.
  public static func above(_ x: Double, unit: Unit = .number, note: String? = nil) -> ValidRange {
    ValidRange(lower: .exclusive(x), upper: nil, unit: unit, note: note)
  }

  /// `[a, b]`.
  public static func between(_ a: Double, _ b: Double, unit: Unit = .number, note: String? = nil) -> ValidRange {
    ValidRange(lower: .inclusive(a), upper: .inclusive(b), unit: unit, note: note)
  }

  /// The same range closed above at `x`.
  public func atMost(_ x: Double) -> ValidRange {
    var range = self
    range.upper = .inclusive(x)
    return range
  }

  /// The same range open above at `x`.
  public func below(_ x: Double) -> ValidRange {
    var range = self
    range.upper = .exclusive(x)
    return range
  }

  /// Whether `x` is finite and inside the interval.
  public func contains(_ x: Double) -> Bool {
    guard x.isFinite else { return false }
    switch lower {
    case .inclusive(let a)?: if x < a { return false }
    case .exclusive(let a)?: if x <= a { return false }
    case nil: break
    }
    switch upper {
    case .inclusive(let b)?: if x > b { return false }
    case .exclusive(let b)?: if x >= b { return false }
    case nil: break
    }
    return true
  }

  /// Whether the whole number `n` is inside the interval.
  public func contains(_ n: Int) -> Bool { contains(Double(n)) }

  /// The interval in words: `at least 2`, `above 0 and at most 1 (100%)`, `from -1 to 1`.
  public var phrase: String { phrase(percentages: true) }

  /// The interval in words; with `percentages`, a fraction's bounds other than 0 carry their percentage.
  public func phrase(percentages: Bool) -> String {
    func shown(_ bound: Bound) -> String {
      let x = bound.value
      let text = NumberFormat.decimal(x)
      switch unit {
      case .fraction, .fractionPerYear:
        return x == 0 || !percentages ? text : text + " (" + NumberFormat.decimal(x * 100) + "%)"
      case .count, .number, .money:
        return text
      }
    }
    switch (lower, upper) {
    case (nil, nil): return "any finite number"
    case (.inclusive(let a)?, .inclusive(let b)?): return "from \(shown(.inclusive(a))) to \(shown(.inclusive(b)))"
    case (let lower?, nil): return lowerPhrase(lower, shown)
    case (nil, let upper?): return upperPhrase(upper, shown)
    case (let lower?, let upper?): return lowerPhrase(lower, shown) + " and " + upperPhrase(upper, shown)
    }
  }

  private func lowerPhrase(_ bound: Bound, _ shown: (Bound) -> String) -> String {
    switch bound {
    case .inclusive: return "at least " + shown(bound)
    case .exclusive: return "above " + shown(bound)
    }
  }

  private func upperPhrase(_ bound: Bound, _ shown: (Bound) -> String) -> String {
    switch bound {
    case .inclusive: return "at most " + shown(bound)
    case .exclusive: return "below " + shown(bound)
    }
  }

  /// What a value of this range is, for messages: "a whole number", "an amount", "a fraction".
  var kind: String {
    switch unit {
    case .count: return "a whole number"
    case .number: return "a number"
    case .fraction, .fractionPerYear: return "a fraction"
    case .money: return "an amount"
    }
  }

  /// The message for `value` of the setting called `name` (an option `--target-vol`, or a settings key
  /// `'sizing.targetVolatility'`), `given` the text the user wrote when there is one. It says what the value means,
  /// suggests the fraction meant when a percentage was typed for a fraction, and gives the range and its note:
  ///
  ///     --target-vol 20 is 2,000% a year; did you mean 0.20? Give a fraction above 0 and at most 1 (100%).
  ///     --vol-window 1 is out of range: give a whole number, at least 2 (a sample standard deviation needs two …).
  ///     --capital -5 must be positive: give an amount above 0 and at most 1,000,000,000,000,000.
  public func message(name: String, value: Double, given: String? = nil) -> String {
    let text = given ?? (value.isFinite ? NumberFormat.decimal(value, significantDigits: 17, grouping: false) : "\(value)")
    let give = "\(kind), \(phrase)" + (note.map { " (\($0))" } ?? "")
    guard value.isFinite else { return "\(name) \(text) is not a number: give \(give)." }
    if unit == .fraction || unit == .fractionPerYear, abs(value) > 1, contains(value / 100) {
      let perYear = unit == .fractionPerYear ? " a year" : ""
      return "\(name) \(text) is \(NumberFormat.decimal(value * 100))%\(perYear); did you mean "
        + "\(NumberFormat.decimal(value / 100, minimumDecimals: 2))? Give \(give)."
    }
    let belowLower: Bool = {
      switch lower {
      case .inclusive(let a)?: return value < a
      case .exclusive(let a)?: return value <= a
      case nil: return false
      }
    }()
    switch lower {
    case .exclusive(0)? where belowLower: return "\(name) \(text) must be positive: give \(give)."
    case .inclusive(0)? where belowLower: return "\(name) \(text) must be 0 or more: give \(give)."
    default: return "\(name) \(text) is out of range: give \(give)."
    }
  }

  /// A violation when `value` is outside the range, else `nil`.
  public func check(_ key: String, _ value: Double) -> SettingViolation? {
    contains(value) ? nil : SettingViolation(key: key, value: value, range: self)
  }

  /// A violation when `value` is outside the range, else `nil`.
  public func check(_ key: String, _ value: Int) -> SettingViolation? { check(key, Double(value)) }

  /// A violation when `value` is given and outside the range, else `nil`.
  public func check(_ key: String, _ value: Int?) -> SettingViolation? { value.flatMap { check(key, $0) } }

  /// A violation when `value` is given and outside the range, else `nil`.
  public func check(_ key: String, _ value: Double?) -> SettingViolation? { value.flatMap { check(key, $0) } }
}

extension ValidRange {
  /// Amounts of money: above 0 and at most 10¹⁵ (a thousand trillion), far above any real capital and far below the
  /// size at which positions and their squares lose precision.
  public static let positiveMoney = ValidRange.above(0, unit: .money).atMost(1e15)
}

/// A setting outside its valid range: which (its key path in the settings document, `risk.volatilityWindow`), its
/// value and the range. `message(name:given:)` words it for an option or a file.
public struct SettingViolation: Error, Sendable, Equatable, CustomStringConvertible {
  /// Dotted key path in the settings document: `risk.volatilityWindow`, `sizing.targetVolatility`.
  public var key: String
  public var value: Double
  public var range: ValidRange

  public init(key: String, value: Double, range: ValidRange) {
    self.key = key
    self.value = value
    self.range = range
  }

  /// The same violation under `prefix` (`volatilityWindow` → `risk.volatilityWindow`).
  public func prefixed(_ prefix: String) -> SettingViolation {
    SettingViolation(key: prefix + "." + key, value: value, range: range)
  }

  /// The message, naming the setting `name` (an option name, or the quoted key).
  public func message(name: String, given: String? = nil) -> String {
    range.message(name: name, value: value, given: given)
  }

  public var description: String { message(name: "'\(key)':") }
}

extension Array where Element == SettingViolation {
  /// Every violation under `prefix`.
  public func prefixed(_ prefix: String) -> [SettingViolation] { map { $0.prefixed(prefix) } }
}
