#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The distribution of the portfolio's historical one-day P&L as a histogram, with the loss quantiles of the long
/// and the short book marked and the days beyond them coloured, and the normal density at the expected volatility
/// dashed for comparison (fat tails show as bars beyond it).
public struct LossHistogram: Sendable {
  /// Daily P&L of the long book, base currency.
  public var profitAndLoss: [Double]
  /// The quantile (e.g. 0.98).
  public var quantile: Double
  /// Loss of the long book at the quantile (a positive number is a loss; drawn at `−longLoss`).
  public var longLoss: Double
  /// Loss of the short book at the quantile (drawn at `+shortLoss`).
  public var shortLoss: Double
  /// Expected one-day standard deviation, for the normal curve; `nil` to leave it out.
  public var normalStandardDeviation: Double?
  public var baseCurrency: String
  public var width: Double = 960

  public init(
    profitAndLoss: [Double], quantile: Double, longLoss: Double, shortLoss: Double, normalStandardDeviation: Double?,
    baseCurrency: String
  ) {
    self.profitAndLoss = profitAndLoss
    self.quantile = quantile
    self.longLoss = longLoss
    self.shortLoss = shortLoss
    self.normalStandardDeviation = normalStandardDeviation
    self.baseCurrency = baseCurrency
  }

  /// The range drawn: from the 0.5% to the 99.5% quantile of the P&L, widened to show both quantile losses with a
  /// margin. A few extreme days (a crash, a bad print) would otherwise squeeze the bulk of the distribution into a
  /// handful of bars; days outside the range are counted in the edge bars and said so on the chart.
  public static func drawnRange(_ values: [Double], longLoss: Double, shortLoss: Double) -> (Double, Double) {
    let low = empiricalQuantile(values, 0.005) ?? (values.min() ?? -1)
    let high = empiricalQuantile(values, 0.995) ?? (values.max() ?? 1)
    let lo = min(low, -longLoss * 1.25)
    let hi = max(high, shortLoss * 1.25)
    return hi > lo ? (lo, hi) : (lo - 1, hi + 1)
  }

  /// Bins of a "nice" width giving about `target` bins over `range`, edges on multiples of the width; values outside
  /// the range fall into the first or last bin.
  public static func bins(_ values: [Double], range: (Double, Double), target: Int = 40)
    -> (start: Double, width: Double, counts: [Int])
  {
    let width = niceStep((range.1 - range.0) / Double(target))
    let start = (range.0 / width).rounded(.down) * width
    let count = max(1, Int(((range.1 - start) / width).rounded(.up)))
    var counts = [Int](repeating: 0, count: count)
    for v in values { counts[min(count - 1, max(0, Int(((v - start) / width).rounded(.down))))] += 1 }
    return (start, width, counts)
  }

