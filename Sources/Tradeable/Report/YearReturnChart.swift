/// Each calendar year's return of several strategies side by side (grouped bars), with the random baseline's band as
/// a whisker over its median bar.
public struct YearReturnChart: Chart {
  /// One strategy's bars.
  public struct Series: Sendable {
    public var name: String
    public var colour: String
    /// Return of each year (same order as `years`), a fraction of capital.
    public var values: [Double]
    /// Lower and upper whisker of each year, when the series is a median.
    public var whiskers: [(Double, Double)]?
    public init(name: String, colour: String, values: [Double], whiskers: [(Double, Double)]? = nil) {
      self.name = name
      self.colour = colour
      self.values = values
      self.whiskers = whiskers
    }
  }

  public var years: [Int]
  public var series: [Series]

  public init(years: [Int], series: [Series]) {
    self.years = years
    self.series = series
  }

  public func svg(id: String = "chart-years", layout: ChartLayout = .wide) -> String {
    let all = series.flatMap { $0.values + ($0.whiskers?.flatMap { [$0.0, $0.1] } ?? []) }.filter(\.isFinite)
    let y0 = LinearScale(
      min(0, all.min() ?? 0), max(0, all.max() ?? 0), range: (0, 1), tickCount: layout.isNarrow ? 4 : 6,
      format: { NumberFormat.percent($0, decimals: 0) })
    let (left, titleOffset) = layout.leftMargin(tickLabels: y0.labels)
    let heading = layout.headingSize
    let frame = PlotFrame(
      left: left, top: heading + 20, width: layout.width - left - layout.right, height: layout.isNarrow ? 180 : 260)
    let legendRows = layout.isNarrow ? 4.0 : 2.0
    var canvas = SVGCanvas(layout: layout, height: frame.bottom + layout.labelSize + 24 + legendRows * (layout.labelSize + 8))
    let y = LinearScale(
      y0.domain.0, y0.domain.1, range: (frame.bottom, frame.top), tickCount: layout.isNarrow ? 4 : 6,
      format: { NumberFormat.percent($0, decimals: 0) })
    canvas.text("Return of each calendar year", left, frame.top - 12, size: heading, weight: "600")
    canvas.sideAxis(frame, y, title: layout.isNarrow ? nil : "sum of daily returns", titleOffset: titleOffset)
    canvas.line(frame.left, frame.bottom, frame.right, frame.bottom, stroke: ChartColour.axis)
    let slot = frame.width / Double(max(years.count, 1))
    let bar = slot * 0.8 / Double(max(series.count, 1))
    let zero = y.position(0)
    // Year labels: every k-th when they would touch ("2011" is four digits wide).
    let labelWidth = SVGCanvas.textWidth("2000", size: layout.labelSize) + layout.labelSize * 0.6
    let every = max(1, Int((labelWidth / slot).rounded(.up)))
    for (k, year) in years.enumerated() {
      let x0 = frame.left + Double(k) * slot + slot * 0.1
      if k % every == 0 {
        canvas.text(
          String(year), frame.left + (Double(k) + 0.5) * slot, frame.bottom + layout.labelSize + 7,
          size: layout.labelSize, anchor: .middle, fill: ChartColour.mutedText)
      }
      for (s, item) in series.enumerated() {
        let value = item.values[k]
        guard value.isFinite else { continue }
        let top = y.position(value)
        canvas.rect(
          x0 + Double(s) * bar, min(top, zero), bar * 0.92, abs(zero - top), fill: item.colour,
          title: "\(year) \(item.name): \(NumberFormat.percent(value))")
        if let (low, high) = item.whiskers?[k], low.isFinite, high.isFinite {
          let cx = x0 + (Double(s) + 0.46) * bar
          let cap = min(3, bar * 0.4)
          canvas.line(cx, y.position(low), cx, y.position(high), stroke: ChartColour.marker, width: 1.2)
          canvas.line(cx - cap, y.position(low), cx + cap, y.position(low), stroke: ChartColour.marker, width: 1.2)
          canvas.line(cx - cap, y.position(high), cx + cap, y.position(high), stroke: ChartColour.marker, width: 1.2)
        }
      }
    }
    canvas.line(frame.left, zero, frame.right, zero, stroke: ChartColour.axis)
    canvas.legend(
      series.map { ($0.name, .square(fill: $0.colour)) }, x: left, y: frame.bottom + layout.labelSize + 24,
      maxWidth: frame.width)
    return canvas.rendered(
      id: id, title: "Return of each calendar year",
      description: "Sum of daily returns of each calendar year "
        + (years.first.map { "from \($0) to \(years.last!)" } ?? "") + " for "
        + series.map(\.name).joined(separator: ", ") + ".")
  }
}
