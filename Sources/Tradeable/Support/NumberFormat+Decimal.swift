#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension NumberFormat {
  /// `x` as a person writes it: at most `significantDigits` (12) significant digits, trailing zeros dropped, at least
  /// `minimumDecimals` digits after the point, thousands separators in the integer part. So a sum of weights that is
  /// 0.8999999999999999 in binary prints as `0.9`, `20 × 100` as `2,000` and `0.2` with two decimals as `0.20`.
  /// Twelve digits are far more than any message needs and far fewer than the 17 at which binary noise shows.
  /// Non-finite values print as `—`.
  public static func decimal(
    _ x: Double, significantDigits: Int = 12, minimumDecimals: Int = 0, grouping: Bool = true
  ) -> String {
    guard x.isFinite else { return "—" }
    if x == 0 { return minimumDecimals > 0 ? "0." + String(repeating: "0", count: minimumDecimals) : "0" }
    let magnitude = Int(log10(abs(x)).rounded(.down))
    // Digits after the point that keep `significantDigits` significant ones (none for large numbers).
    let decimals = max(0, significantDigits - 1 - magnitude)
    var text = fixed(x, decimals: min(decimals, 40), grouping: false)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    if minimumDecimals > 0 {
      let present = text.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
      if present == 0 { text += "." }
      if present < minimumDecimals { text += String(repeating: "0", count: minimumDecimals - present) }
    }
    return grouping ? group(text) : text
  }

  /// A quantity that need not be whole and its noun, singular for exactly one: `1 contract`, `4 contracts`,
  /// `2.5 contracts`. `plural` defaults to `singular + "s"`.
  public static func quantity(_ x: Double, _ singular: String, _ plural: String? = nil) -> String {
    decimal(x) + " " + (x == 1 ? singular : plural ?? singular + "s")
  }
}
