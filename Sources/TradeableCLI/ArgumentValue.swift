import ArgumentParser
import Tradeable

/// Readers for the numbers people type as option values, for `@Option(…, transform:)`: money as it is written
/// (`1,000,000`, `1_000_000`, `250k`, `2.5M`, `1e6`), fractions as fractions or percentages (`0.2`, `20%`), plain
/// numbers and whole numbers. Each refuses what Swift's `Double(_:)` would quietly accept and a user never means:
/// hexadecimal (`0x10`), `nan`, `inf`, and numbers too large to be finite.
///
/// A reader only reads; whether the value is in range is the setting's `ValidRange`, checked in `validate()` (see
/// `OptionCheck`), so that `--capital -5` reads as -5 and is then refused as "must be positive". Declare numeric
/// options with `parsing: .unconditional` so that a negative value reaches the reader instead of being taken for an
/// option:
///
///     @Option(name: .long, parsing: .unconditional, help: "…", transform: ArgumentValue.money)
///     var capital: Double
enum ArgumentValue {
  /// An amount of money: digits grouped by commas (`1,000,000`, groups of three), underscores (`1_000_000`) or
  /// spaces (`1 000 000`), a decimal point, an exponent (`1e6`), or a suffix `k` (thousand), `M` (million) or `bn`/`B`
  /// (billion), either case (`250k`, `2.5M`, `1.2bn`). A sign is read (and a negative amount refused by its range).
  static func money(_ text: String) throws -> Double {
    try read(text, allowSuffix: true, what: "an amount", examples: "1000000, 1,000,000, 1_000_000, 250k, 2.5M or 1e6")
  }

  /// A plain number: digits (grouped as for money), a decimal point and an exponent (`0.4`, `-0.2`, `1e-3`).
  static func number(_ text: String) throws -> Double {
    try read(text, allowSuffix: false, what: "a number", examples: "0.4, -0.2 or 1e-3")
  }

  /// A fraction, written as one (`0.2`) or as a percentage (`20%`, read as 0.2).
  static func fraction(_ text: String) throws -> Double {
    let trimmed = text.trimmingSpaces()
    if trimmed.hasSuffix("%") {
      let value = try read(String(trimmed.dropLast()), allowSuffix: false, what: "a percentage", examples: "20%")
      return value / 100
    }
    return try read(trimmed, allowSuffix: false, what: "a fraction", examples: "0.2 or 20%")
  }

  /// A whole number: digits, optionally grouped (`1,000`, `1_000`) and signed.
  static func count(_ text: String) throws -> Int {
    let value = try read(text, allowSuffix: false, what: "a whole number", examples: "512 or 1,000")
    guard value == value.rounded(), abs(value) <= 9.007_199_254_740_992e15 else {
      if value == value.rounded() {
        throw ArgumentValueError("'\(text)' is too large: give a whole number below 9,007,199,254,740,992.")
      }
      throw ArgumentValueError("cannot read '\(text)' as a whole number: write it without a decimal part, e.g. 512.")
    }
    return Int(value)
  }

  /// `text` as a number in the notation above; `what` and `examples` word the error.
  private static func read(_ text: String, allowSuffix: Bool, what: String, examples: String) throws -> Double {
    let shown = InputError.escapedExcerpt(Array(text.utf8))
    func failure(_ detail: String = "") -> ArgumentValueError {
      ArgumentValueError("cannot read '\(shown)' as \(what)\(detail): write it as \(examples).")
    }
    var body = Substring(text.trimmingSpaces())
    guard !body.isEmpty else { throw ArgumentValueError("the value is empty: write it as \(examples).") }
    var sign = 1.0
    if body.first == "-" || body.first == "+" {
      if body.first == "-" { sign = -1 }
      body = body.dropFirst()
    }
    let lowered = body.lowercased()
    if lowered.hasPrefix("0x") { throw failure(" (hexadecimal numbers are not accepted)") }
    if lowered.hasPrefix("nan") || lowered.hasPrefix("inf") { throw failure() }
    var scale = 1.0
    if allowSuffix {
      for (suffix, factor) in [("bn", 1e9), ("k", 1e3), ("m", 1e6), ("b", 1e9)] where lowered.hasSuffix(suffix) {
        scale = factor
        body = body.dropLast(suffix.count)
        break
      }
    }
    // Split off the exponent, then the decimal part; what is left is the integer part with its grouping.
    var exponent = ""
    if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      guard scale == 1 else { throw failure(" (an exponent and a suffix together)") }
      exponent = String(body[body.index(after: e)...])
      body = body[..<e]
      let digits = exponent.first == "-" || exponent.first == "+" ? exponent.dropFirst() : Substring(exponent)
      guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { throw failure() }
    }
    var fraction = ""
    if let point = body.firstIndex(of: ".") {
      fraction = String(body[body.index(after: point)...])
      body = body[..<point]
      guard fraction.allSatisfy(\.isASCIIDigit) else { throw failure() }
    }
    guard let integer = ungrouped(body) else {
      if body.contains(","), !body.contains(".") {
        throw failure(" (a comma groups thousands, 1,000,000; decimals take a point, 1.5)")
      }
      throw failure()
    }
    guard !(integer.isEmpty && fraction.isEmpty) else { throw failure() }
    let literal = (integer.isEmpty ? "0" : integer) + (fraction.isEmpty ? "" : "." + fraction)
      + (exponent.isEmpty ? "" : "e" + exponent)
    guard let value = Double(literal), value.isFinite, (value * scale).isFinite else {
      throw ArgumentValueError("'\(shown)' is too large to be \(what).")
    }
    return sign * value * scale
  }

  /// The digits of `text` with their grouping removed: commas or spaces between groups of three after a first group
  /// of one to three digits, or underscores between digits; `nil` when the grouping is not one of these.
  private static func ungrouped(_ text: Substring) -> String? {
    if text.allSatisfy(\.isASCIIDigit) { return String(text) }
    for separator in [Character(","), " "] where text.contains(separator) {
      let groups = text.split(separator: separator, omittingEmptySubsequences: false)
      guard let first = groups.first, (1...3).contains(first.count),
        groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
        groups.dropFirst().allSatisfy({ $0.count == 3 })
      else { return nil }
      return groups.joined()
    }
    if text.contains("_") {
      guard text.first?.isASCIIDigit == true, text.last?.isASCIIDigit == true, !text.contains("__"),
        text.allSatisfy({ $0.isASCIIDigit || $0 == "_" })
      else { return nil }
      return text.filter(\.isASCIIDigit)
    }
    return nil
  }
}

/// A value that cannot be read; ArgumentParser prints its description after "The value '…' is invalid for '…': ".
struct ArgumentValueError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

extension Character {
  /// `0`–`9`.
  var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
  /// Without leading and trailing spaces.
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
