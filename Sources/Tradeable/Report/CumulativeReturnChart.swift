/// Cumulative return of each strategy of a walk-forward over the account's days (the running sum of daily returns on
/// fixed capital, so a fall of 10 points is 10% of the capital at any time), with the random baseline's median as a
/// dashed line and its percentile band shaded.
public struct CumulativeReturnChart: Chart {
  /// One strategy's line.
  public struct Series: Sendable {
    public var name: String
    public var colour: String
    public var dash: String?
    /// Cumulative return on each day, a fraction of capital.
    public var values: [Double]
    public init(name: String, colour: String, dash: String? = nil, values: [Double]) {
      self.name = name
      self.colour = colour
      self.dash = dash
      self.values = values
    }
  }

  /// The random baseline's band: its lower and upper edge on each day, and its label.
  public struct Band: Sendable {
    public var lower: [Double]
    public var upper: [Double]
    public var label: String
    public init(lower: [Double], upper: [Double], label: String) {
      self.lower = lower
      self.upper = upper
      self.label = label
    }
  }

  public var days: [CalendarDay]
  public var series: [Series]
  public var band: Band?
  /// Rebalance dates, drawn as faint vertical lines.
  public var rebalanceDates: [CalendarDay]

  public init(days: [CalendarDay], series: [Series], band: Band?, rebalanceDates: [CalendarDay]) {
    self.days = days
    self.series = series
    self.band = band
    self.rebalanceDates = rebalanceDates
  }

  /// At most `limit` day indices: every k-th day and the last, so a twenty-year chart stays a few kilobytes.
  func sampled(_ limit: Int) -> [Int] {
    let n = days.count
    guard n > limit else { return Array(0..<n) }
    let step = (n + limit - 1) / limit
    var out = Array(stride(from: 0, to: n, by: step))
    if out.last != n - 1 { out.append(n - 1) }
    return out
  }

  public func svg(id: String = "chart-cumulative", layout: ChartLayout = .wide) -> String {
    let all = (series.flatMap(\.values) + (band.map { $0.lower + $0.upper } ?? [])).filter(\.isFinite)
    let y0 = LinearScale(
      min(0, all.min() ?? 0), max(0, all.max() ?? 0), range: (0, 1), tickCount: layout.isNarrow ? 4 : 6,
      format: { NumberFormat.percent($0, decimals: 0) })
    let (left, titleOffset) = layout.leftMargin(tickLabels: y0.labels)
    let heading = layout.headingSize
    let frame = PlotFrame(
      left: left, top: heading + 20, width: layout.width - left - layout.right, height: layout.isNarrow ? 200 : 320)
    let legendRows = layout.isNarrow ? 4.0 : 2.0
    var canvas = SVGCanvas(layout: layout, height: frame.bottom + layout.labelSize + 24 + legendRows * (layout.labelSize + 8))
    guard let first = days.first, let last = days.last else {
      return canvas.rendered(id: id, title: "Cumulative return", description: "No account day.")
    }
    let y = LinearScale(
      y0.domain.0, y0.domain.1, range: (frame.bottom, frame.top), tickCount: layout.isNarrow ? 4 : 6,
      format: { NumberFormat.percent($0, decimals: 0) })
    let x = YearScale(from: first, to: last, range: (frame.left, frame.right))
    canvas.text(
      layout.isNarrow ? "Cumulative return" : "Cumulative return, % of capital", left, frame.top - 12, size: heading,
      weight: "600")
    canvas.sideAxis(frame, y, title: layout.isNarrow ? nil : "sum of daily returns", titleOffset: titleOffset)
    canvas.bottomAxis(frame, x, title: nil)
    for date in rebalanceDates {
      canvas.line(x.position(date), frame.top, x.position(date), frame.bottom, stroke: ChartColour.minorGrid)
    }
    canvas.line(frame.left, y.position(0), frame.right, y.position(0), stroke: ChartColour.axis)
    let points = sampled(layout.isNarrow ? 240 : 480)
    if let band {
      let upper = points.map { (x.position(days[$0]), y.position(band.upper[$0])) }
      let lower = points.reversed().map { (x.position(days[$0]), y.position(band.lower[$0])) }
      canvas.polygon(upper + lower, fill: ChartColour.unaffordableRegion, opacity: 0.9)
    }
    for s in series {
      canvas.polyline(
        points.map { (x.position(days[$0]), y.position(s.values[$0])) }, stroke: s.colour, width: 2, dash: s.dash)
    }
    var legend = series.map {
      ($0.name + " " + NumberFormat.percent($0.values.last, decimals: 0), SVGCanvas.LegendSymbol.line(colour: $0.colour, dash: $0.dash))
    }
    if let band { legend.append((band.label, .square(fill: ChartColour.unaffordableRegion))) }
    canvas.legend(legend, x: left, y: frame.bottom + layout.labelSize + 24, maxWidth: frame.width)
    return canvas.rendered(
      id: id, title: "Cumulative return of each strategy",
      description: "Running sum of daily returns on fixed capital from \(first) to \(last) for "
        + series.map(\.name).joined(separator: ", ") + (band.map { ", with \($0.label)" } ?? "") + ".")
  }
}
