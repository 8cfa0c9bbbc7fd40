#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The distribution of the portfolio's historical one-day P&L as a histogram, with the loss quantiles of the long
/// and the short book marked and the days beyond them coloured, and the normal density at the expected volatility
/// dashed for comparison (fat tails show as bars beyond it). No label is drawn over the bars or the lines: the
/// quantile lines are labelled above the plot, and the days beyond the drawn range, which the two edge bars also
/// count, are told by those bars' tooltips and by `tailNote`.
public struct LossHistogram: Chart {
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

  /// The bins drawn: their start, width and counts (`bins` over `drawnRange`).
  public var drawnBins: (start: Double, width: Double, counts: [Int]) {
    Self.bins(profitAndLoss, range: Self.drawnRange(profitAndLoss, longLoss: longLoss, shortLoss: shortLoss), target: 50)
  }

  /// Days beyond the drawn range, which the first and the last bar count too: how many, and the most extreme.
  public var tails: (below: (count: Int, lowest: Double?), above: (count: Int, highest: Double?)) {
    let (start, width, counts) = drawnBins
    let end = start + width * Double(counts.count)
    let below = profitAndLoss.filter { $0 < start }
    let above = profitAndLoss.filter { $0 >= end }
    return ((below.count, below.min()), (above.count, above.max()))
  }

  /// A sentence on the open-ended edge bars, for the chart's caption (`nil` when no day lies beyond the range).
  public var tailNote: String? {
    let (start, width, counts) = drawnBins
    let (below, above) = tails
    var parts: [String] = []
    func days(_ n: Int) -> String { "\(n) day\(n == 1 ? "" : "s")" }
    if let lowest = below.lowest {
      parts.append(
        "the first bar also counts the \(days(below.count)) below \(NumberFormat.money(start)) "
          + "(down to \(NumberFormat.money(lowest)))")
    }
    if let highest = above.highest {
      parts.append(
        "the last bar also counts the \(days(above.count)) above \(NumberFormat.money(start + width * Double(counts.count))) "
          + "(up to \(NumberFormat.money(highest)))")
    }
    guard !parts.isEmpty else { return nil }
    let sentence = parts.joined(separator: "; ") + " \(baseCurrency)."
    return sentence.prefix(1).uppercased() + sentence.dropFirst()
  }

