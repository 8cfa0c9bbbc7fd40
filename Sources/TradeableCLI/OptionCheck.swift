import ArgumentParser
import Tradeable

/// Range checks of option values, run in `validate()` — before any file is read — against the library's
/// `ValidRange`s, so that the command line, the `--settings FILE` reader and library callers share one rule per
/// setting. A failure is a `ValidationError` naming the option, the value and the range:
///
///     Error: --target-vol 20 is 2,000% a year; did you mean 0.20? Give a fraction, above 0 and at most 1 (100%).
///
/// Two ways in:
/// - an option that is not a library setting checks its own value: `try OptionCheck.value("--quantile", quantile,
///   CapitalReserve.quantileRange)`;
/// - an option group that fills a settings value applies its options to the defaults and checks the result's
///   `violations`, naming each by the option that sets its key: `try OptionCheck.settings(s.violations, names:
///   Self.optionKeys)`.
enum OptionCheck {
  /// Throws when `value` is given and outside `range`.
  static func value(_ name: String, _ value: Double?, _ range: ValidRange) throws {
    guard let value, !range.contains(value) else { return }
    throw ValidationError(range.message(name: name, value: value))
  }

  /// Throws when `value` is given and outside `range`.
  static func value(_ name: String, _ value: Int?, _ range: ValidRange) throws {
    try Self.value(name, value.map(Double.init), range)
  }

  /// Throws for the first of `violations`, named by the option `names` gives for its key (the quoted key when none
  /// does).
  static func settings(_ violations: [SettingViolation], names: [(option: String, key: String)]) throws {
    guard let violation = violations.first else { return }
    let name = names.first { $0.key == violation.key }?.option ?? "'\(violation.key)':"
    throw ValidationError(violation.message(name: name))
  }
}

/// A range as the help text shows it after the default: `at least 2`, `above 0 and at most 1`.
func valid(_ range: ValidRange) -> String { range.phrase(percentages: false) }
