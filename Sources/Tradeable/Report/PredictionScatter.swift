/// Predicted against realised values, one point each, with the line where the two agree: trades a year per
/// instrument, or Sharpe ratios per strategy.
public struct PredictionScatter: Sendable {
  /// One point.
  public struct Point: Sendable {
    public var label: String
    public var predicted: Double
    public var realised: Double
    public var colour: String
    public var radius: Double
    /// Whether to write the label beside the point.
    public var labelled: Bool
    public init(label: String, predicted: Double, realised: Double, colour: String, radius: Double = 4, labelled: Bool = false) {
      self.label = label
      self.predicted = predicted
      self.realised = realised
      self.colour = colour
      self.radius = radius
      self.labelled = labelled
    }
  }

  public var title: String
  public var predictedAxis: String
  public var realisedAxis: String
  public var points: [Point]
  /// Legend entries (label, colour).
  public var legend: [(String, String)]
  public var width: Double = 960
  public var height: Double = 420
  /// Decimals of the tick labels.
  public var decimals: Int

  public init(
    title: String, predictedAxis: String, realisedAxis: String, points: [Point], legend: [(String, String)],
    decimals: Int
  ) {
    self.title = title
    self.predictedAxis = predictedAxis
    self.realisedAxis = realisedAxis
    self.points = points.filter { $0.predicted.isFinite && $0.realised.isFinite }
    self.legend = legend
    self.decimals = decimals
  }

  public func svg(id: String) -> String {
    let left = 72.0, right = 24.0
    let frame = PlotFrame(left: left, top: 30, width: width - left - right, height: height - 110)
    var canvas = SVGCanvas(width: width, height: height)
    let values = points.flatMap { [$0.predicted, $0.realised] }
    let low = min(0, values.min() ?? 0), high = max(values.max() ?? 1, low + 1e-9)
    let digits = decimals
    let x = LinearScale(low, high, range: (frame.left, frame.right), tickCount: 8, format: { NumberFormat.fixed($0, decimals: digits) })
    let y = LinearScale(low, high, range: (frame.bottom, frame.top), tickCount: 6, format: { NumberFormat.fixed($0, decimals: digits) })
    canvas.text(title, left, frame.top - 12, size: 14, weight: "600")
    canvas.sideAxis(frame, y, title: realisedAxis, titleOffset: 56)
    canvas.bottomAxis(frame, x, title: predictedAxis)
    // Where realised equals predicted.
    let lo = max(x.domain.0, y.domain.0), hi = min(x.domain.1, y.domain.1)
    canvas.line(x.position(lo), y.position(lo), x.position(hi), y.position(hi), stroke: ChartColour.axis, width: 1.2, dash: "5 4")
    for p in points {
      canvas.circle(
        x.position(p.predicted), y.position(p.realised), p.radius, fill: p.colour, opacity: p.labelled ? 0.95 : 0.55,
        title: "\(p.label): predicted \(NumberFormat.fixed(p.predicted, decimals: digits + 1)), realised "
          + "\(NumberFormat.fixed(p.realised, decimals: digits + 1))")
      if p.labelled {
        canvas.text(p.label, x.position(p.predicted) + p.radius + 4, y.position(p.realised), size: 12, fill: p.colour, middle: true, halo: true)
      }
    }
    canvas.legend(
      legend.map { ($0.0, .dot(fill: $0.1, stroke: nil, radius: 4)) } + [("realised = predicted", .line(colour: ChartColour.axis, dash: "5 4"))],
      x: left, y: frame.bottom + 58, maxWidth: frame.width)
    return canvas.rendered(
      id: id, title: title,
      description: "\(points.count) points: \(predictedAxis) across, \(realisedAxis) up; the dashed line is where they agree.")
  }
}