  public func svg(id: String = "chart-loss-histogram") -> String {
    let left = 84.0
    let right = 24.0
    let frame = PlotFrame(left: left, top: 48, width: width - left - right, height: 300)
    var canvas = SVGCanvas(width: width, height: frame.bottom + 84)
    let drawn = Self.drawnRange(profitAndLoss, longLoss: longLoss, shortLoss: shortLoss)
    let (start, binWidth, counts) = Self.bins(profitAndLoss, range: drawn, target: 50)
    let end = start + binWidth * Double(counts.count)
    let xScale = LinearScale(
      start, end, range: (frame.left, frame.right), tickCount: 8, nice: false, format: { compactNumber($0) })
    var tallest = Double(counts.max() ?? 1)
    var curve: [(Double, Double)] = []
    if let sd = normalStandardDeviation, sd > 0 {
      // Expected days per bin under the normal: n × binWidth × density.
      let n = Double(profitAndLoss.count)
      let samples = 160
      for s in 0...samples {
        let v = xScale.domain.0 + (xScale.domain.1 - xScale.domain.0) * Double(s) / Double(samples)
        let density = exp(-0.5 * (v / sd) * (v / sd)) / (sd * (2 * Double.pi).squareRoot())
        curve.append((v, n * binWidth * density))
      }
      tallest = max(tallest, curve.map(\.1).max() ?? 0)
    }
    let yScale = LinearScale(
      0, tallest * 1.1, range: (frame.bottom, frame.top), tickCount: 5, format: { NumberFormat.fixed($0, decimals: 0) })
    canvas.sideAxis(frame, yScale, title: "days", titleOffset: 50)
    canvas.bottomAxis(frame, xScale, title: "One-day P&L of the long book at the target positions, \(baseCurrency)")

    for (k, count) in counts.enumerated() where count > 0 {
      let lo = start + binWidth * Double(k)
      let hi = lo + binWidth
      let centre = (lo + hi) / 2
      let fill = centre < -longLoss ? ChartColour.highlight : centre > shortLoss ? ChartColour.secondary : "#9bb7d4"
      let x0 = xScale.position(lo)
      let x1 = xScale.position(hi)
      let y = yScale.position(Double(count))
      canvas.rect(
        x0 + 0.5, y, x1 - x0 - 1, frame.bottom - y, fill: fill,
        title: "\(count) day\(count == 1 ? "" : "s") from \(NumberFormat.money(lo)) to \(NumberFormat.money(hi)) "
          + baseCurrency)
    }
    if !curve.isEmpty {
      canvas.polyline(
        curve.map { (xScale.position($0.0), yScale.position($0.1)) }, stroke: "#333333", width: 1.5, dash: "5 4")
    }
    // Days beyond the drawn range, said above the edge bars that count them.
    let below = profitAndLoss.filter { $0 < start }
    let above = profitAndLoss.filter { $0 >= end }
    if !below.isEmpty {
      canvas.text(
        "incl. \(below.count) day\(below.count == 1 ? "" : "s") to \(compactNumber(below.min()!))", frame.left + 2,
        yScale.position(Double(counts[0])) - 8, size: 11, fill: ChartColour.mutedText, halo: true)
    }
    if !above.isEmpty {
      canvas.text(
        "incl. \(above.count) day\(above.count == 1 ? "" : "s") to \(compactNumber(above.max()!))", frame.right - 2,
        yScale.position(Double(counts[counts.count - 1])) - 8, size: 11, anchor: .end, fill: ChartColour.mutedText,
        halo: true)
    }
    // The two quantile lines, labelled on two rows above the plot so the labels never collide.
    let percent = NumberFormat.fixed((1 - quantile) * 100, decimals: (1 - quantile) * 100 < 1 ? 1 : 0)
    canvas.verticalMarker(
      frame, x: xScale.position(-longLoss),
      label: "long book: \(percent)% of days lose over \(NumberFormat.money(longLoss)) \(baseCurrency)",
      colour: ChartColour.highlight, labelY: frame.top - 24, side: .left)
    canvas.verticalMarker(
      frame, x: xScale.position(shortLoss),
      label: "short book: \(percent)% of days lose over \(NumberFormat.money(shortLoss)) \(baseCurrency)",
      colour: ChartColour.secondary, labelY: frame.top - 8, side: .right)
    canvas.legend(
      [
        ("daily P&L", .square(fill: "#9bb7d4")),
        (
          "beyond the long book's \(NumberFormat.fixed(quantile * 100, decimals: quantile * 100 == (quantile * 100).rounded() ? 0 : 1))% loss",
          .square(fill: ChartColour.highlight)
        ),
        ("beyond the short book's", .square(fill: ChartColour.secondary)),
      ] + (curve.isEmpty ? [] : [("normal at the expected volatility", .line(colour: "#333333", dash: "5 4"))]),
      x: left, y: frame.bottom + 66, maxWidth: frame.width)
    return canvas.rendered(
      id: id, title: "Distribution of one-day P&L",
      description:
        "Histogram of \(profitAndLoss.count) historical one-day P&L values of the target positions (long book), with "
        + "the \(quantile) quantile losses of the long and the short book marked.")
  }
}
