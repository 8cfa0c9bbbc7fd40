#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The greedy path as three stacked panels sharing one axis of steps: the expected Sharpe ratio after each step, the
/// diversification multiplier (with its cap), and the capital the set needs (with the capital available), so a reader
/// sees both what each instrument added and why the path stopped.
public struct GreedyPathChart: Sendable {
  /// One step: the instrument added and the portfolio after it.
  public struct Step: Sendable {
    public var code: String
    public var sharpe: Double
    public var idm: Double
    public var capitalNeeded: Double
    public init(code: String, sharpe: Double, idm: Double, capitalNeeded: Double) {
      self.code = code
      self.sharpe = sharpe
      self.idm = idm
      self.capitalNeeded = capitalNeeded
    }
  }

  public var steps: [Step]
  public var idmCap: Double
  public var capital: Double
  public var baseCurrency: String
  public var width: Double = 960

  public init(steps: [Step], idmCap: Double, capital: Double, baseCurrency: String) {
    self.steps = steps
    self.idmCap = idmCap
    self.capital = capital
    self.baseCurrency = baseCurrency
  }

  /// The chart as inline SVG.
  public func svg(id: String = "chart-greedy-path") -> String {
    let n = steps.count
    let left = 84.0
    let right = 24.0
    let plotWidth = width - left - right
    let band = plotWidth / Double(max(n, 1))
    let labelSize = band >= 16 ? 12.0 : 10.0
    let every = max(1, Int((13 / band).rounded(.up)))  // label every k-th step when they would crowd
    let longest =
      steps.enumerated().map { SVGCanvas.textWidth("\($0.offset + 1) \($0.element.code)", size: labelSize) }
      .max() ?? 0
    let angle = 40.0
    let labelHeight = longest * sin(angle * .pi / 180) + 24

    let sharpeFrame = PlotFrame(left: left, top: 34, width: plotWidth, height: 190)
    let idmFrame = PlotFrame(left: left, top: sharpeFrame.bottom + 44, width: plotWidth, height: 120)
    let capitalFrame = PlotFrame(left: left, top: idmFrame.bottom + 44, width: plotWidth, height: 140)
    var canvas = SVGCanvas(width: width, height: capitalFrame.bottom + labelHeight + 30)
    func x(_ k: Int) -> Double { left + band * (Double(k) + 0.5) }
    let valueLabels = n <= 24

    // Sharpe.
    let sharpeMax = steps.map(\.sharpe).max() ?? 1
    let sharpeMin = min(0, steps.map(\.sharpe).min() ?? 0)
    let sharpeScale = LinearScale(
      sharpeMin, sharpeMax * 1.08, range: (sharpeFrame.bottom, sharpeFrame.top), tickCount: 5)
    panelTitle(&canvas, sharpeFrame, "Expected Sharpe ratio after each step")
    canvas.sideAxis(sharpeFrame, sharpeScale, title: "Sharpe ratio", titleOffset: 56)
    stepGrid(&canvas, sharpeFrame, n: n, x: x)
    let sharpePoints = steps.enumerated().map { (x($0.offset), sharpeScale.position($0.element.sharpe)) }
    canvas.polyline(sharpePoints, stroke: ChartColour.primary, width: 2)
    for (k, point) in sharpePoints.enumerated() {
      canvas.circle(
        point.0, point.1, 4, fill: ChartColour.primary,
        title: "Step \(k + 1), \(steps[k].code): Sharpe \(NumberFormat.fixed(steps[k].sharpe, decimals: 4))")
      if valueLabels {
        canvas.text(
          NumberFormat.fixed(steps[k].sharpe, decimals: 2), point.0, point.1 - 9, size: 11, anchor: .middle,
          fill: ChartColour.primary)
      }
    }

    // IDM, with its cap.
    let idmMax = max(idmCap, steps.map(\.idm).max() ?? 1)
    // Head room above the cap, so its label clears the panel title.
    let idmScale = LinearScale(1, idmMax + (idmMax - 1) * 0.2, range: (idmFrame.bottom, idmFrame.top), tickCount: 3)
    panelTitle(&canvas, idmFrame, "Instrument diversification multiplier (IDM)")
    canvas.sideAxis(idmFrame, idmScale, title: "IDM", titleOffset: 56)
    stepGrid(&canvas, idmFrame, n: n, x: x)
    canvas.horizontalMarker(
      idmFrame, y: idmScale.position(idmCap), label: "cap \(NumberFormat.fixed(idmCap, decimals: 2))",
      colour: ChartColour.threshold, labelAtLeft: true)
    let idmPoints = steps.enumerated().map { (x($0.offset), idmScale.position($0.element.idm)) }
    canvas.polyline(idmPoints, stroke: ChartColour.secondary, width: 2)
    for (k, point) in idmPoints.enumerated() {
      canvas.circle(
        point.0, point.1, 4, fill: ChartColour.secondary,
        title: "Step \(k + 1), \(steps[k].code): IDM \(NumberFormat.fixed(steps[k].idm, decimals: 3))")
    }

    // Capital the set needs, against the capital available.
    let capitalMax = max(capital, steps.map(\.capitalNeeded).max() ?? capital)
    let capitalScale = LinearScale(
      0, capitalMax * 1.05, range: (capitalFrame.bottom, capitalFrame.top), tickCount: 4, format: { compactNumber($0) })
    panelTitle(&canvas, capitalFrame, "Capital the set needs, \(baseCurrency)")
    canvas.sideAxis(capitalFrame, capitalScale, title: baseCurrency, titleOffset: 56)
    let barWidth = min(band * 0.6, 36)
    for (k, step) in steps.enumerated() {
      let top = capitalScale.position(step.capitalNeeded)
      canvas.rect(
        x(k) - barWidth / 2, top, barWidth, capitalFrame.bottom - top, fill: "#9bb7d4",
        title: "Step \(k + 1), \(step.code): the set needs \(NumberFormat.money(step.capitalNeeded)) \(baseCurrency)")
    }
    canvas.horizontalMarker(
      capitalFrame, y: capitalScale.position(capital),
      label: "capital \(NumberFormat.money(capital)) \(baseCurrency)", colour: ChartColour.marker)

    // Step labels under the last panel.
    canvas.line(left, capitalFrame.bottom, left + plotWidth, capitalFrame.bottom, stroke: ChartColour.axis)
    for k in 0..<n where k % every == 0 || k == n - 1 {
      canvas.line(x(k), capitalFrame.bottom, x(k), capitalFrame.bottom + 5, stroke: ChartColour.axis)
      canvas.text(
        "\(k + 1) \(steps[k].code)", x(k) + 3, capitalFrame.bottom + 14, size: labelSize, anchor: .end,
        fill: ChartColour.text, rotate: -angle)
    }
    canvas.text(
      "Step and instrument added", left + plotWidth / 2, canvas.height - 8, size: 13, anchor: .middle,
      fill: ChartColour.text)
    return canvas.rendered(
      id: id, title: "Greedy selection path",
      description: "For each of the \(n) steps, the expected Sharpe ratio, the IDM and the capital the set needs after "
        + "adding the instrument named on the horizontal axis.")
  }

  func panelTitle(_ canvas: inout SVGCanvas, _ frame: PlotFrame, _ title: String) {
    canvas.text(title, frame.left, frame.top - 12, size: 14, weight: "600", fill: ChartColour.text)
  }

  func stepGrid(_ canvas: inout SVGCanvas, _ frame: PlotFrame, n: Int, x: (Int) -> Double) {
    canvas.line(frame.left, frame.bottom, frame.right, frame.bottom, stroke: ChartColour.axis)
    if n <= 60 { for k in 0..<n { canvas.line(x(k), frame.top, x(k), frame.bottom, stroke: "#f0f0f0") } }
  }
}