  public func svg(id: String = "chart-loss-histogram", layout: ChartLayout = .wide) -> String {
    let size = layout.labelSize
    let (start, binWidth, counts) = drawnBins
    let end = start + binWidth * Double(counts.count)
    var tallest = Double(counts.max() ?? 1)
    let n = Double(profitAndLoss.count)
    var curveValues: [(Double, Double)] = []
    if let sd = normalStandardDeviation, sd > 0 {
      // Expected days per bin under the normal: n × binWidth × density.
      let samples = 160
      for s in 0...samples {
        let v = start + (end - start) * Double(s) / Double(samples)
        let density = exp(-0.5 * (v / sd) * (v / sd)) / (sd * (2 * Double.pi).squareRoot())
        curveValues.append((v, n * binWidth * density))
      }
      tallest = max(tallest, curveValues.map(\.1).max() ?? 0)
    }
    let countFormat: @Sendable (Double) -> String = { NumberFormat.fixed($0, decimals: 0) }
    let (left, titleOffset) = layout.leftMargin(
      tickLabels: LinearScale(0, tallest * 1.1, range: (0, 1), tickCount: 5, format: countFormat).labels)
    // Two rows of quantile labels above the plot.
    let frame = PlotFrame(
      left: left, top: 2 * (size + 6) + 12, width: layout.width - left - layout.right, height: layout.isNarrow ? 220 : 300)
    let legendX = layout.isNarrow ? 4 : left
    let legendWidth = layout.isNarrow ? layout.width - 8 : frame.width
    let percentText = NumberFormat.fixed(quantile * 100, decimals: quantile * 100 == (quantile * 100).rounded() ? 0 : 1)
    let legendEntries: [(String, SVGCanvas.LegendSymbol)] =
      [
        ("daily P&L", .square(fill: ChartColour.primaryLight)),
        ("beyond the long book's \(percentText)% loss", .square(fill: ChartColour.highlight)),
        ("beyond the short book's", .square(fill: ChartColour.highlightOther)),
      ] + (curveValues.isEmpty ? [] : [("normal at the expected volatility", .line(colour: "#333333", dash: "5 4"))])
    var scratch = SVGCanvas(layout: layout, height: 100)
    let legendHeight = scratch.legend(legendEntries, x: legendX, y: 0, maxWidth: legendWidth)
    let legendTop = frame.bottom + size + layout.titleSize + 30
    var canvas = SVGCanvas(layout: layout, height: legendTop + legendHeight)
    let xScale = LinearScale(
      start, end, range: (frame.left, frame.right), tickCount: layout.isNarrow ? 4 : 8, nice: false,
      format: { compactNumber($0) })
    let yScale = LinearScale(
      0, tallest * 1.1, range: (frame.bottom, frame.top), tickCount: 5, format: countFormat)
    canvas.sideAxis(frame, yScale, title: "days", titleOffset: titleOffset)
    canvas.bottomAxis(
      frame, xScale,
      title: layout.fitted(
        "One-day P&L of the long book at the target positions, \(baseCurrency)", "One-day P&L, long book, \(baseCurrency)",
        available: frame.width, size: layout.titleSize))

    let (below, above) = tails
    for (k, count) in counts.enumerated() where count > 0 {
      let lo = start + binWidth * Double(k)
      let hi = lo + binWidth
      let centre = (lo + hi) / 2
      let fill =
        centre < -longLoss ? ChartColour.highlight : centre > shortLoss ? ChartColour.highlightOther : ChartColour.primaryLight
      let x0 = xScale.position(lo)
      let x1 = xScale.position(hi)
      let y = yScale.position(Double(count))
      // An edge bar's range is open when it also counts days beyond the drawn range: its tooltip gives the true one.
      let low = k == 0 ? (below.lowest ?? lo) : lo
      let high = k == counts.count - 1 ? (above.highest ?? hi) : hi
      var title =
        "\(count) day\(count == 1 ? "" : "s") from \(NumberFormat.money(low)) to \(NumberFormat.money(high)) "
        + baseCurrency
      if k == 0, below.count > 0 {
        title += " (the first bar: every day below \(NumberFormat.money(hi)))"
      } else if k == counts.count - 1, above.count > 0 {
        title += " (the last bar: every day from \(NumberFormat.money(lo)) up)"
      }
      canvas.rect(x0 + 0.5, y, x1 - x0 - 1, frame.bottom - y, fill: fill, title: title)
    }
    if !curveValues.isEmpty {
      canvas.polyline(
        curveValues.map { (xScale.position($0.0), yScale.position($0.1)) }, stroke: "#333333", width: 1.5, dash: "5 4")
    }
    // The two quantile lines, labelled on two rows above the plot so the labels never collide or cover a bar.
    let percent = NumberFormat.fixed((1 - quantile) * 100, decimals: (1 - quantile) * 100 < 1 ? 1 : 0)
    func label(_ book: String, _ loss: Double) -> String {
      layout.fitted(
        "\(book) book: \(percent)% of days lose over \(NumberFormat.money(loss)) \(baseCurrency)",
        "\(book): \(percent)% of days lose > \(NumberFormat.money(loss))", available: layout.width - 8, size: size)
    }
    canvas.verticalMarker(
      frame, x: xScale.position(-longLoss), label: label("long", longLoss), colour: ChartColour.highlight,
      labelY: frame.top - size - 14, side: .left)
    canvas.verticalMarker(
      frame, x: xScale.position(shortLoss), label: label("short", shortLoss), colour: ChartColour.highlightOther,
      labelY: frame.top - 8, side: .right)
    canvas.legend(legendEntries, x: legendX, y: legendTop + canvas.legendRowHeight / 2, maxWidth: legendWidth)
    return canvas.rendered(
      id: id, title: "Distribution of one-day P&L",
      description:
        "Histogram of \(profitAndLoss.count) historical one-day P&L values of the target positions (long book), with "
        + "the \(quantile) quantile losses of the long and the short book marked.")
  }
}
