/// How the best universe grows with capital: the expected Sharpe ratio and the number of instruments selected at each
/// capital of a sweep, on a shared logarithmic capital axis, with the report's capital marked.
public struct SweepChart: Chart {
  /// One capital of the sweep.
  public struct Point: Sendable {
    public var capital: Double
    public var instruments: Int
    /// `nil` when nothing is selected.
    public var sharpe: Double?
    public init(capital: Double, instruments: Int, sharpe: Double?) {
      self.capital = capital
      self.instruments = instruments
      self.sharpe = sharpe
    }
  }

  public var points: [Point]
  /// The capital to mark (the report's), if any.
  public var marked: Double?
  public var baseCurrency: String

  public init(points: [Point], marked: Double?, baseCurrency: String) {
    self.points = points.sorted { $0.capital < $1.capital }
    self.marked = marked
    self.baseCurrency = baseCurrency
  }

  public func svg(id: String = "chart-sweep", layout: ChartLayout = .wide) -> String {
    let sharpes = points.compactMap(\.sharpe)
    let sharpeScale0 = LinearScale(min(0, sharpes.min() ?? 0), (sharpes.max() ?? 1) * 1.08, range: (0, 1), tickCount: 5)
    let most = points.map(\.instruments).max() ?? 1
    let (left, titleOffset) = layout.leftMargin(
      tickLabels: sharpeScale0.labels + [NumberFormat.fixed(Double(most) * 1.08, decimals: 0)])
    let plotWidth = layout.width - left - layout.right
    let heading = layout.headingSize
    let sharpeFrame = PlotFrame(left: left, top: heading + 20, width: plotWidth, height: layout.isNarrow ? 160 : 200)
    let countFrame = PlotFrame(
      left: left, top: sharpeFrame.bottom + layout.labelSize + heading + 40, width: plotWidth,
      height: layout.isNarrow ? 130 : 170)
    var canvas = SVGCanvas(layout: layout, height: countFrame.bottom + layout.labelSize + layout.titleSize + 26)
    let capitals = points.map(\.capital) + (marked.map { [$0] } ?? [])
    let lo = capitals.min() ?? 1
    let hi = capitals.max() ?? 10
    let xScale = LogScale(lo / 1.12, hi * 1.12, range: (left, left + plotWidth), wholeDecades: false)

    // Sharpe against capital.
    let sharpeScale = LinearScale(
      min(0, sharpes.min() ?? 0), (sharpes.max() ?? 1) * 1.08, range: (sharpeFrame.bottom, sharpeFrame.top),
      tickCount: 5)
    canvas.text("Expected Sharpe ratio of the selection", left, sharpeFrame.top - 12, size: heading, weight: "600")
    canvas.sideAxis(sharpeFrame, sharpeScale, title: "Sharpe ratio", titleOffset: titleOffset)
    canvas.bottomAxis(sharpeFrame, xScale, title: nil, grid: true, labels: true)
    var segment: [(Double, Double)] = []
    for p in points {
      if let s = p.sharpe {
        segment.append((xScale.position(p.capital), sharpeScale.position(s)))
      } else {
        canvas.polyline(segment, stroke: ChartColour.primary, width: 2)
        segment = []
      }
    }
    canvas.polyline(segment, stroke: ChartColour.primary, width: 2)
    for p in points {
      guard let s = p.sharpe else { continue }
      canvas.marker(
        .series, xScale.position(p.capital), sharpeScale.position(s), colour: ChartColour.primary,
        title: "\(NumberFormat.money(p.capital)) \(baseCurrency): Sharpe \(NumberFormat.fixed(s, decimals: 4)), "
          + "\(p.instruments) instruments")
    }

    // Number of instruments against capital.
    let fine = LinearScale(
      0, Double(max(most, 1)) * 1.08, range: (countFrame.bottom, countFrame.top), tickCount: 5,
      format: { NumberFormat.fixed($0, decimals: 0) })
    // Counts are whole numbers: never a tick between them.
    let countScale =
      fine.step >= 1
      ? fine
      : LinearScale(
        0, Double(max(most, 1)), range: (countFrame.bottom, countFrame.top), tickCount: max(most, 1),
        format: { NumberFormat.fixed($0, decimals: 0) })
    canvas.text("Instruments selected", left, countFrame.top - 12, size: heading, weight: "600")
    canvas.sideAxis(countFrame, countScale, title: "instruments", titleOffset: titleOffset)
    canvas.bottomAxis(
      countFrame, xScale,
      title: layout.fitted(
        "Capital, \(baseCurrency) (logarithmic scale)", "Capital, \(baseCurrency) (log scale)", available: plotWidth,
        size: layout.titleSize), grid: true)
    let countPoints = points.map { (xScale.position($0.capital), countScale.position(Double($0.instruments))) }
    canvas.polyline(countPoints, stroke: ChartColour.secondary, width: 2)
    for (p, point) in zip(points, countPoints) {
      canvas.marker(
        .secondSeries, point.0, point.1, colour: ChartColour.secondary,
        title: "\(NumberFormat.money(p.capital)) \(baseCurrency): \(p.instruments) instruments")
    }

    if let marked {
      let label = "\(NumberFormat.money(marked)) \(baseCurrency)"
      canvas.verticalMarker(sharpeFrame, x: xScale.position(marked), label: label)
      canvas.verticalMarker(countFrame, x: xScale.position(marked), label: nil)
    }
    return canvas.rendered(
      id: id, title: "Sharpe ratio and number of instruments against capital",
      description: "Selections at \(points.count) capitals from \(NumberFormat.money(lo)) to \(NumberFormat.money(hi)) "
        + "\(baseCurrency), logarithmic capital axis: the expected Sharpe ratio (top) and the number of instruments "
        + "selected (bottom).")
  }
}
