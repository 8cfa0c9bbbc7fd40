#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number formatting for tables: fixed decimals, thousands separators, percentages. JSON and CSV never use these;
/// they carry full precision.
public enum NumberFormat {
  /// `x` with `decimals` digits after the point, rounded half-to-even by the C library; `grouping` inserts a comma
  /// every three digits of the integer part (`1,234,567.89`). `nil` or non-finite values print as `—`.
  public static func fixed(_ x: Double?, decimals: Int, grouping: Bool = true) -> String {
    guard let x, x.isFinite else { return "—" }
    var buffer = [CChar](repeating: 0, count: 64)
    let written = withVaList([Int32(decimals), x]) { args in
      buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress!, 64, "%.*f", args) }
    }
    var text = written > 0 && written < 64
      ? String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      : "\(x)"
    if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }  // no "-0.00"
    guard grouping else { return text }
    return group(text)
  }

  /// Inserts thousands separators into the integer part of a plain decimal string.
  static func group(_ text: String) -> String {
    var sign = ""
    var body = Substring(text)
    if body.hasPrefix("-") {
      sign = "-"
      body = body.dropFirst()
    }
    let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let integer = Array(parts[0])
    var grouped = ""
    for (k, c) in integer.enumerated() {
      if k > 0 && (integer.count - k) % 3 == 0 { grouped.append(",") }
      grouped.append(c)
    }
    return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
  }

  /// Whole currency amount with separators: `15,088,000`.
  public static func money(_ x: Double?) -> String { fixed(x, decimals: 0) }

  /// A capital a set or an instrument needs, in whole currency rounded *up* (`12,398.6` → `12,399`, never `12,398`),
  /// so that the amount shown is always enough: typed back as `--capital`, it selects what the output says.
  public static func capitalNeeded(_ x: Double?) -> String { money(x.map { $0.rounded(.up) }) }

  /// A fraction as a percentage: `0.2034` → `20.3%`.
  public static func percent(_ x: Double?, decimals: Int = 1) -> String {
    guard let x, x.isFinite else { return "—" }
    return fixed(x * 100, decimals: decimals) + "%"
  }

  /// Scientific notation with `digits` significant digits (`4.50e-05`), for very small quantities.
  public static func scientific(_ x: Double?, digits: Int = 3) -> String {
    guard let x, x.isFinite else { return "—" }
    var buffer = [CChar](repeating: 0, count: 64)
    let written = withVaList([Int32(max(digits - 1, 0)), x]) { args in
      buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress!, 64, "%.*e", args) }
    }
    return String(decoding: buffer.prefix(Int(max(written, 0))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
