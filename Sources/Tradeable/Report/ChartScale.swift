#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A map from data values to positions along one axis, with the ticks to label it.
public protocol ChartScale: Sendable {
  /// Position of `value` (SVG units).
  func position(_ value: Double) -> Double
  /// Values to mark and label, increasing, within the domain.
  var ticks: [Double] { get }
  /// The label of a tick.
  func label(_ value: Double) -> String
  /// Domain end points, low then high.
  var domain: (Double, Double) { get }
  /// Values to mark without a label (the 3, 4, 6, … of a logarithmic axis); none by default.
  var minorTicks: [Double] { get }
}

extension ChartScale {
  public var minorTicks: [Double] { [] }
  /// The labels of the ticks, in order (to size the margin that holds them).
  public var labels: [String] { ticks.map(label) }
}

/// A linear scale over `[low, high]`, widened to "nice" tick multiples (1, 2, 2.5 or 5 × 10ᵏ).
public struct LinearScale: ChartScale {
  public let domain: (Double, Double)
  /// Positions of the domain's low and high ends (the high end may be the smaller, as on a y axis).
  public let range: (Double, Double)
  /// Distance between ticks.
  public let step: Double
  /// How a tick is written.
  public let format: @Sendable (Double) -> String

  /// A scale over at least `[low, high]` with about `tickCount` ticks; `format` writes tick labels (default: plain
  /// decimals with as many digits as the step needs, thousands separated). With `nice`, the domain is widened to the
  /// enclosing ticks.
  public init(
    _ low: Double, _ high: Double, range: (Double, Double), tickCount: Int = 5, nice: Bool = true,
    format: (@Sendable (Double) -> String)? = nil
  ) {
    var lo = low
    var hi = high
    if !(hi > lo) {
      let pad = lo == 0 ? 1 : abs(lo) * 0.1
      lo -= pad
      hi += pad
    }
    let step = niceStep((hi - lo) / Double(max(tickCount, 1)))
    if nice {
      lo = (lo / step).rounded(.down) * step
      hi = (hi / step).rounded(.up) * step
    }
    self.domain = (lo, hi)
    self.range = range
    self.step = step
    let decimals = decimalsFor(step)
    self.format = format ?? { NumberFormat.fixed($0, decimals: decimals) }
  }

  public func position(_ value: Double) -> Double {
    range.0 + (value - domain.0) / (domain.1 - domain.0) * (range.1 - range.0)
  }

  public var ticks: [Double] {
    var out: [Double] = []
    var k = (domain.0 / step).rounded(.up)
    while k * step <= domain.1 + step * 1e-9 {
      let value = k * step
      out.append(abs(value) < step * 1e-9 ? 0 : value)
      k += 1
    }
    return out
  }

  public func label(_ value: Double) -> String { format(value) }
}

/// A base-10 logarithmic scale over `[low, high]` (both positive), widened to whole decades unless told otherwise.
/// Ticks: every decade; with three decades or fewer also 2× and 5×, so an axis never has fewer than four labels.
public struct LogScale: ChartScale {
  public let domain: (Double, Double)
  public let range: (Double, Double)
  public let format: @Sendable (Double) -> String

  public init(
    _ low: Double, _ high: Double, range: (Double, Double), wholeDecades: Bool = true,
    format: @escaping @Sendable (Double) -> String = { compactNumber($0) }
  ) {
    precondition(low > 0 && high > 0, "a log scale needs positive values")
    var lo = log10(low)
    var hi = log10(max(high, low))
    if wholeDecades {
      lo = lo.rounded(.down)
      hi = hi.rounded(.up)
    }
    if hi - lo < 1e-9 {
      lo -= 0.5
      hi += 0.5
    }
    self.domain = (pow(10, lo), pow(10, hi))
    self.range = range
    self.format = format
  }

  public func position(_ value: Double) -> Double {
    let v = log10(max(value, domain.0 * 1e-12))
    let lo = log10(domain.0)
    let hi = log10(domain.1)
    return range.0 + (v - lo) / (hi - lo) * (range.1 - range.0)
  }

  public var ticks: [Double] {
    let lo = log10(domain.0)
    let hi = log10(domain.1)
    let decades = hi - lo
    let multiples: [Double] = decades <= 3.01 ? [1, 2, 5] : [1]
    var out: [Double] = []
    var e = Int(lo.rounded(.down))
    while Double(e) <= hi + 1e-9 {
      for m in multiples {
        let value = m * pow(10, Double(e))
        let position = log10(value)
        if position >= lo - 1e-9 && position <= hi + 1e-9 { out.append(value) }
      }
      e += 1
    }
    return out
  }

  public func label(_ value: Double) -> String { format(value) }

  /// Every 2…9 × 10ᵏ inside the domain that is not a labelled tick, so the eye can read values between decades.
  public var minorTicks: [Double] {
    let lo = log10(domain.0)
    let hi = log10(domain.1)
    let major = ticks
    var out: [Double] = []
    var e = Int(lo.rounded(.down))
    while Double(e) <= hi + 1e-9 {
      for m in 2...9 {
        let value = Double(m) * pow(10, Double(e))
        let position = log10(value)
        guard position >= lo - 1e-9 && position <= hi + 1e-9 else { continue }
        if !major.contains(where: { abs($0 - value) <= value * 1e-9 }) { out.append(value) }
      }
      e += 1
    }
    return out
  }
}

/// A "nice" step near `raw`: 1, 2, 2.5 or 5 times a power of ten.
func niceStep(_ raw: Double) -> Double {
  guard raw > 0, raw.isFinite else { return 1 }
  let exponent = log10(raw).rounded(.down)
  let base = pow(10, exponent)
  let fraction = raw / base
  let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
  return nice * base
}

/// Decimals needed to write multiples of `step` exactly (0.25 → 2, 0.5 → 1, 5 → 0).
func decimalsFor(_ step: Double) -> Int {
  var decimals = 0
  var scaled = step
  while decimals < 10, abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled)) {
    scaled *= 10
    decimals += 1
  }
  return decimals
}

/// Short labels for axis ticks: `500`, `2.5k`, `10k`, `1M`, `2.5M`, `1B`; small numbers as plain decimals
/// (`0.001`, `0.05`). At most three significant digits.
public func compactNumber(_ x: Double) -> String {
  let magnitude = abs(x)
  func trimmed(_ v: Double) -> String {
    let digits = v >= 100 ? 0 : v >= 10 ? 1 : 2
    var text = NumberFormat.fixed(v, decimals: digits, grouping: false)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }
  let sign = x < 0 ? "-" : ""
  if magnitude >= 1e9 { return sign + trimmed(magnitude / 1e9) + "B" }
  if magnitude >= 1e6 { return sign + trimmed(magnitude / 1e6) + "M" }
  if magnitude >= 1e3 { return sign + trimmed(magnitude / 1e3) + "k" }
  if magnitude >= 1 || magnitude == 0 { return sign + trimmed(magnitude) }
  // Below 1: enough decimals for three significant digits, trailing zeros removed.
  let decimals = min(12, Int(-log10(magnitude).rounded(.down)) + 2)
  var text = NumberFormat.fixed(magnitude, decimals: decimals, grouping: false)
  if text.contains(".") {
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
  }
  return sign + text
}
