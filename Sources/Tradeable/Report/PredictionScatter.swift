/// Predicted against realised values, one point each, with the line where the two agree: trades a year per
/// instrument, or Sharpe ratios per strategy.
public struct PredictionScatter: Chart {
  /// One point.
  public struct Point: Sendable {
    public var label: String
    public var predicted: Double
    public var realised: Double
    public var colour: String
    public var marker: ChartMarker
    /// Whether to write the label beside the point.
    public var labelled: Bool
    public init(
      label: String, predicted: Double, realised: Double, colour: String, marker: ChartMarker = .eligible,
      labelled: Bool = false
    ) {
      self.label = label
      self.predicted = predicted
      self.realised = realised
      self.colour = colour
      self.marker = marker
      self.labelled = labelled
    }
  }

  public var title: String
  public var predictedAxis: String
  public var realisedAxis: String
  /// Shorter title and axis titles for a narrow column (the long ones where they fit).
  public var shortTitle: String
  public var shortPredictedAxis: String
  public var shortRealisedAxis: String
  public var points: [Point]
  /// Legend entries.
  public var legend: [(String, SVGCanvas.LegendSymbol)]
  /// Decimals of the tick labels.
  public var decimals: Int

  public init(
    title: String, predictedAxis: String, realisedAxis: String, shortTitle: String? = nil,
    shortPredictedAxis: String? = nil, shortRealisedAxis: String? = nil, points: [Point],
    legend: [(String, SVGCanvas.LegendSymbol)], decimals: Int
  ) {
    self.title = title
    self.predictedAxis = predictedAxis
    self.realisedAxis = realisedAxis
    self.shortTitle = shortTitle ?? title
    self.shortPredictedAxis = shortPredictedAxis ?? predictedAxis
    self.shortRealisedAxis = shortRealisedAxis ?? realisedAxis
    self.points = points.filter { $0.predicted.isFinite && $0.realised.isFinite }
    self.legend = legend
    self.decimals = decimals
  }

  public func svg(id: String, layout: ChartLayout = .wide) -> String {
    let values = points.flatMap { [$0.predicted, $0.realised] }
    let low = min(0, values.min() ?? 0), high = max(values.max() ?? 1, low + 1e-9)
    let digits = decimals
    let format: @Sendable (Double) -> String = { NumberFormat.fixed($0, decimals: digits) }
    let y0 = LinearScale(low, high, range: (0, 1), tickCount: 6, format: format)
    let (left, titleOffset) = layout.leftMargin(tickLabels: y0.labels)
    let heading = layout.headingSize
    let side = layout.width - left - layout.right
    let frame = PlotFrame(left: left, top: heading + 20, width: side, height: layout.isNarrow ? side : 320)
    let legendRows = layout.isNarrow ? 4.0 : 2.0
    var canvas = SVGCanvas(
      layout: layout,
      height: frame.bottom + layout.labelSize + layout.titleSize + 40 + legendRows * (layout.labelSize + 8))
    let x = LinearScale(low, high, range: (frame.left, frame.right), tickCount: layout.isNarrow ? 4 : 8, format: format)
    let y = LinearScale(low, high, range: (frame.bottom, frame.top), tickCount: 6, format: format)
    canvas.text(
      layout.fitted(title, shortTitle, available: layout.width - left - 4, size: heading), left, frame.top - 12,
      size: heading, weight: "600")
    canvas.sideAxis(
      frame, y, title: layout.fitted(realisedAxis, shortRealisedAxis, available: frame.height, size: layout.titleSize),
      titleOffset: titleOffset)
    canvas.bottomAxis(
      frame, x,
      title: layout.fitted(predictedAxis, shortPredictedAxis, available: frame.width, size: layout.titleSize))
    // Where realised equals predicted.
    let lo = max(x.domain.0, y.domain.0), hi = min(x.domain.1, y.domain.1)
    canvas.line(
      x.position(lo), y.position(lo), x.position(hi), y.position(hi), stroke: ChartColour.axis, width: 1.2, dash: "5 4")
    for p in points {
      canvas.marker(
        p.marker, x.position(p.predicted), y.position(p.realised), colour: p.colour,
        title: "\(p.label): predicted \(NumberFormat.fixed(p.predicted, decimals: digits + 1)), realised "
          + "\(NumberFormat.fixed(p.realised, decimals: digits + 1))")
      if p.labelled {
        canvas.text(
          p.label, x.position(p.predicted) + p.marker.size + 4, y.position(p.realised), size: layout.labelSize,
          fill: p.colour, middle: true, halo: true)
      }
    }
    canvas.legend(
      legend + [("realised = predicted", .line(colour: ChartColour.axis, dash: "5 4"))], x: left,
      y: frame.bottom + layout.labelSize + layout.titleSize + 34, maxWidth: frame.width)
    return canvas.rendered(
      id: id, title: title,
      description: "\(points.count) points: \(predictedAxis) across, \(realisedAxis) up; the dashed line is where they "
        + "agree.")
  }
}
