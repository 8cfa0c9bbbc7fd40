/// How the best universe grows with capital: the expected Sharpe ratio and the number of instruments selected at each
/// capital of a sweep, on a shared logarithmic capital axis, with the report's capital marked.
public struct SweepChart: Sendable {
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
  public var width: Double = 960

  public init(points: [Point], marked: Double?, baseCurrency: String) {
    self.points = points.sorted { $0.capital < $1.capital }
    self.marked = marked
    self.baseCurrency = baseCurrency
  }

  public func svg(id: String = "chart-sweep") -> String {
    let left = 84.0
    let right = 24.0
    let plotWidth = width - left - right
    let sharpeFrame = PlotFrame(left: left, top: 34, width: plotWidth, height: 200)
    let countFrame = PlotFrame(left: left, top: sharpeFrame.bottom + 64, width: plotWidth, height: 170)
    var canvas = SVGCanvas(width: width, height: countFrame.bottom + 56)
    let capitals = points.map(\.capital) + (marked.map { [$0] } ?? [])
    let lo = capitals.min() ?? 1
    let hi = capitals.max() ?? 10
    let xScale = LogScale(lo / 1.12, hi * 1.12, range: (left, left + plotWidth), wholeDecades: false)

    // Sharpe against capital.
    let sharpes = points.compactMap(\.sharpe)
    let sharpeScale = LinearScale(
      min(0, sharpes.min() ?? 0), (sharpes.max() ?? 1) * 1.08, range: (sharpeFrame.bottom, sharpeFrame.top),
      tickCount: 5)
    canvas.text("Expected Sharpe ratio of the selection", left, sharpeFrame.top - 12, size: 14, weight: "600")
    canvas.sideAxis(sharpeFrame, sharpeScale, title: "Sharpe ratio", titleOffset: 56)
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
      canvas.circle(
        xScale.position(p.capital), sharpeScale.position(s), 3.5, fill: ChartColour.primary,
        title: "\(NumberFormat.money(p.capital)) \(baseCurrency): Sharpe \(NumberFormat.fixed(s, decimals: 4)), "
          + "\(p.instruments) instruments")
    }

    // Number of instruments against capital.
    let most = points.map(\.instruments).max() ?? 1
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
    canvas.text("Instruments selected", left, countFrame.top - 12, size: 14, weight: "600")
    canvas.sideAxis(countFrame, countScale, title: "instruments", titleOffset: 56)
    canvas.bottomAxis(countFrame, xScale, title: "Capital, \(baseCurrency) (logarithmic scale)", grid: true)
    let countPoints = points.map { (xScale.position($0.capital), countScale.position(Double($0.instruments))) }
    canvas.polyline(countPoints, stroke: ChartColour.secondary, width: 2)
    for (p, point) in zip(points, countPoints) {
      canvas.circle(
        point.0, point.1, 3.5, fill: ChartColour.secondary,
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
