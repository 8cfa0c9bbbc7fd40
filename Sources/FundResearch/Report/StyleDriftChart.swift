import Tradeable

/// Style drift: a product's rolling style weights (`RollingStyleAnalysis`) as stacked areas over time, one colour per
/// factor in the factors' order (ChartColour's palette), 0 to 100% on the vertical axis, month ends on the horizontal
/// one. Windows without weights (too few returns) leave a gap.
public struct StyleDriftChart: Chart {
  public var code: String
  public var factors: [String]
  /// Month end and weights (one per factor) of each window with weights, in date order; `nil` weights for a window
  /// without.
  public var points: [(monthEnd: CalendarDay, weights: [Double]?)]

  public init(code: String, factors: [String], points: [(monthEnd: CalendarDay, weights: [Double]?)]) {
    self.code = code
    self.factors = factors
    self.points = points
  }

  public init(code: String, rolling: RollingStyleAnalysis) {
    self.init(
      code: code, factors: rolling.factors, points: rolling.windows.map { ($0.monthEnd, $0.analysis?.weights) })
  }

  /// The fill of factor `k`.
  static func colour(_ k: Int) -> String {
    k < ChartColour.palette.count ? ChartColour.palette[k] : ChartColour.otherClass
  }

  public func svg(id: String = "chart-style-drift", layout: ChartLayout = .wide) -> String {
    let percent = LinearScale(0, 1, range: (0, 1), tickCount: 4, format: { NumberFormat.percent($0, decimals: 0) })
    let (left, titleOffset) = layout.leftMargin(tickLabels: percent.labels)
    let plotWidth = layout.width - left - layout.right
    let heading = layout.headingSize
    let frame = PlotFrame(left: left, top: heading + 20, width: plotWidth, height: layout.isNarrow ? 180 : 240)
    // The legend below the axis: measure its height on a scratch canvas first.
    let legend = factors.enumerated().map { ($1, SVGCanvas.LegendSymbol.square(fill: Self.colour($0))) }
    var scratch = SVGCanvas(layout: layout, height: 100)
    let legendHeight = scratch.legend(legend, x: left, y: 0, maxWidth: plotWidth)
    let legendTop = frame.bottom + layout.labelSize + layout.titleSize + 30
    var canvas = SVGCanvas(layout: layout, height: legendTop + legendHeight + 8)
    canvas.text(
      layout.isNarrow ? "\(code): style weights" : "\(code): style weights over rolling windows", left,
      frame.top - 12, size: heading, weight: "600")
    let months = points.map { Double($0.monthEnd.monthNumber) }
    let xScale = MonthScale(
      firstMonth: Int(months.first ?? 0), lastMonth: Int(months.last ?? 1), range: (frame.left, frame.right),
      maxLabels: layout.isNarrow ? 5 : 12)
    let yScale = LinearScale(
      0, 1, range: (frame.bottom, frame.top), tickCount: 4, format: { NumberFormat.percent($0, decimals: 0) })
    canvas.sideAxis(frame, yScale, title: "Weight", titleOffset: titleOffset)
    canvas.bottomAxis(frame, xScale, title: "Window ending (month end)", grid: true)

    // Contiguous runs of windows with weights, each drawn as one polygon per factor between the cumulative sums.
    var runs: [[(x: Double, weights: [Double])]] = [[]]
    for (k, p) in points.enumerated() {
      if let w = p.weights {
        runs[runs.count - 1].append((xScale.position(months[k]), w))
      } else if !runs[runs.count - 1].isEmpty {
        runs.append([])
      }
    }
    for run in runs where !run.isEmpty {
      // A single window is drawn as a narrow column.
      let drawn = run.count == 1 ? [(run[0].x - 2, run[0].weights), (run[0].x + 2, run[0].weights)] : run
      var lower = [Double](repeating: 0, count: drawn.count)
      for f in factors.indices {
        let upper = drawn.indices.map { lower[$0] + drawn[$0].1[f] }
        var polygon: [(Double, Double)] = drawn.indices.map { (drawn[$0].0, yScale.position(min(upper[$0], 1))) }
        polygon += drawn.indices.reversed().map { (drawn[$0].0, yScale.position(min(lower[$0], 1))) }
        if upper.indices.contains(where: { upper[$0] - lower[$0] > 0 }) {
          canvas.polygon(polygon, fill: Self.colour(f))
        }
        lower = upper
      }
    }
    // Each band named at the right end where it is tall enough, so the chart does not rely on colour alone.
    if let last = runs.last(where: { !$0.isEmpty })?.last, last.x >= frame.right - 1 {
      var lower = 0.0
      for (f, name) in factors.enumerated() {
        let upper = lower + last.weights[f]
        let height = yScale.position(lower) - yScale.position(upper)
        if height >= layout.labelSize + 4 {
          canvas.text(
            name, frame.right - 6, yScale.position((lower + upper) / 2), size: layout.labelSize, anchor: .end,
            fill: ChartColour.text, middle: true, halo: true)
        }
        lower = upper
      }
    }
    canvas.legend(legend, x: left, y: legendTop, maxWidth: plotWidth)
    let span = points.first.map { "\($0.monthEnd) to \(points[points.count - 1].monthEnd)" } ?? "no window"
    return canvas.rendered(
      id: id, title: "\(code): rolling style weights",
      description: "Stacked style weights of \(code) on \(factors.joined(separator: ", ")) for the windows ending \(span).")
  }
}
