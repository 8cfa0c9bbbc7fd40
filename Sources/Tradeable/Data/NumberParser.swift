#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal text to `Double`, correctly rounded, fast on the short numbers price files hold.
///
/// Fast path (Clinger 1990): a decimal with at most 19 significant digits whose integer mantissa is below 2^53 and
/// whose power of ten is within ±22 is `mantissa × 10^e` or `mantissa / 10^-e`, both exact operands, so one IEEE
/// multiplication or division gives the correctly rounded result. Everything else (long mantissas, large exponents)
/// falls back to the C library's `strtod`, which is correctly rounded too. Accepts an optional sign, digits with an
/// optional decimal point, and an optional exponent (`1.5e-3`); rejects `nan`, `inf`, hex and anything else.
public enum NumberParser {
  static let powersOfTen: [Double] = (0...22).map { e in
    var p = 1.0
    for _ in 0..<e { p *= 10 }
    return p
  }

  /// Parses the bytes `p[start..<end]`; `nil` when they are not exactly one decimal number.
  @inline(__always)
  public static func parse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
    var i = start
    guard i < end else { return nil }
    var negative = false
    if p[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    } else if p[i] == UInt8(ascii: "+") {
      i += 1
    }
    var mantissa: UInt64 = 0
    var significantDigits = 0
    var digitsSeen = 0
    var exponent = 0
    while i < end, p[i] &- 48 < 10 {
      let d = UInt64(p[i] &- 48)
      if significantDigits > 0 || d != 0 {
        if significantDigits < 19 { mantissa = mantissa &* 10 &+ d } else { exponent += 1 }
        significantDigits += 1
      }
      digitsSeen += 1
      i += 1
    }
    if i < end, p[i] == UInt8(ascii: ".") {
      i += 1
      while i < end, p[i] &- 48 < 10 {
        let d = UInt64(p[i] &- 48)
        if significantDigits > 0 || d != 0 {
          if significantDigits < 19 {
            mantissa = mantissa &* 10 &+ d
            exponent -= 1
          }
          significantDigits += 1
        } else {
          exponent -= 1
        }
        digitsSeen += 1
        i += 1
      }
    }
    guard digitsSeen > 0 else { return nil }
    if i < end, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
      i += 1
      var exponentNegative = false
      if i < end, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
        exponentNegative = p[i] == UInt8(ascii: "-")
        i += 1
      }
      var e = 0
      var exponentDigits = 0
      while i < end, p[i] &- 48 < 10 {
        if e < 100_000 { e = e * 10 + Int(p[i] &- 48) }
        exponentDigits += 1
        i += 1
      }
      guard exponentDigits > 0 else { return nil }
      exponent += exponentNegative ? -e : e
    }
    guard i == end else { return nil }
    if significantDigits <= 19, mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
      var value = Double(mantissa)
      if exponent >= 0 { value *= powersOfTen[exponent] } else { value /= powersOfTen[-exponent] }
      return negative ? -value : value
    }
    return slowPath(p, start, end)
  }

  /// `strtod` on a NUL-terminated copy; the syntax was already checked by `parse`.
  static func slowPath(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
    let length = end - start
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
      for k in 0..<length { buffer[k] = CChar(bitPattern: p[start + k]) }
      buffer[length] = 0
      var endPointer: UnsafeMutablePointer<CChar>? = nil
      let value = strtod(buffer.baseAddress!, &endPointer)
      guard let endPointer, endPointer == buffer.baseAddress! + length else { return nil }
      return value
    }
  }

  /// Parses a whole string.
  public static func parse(_ text: String) -> Double? {
    var text = text
    return text.withUTF8 { buffer in
      guard let base = buffer.baseAddress else { return nil }
      return parse(base, 0, buffer.count)
    }
  }
}
