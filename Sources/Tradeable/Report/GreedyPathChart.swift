#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The greedy path as three stacked panels sharing one axis of steps: the expected Sharpe ratio after each step, the
/// diversification multiplier (with its cap), and the capital the set needs (with the capital available), so a reader
/// sees both what each instrument added and why the path stopped.
public struct GreedyPathChart: Chart {
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

  public init(steps: [Step], idmCap: Double, capital: Double, baseCurrency: String) {
    self.steps = steps
    self.idmCap = idmCap
    self.capital = capital
    self.baseCurrency = baseCurrency
  }

  /// The chart as inline SVG.
  public func svg(id: String = "chart-greedy-path", layout: ChartLayout = .wide) -> String {
    let n = steps.count
    let size = layout.labelSize

    // Scales first: the left margin fits their widest tick label.
    let sharpeMax = steps.map(\.sharpe).max() ?? 1
    let sharpeMin = min(0, steps.map(\.sharpe).min() ?? 0)
    let idmMax = max(idmCap, steps.map(\.idm).max() ?? 1)
    let capitalMax = max(capital, steps.map(\.capitalNeeded).max() ?? capital)
    let unit = (0.0, 1.0)
    let tickLabels =
      LinearScale(sharpeMin, sharpeMax * 1.08, range: unit, tickCount: 5).labels
      + LinearScale(0, capitalMax * 1.05, range: unit, tickCount: 4, format: { compactNumber($0) }).labels
    var (left, titleOffset) = layout.leftMargin(tickLabels: tickLabels)
    // Steeper on a phone, where the steps stand closer.
    let angle = layout.isNarrow ? 60.0 : 40.0
    // The first step's slanted label reaches left of its tick: widen the margin so it stays on the canvas.
    let firstReach = SVGCanvas.textWidth("1 \(steps.first?.code ?? "")", size: size) * cos(angle * .pi / 180) + 4
    let bandGuess = (layout.width - left - layout.right) / Double(max(n, 1))
    left = max(left, firstReach - bandGuess / 2 - 3)
    let plotWidth = layout.width - left - layout.right
    let band = plotWidth / Double(max(n, 1))
    let stepLabelSize = band >= size + 4 ? size : max(size - 2, 10)
    // Slanted labels of neighbouring steps lie band × sin(angle) apart: label every k-th step when they would touch.
    let every = max(1, Int(((stepLabelSize + 1) / (band * sin(angle * .pi / 180))).rounded(.up)))
    let longest =
      steps.enumerated().map { SVGCanvas.textWidth("\($0.offset + 1) \($0.element.code)", size: stepLabelSize) }
      .max() ?? 0
    let labelHeight = longest * sin(angle * .pi / 180) + 24
    let panelGap = layout.headingSize + 30

    let sharpeFrame = PlotFrame(left: left, top: layout.headingSize + 20, width: plotWidth, height: layout.isNarrow ? 150 : 190)
    let idmFrame = PlotFrame(left: left, top: sharpeFrame.bottom + panelGap, width: plotWidth, height: layout.isNarrow ? 100 : 120)
    let capitalFrame = PlotFrame(left: left, top: idmFrame.bottom + panelGap, width: plotWidth, height: layout.isNarrow ? 110 : 140)
    var canvas = SVGCanvas(layout: layout, height: capitalFrame.bottom + labelHeight + layout.titleSize + 18)
    func x(_ k: Int) -> Double { left + band * (Double(k) + 0.5) }
    // Value labels over the Sharpe points, where each fits in its step's band.
    let valueLabels = n <= 24 && SVGCanvas.textWidth("0.00", size: size - 1) + 4 <= band

    // Sharpe.
    let sharpeScale = LinearScale(
      sharpeMin, sharpeMax * 1.08, range: (sharpeFrame.bottom, sharpeFrame.top), tickCount: 5)
    panelTitle(&canvas, layout, sharpeFrame, "Expected Sharpe ratio after each step")
    canvas.sideAxis(sharpeFrame, sharpeScale, title: "Sharpe ratio", titleOffset: titleOffset)
    stepGrid(&canvas, sharpeFrame, n: n, x: x)
    let sharpePoints = steps.enumerated().map { (x($0.offset), sharpeScale.position($0.element.sharpe)) }
    canvas.polyline(sharpePoints, stroke: ChartColour.primary, width: 2)
    for (k, point) in sharpePoints.enumerated() {
      canvas.marker(
        .series, point.0, point.1, colour: ChartColour.primary,
        title: "Step \(k + 1), \(steps[k].code): Sharpe \(NumberFormat.fixed(steps[k].sharpe, decimals: 4))")
      if valueLabels {
        canvas.text(
          NumberFormat.fixed(steps[k].sharpe, decimals: 2), point.0, point.1 - 9, size: size - 1, anchor: .middle,
          fill: ChartColour.primary, halo: true)
      }
    }

    // IDM, with its cap.
    // Head room above the cap, so its label clears the panel title.
    let idmScale = LinearScale(1, idmMax + (idmMax - 1) * 0.2, range: (idmFrame.bottom, idmFrame.top), tickCount: 3)
    panelTitle(&canvas, layout, idmFrame, layout.fitted(
      "Instrument diversification multiplier (IDM)", "Diversification multiplier (IDM)",
      available: layout.width - left, size: layout.headingSize))
    canvas.sideAxis(idmFrame, idmScale, title: "IDM", titleOffset: titleOffset)
    stepGrid(&canvas, idmFrame, n: n, x: x)
    canvas.horizontalMarker(
      idmFrame, y: idmScale.position(idmCap), label: "cap \(NumberFormat.fixed(idmCap, decimals: 2))",
      colour: ChartColour.threshold, labelAtLeft: true)
    let idmPoints = steps.enumerated().map { (x($0.offset), idmScale.position($0.element.idm)) }
    canvas.polyline(idmPoints, stroke: ChartColour.secondary, width: 2)
    for (k, point) in idmPoints.enumerated() {
      canvas.marker(
        .secondSeries, point.0, point.1, colour: ChartColour.secondary,
        title: "Step \(k + 1), \(steps[k].code): IDM \(NumberFormat.fixed(steps[k].idm, decimals: 3))")
    }

    // Capital the set needs, against the capital available.
    let capitalScale = LinearScale(
      0, capitalMax * 1.05, range: (capitalFrame.bottom, capitalFrame.top), tickCount: 4, format: { compactNumber($0) })
    panelTitle(&canvas, layout, capitalFrame, "Capital the set needs, \(baseCurrency)")
    canvas.sideAxis(capitalFrame, capitalScale, title: baseCurrency, titleOffset: titleOffset)
    let barWidth = min(band * 0.6, 36)
    for (k, step) in steps.enumerated() {
      let top = capitalScale.position(step.capitalNeeded)
      canvas.rect(
        x(k) - barWidth / 2, top, barWidth, capitalFrame.bottom - top, fill: ChartColour.primaryLight,
        title: "Step \(k + 1), \(step.code): the set needs \(NumberFormat.money(step.capitalNeeded)) \(baseCurrency)")
    }
    canvas.horizontalMarker(
      capitalFrame, y: capitalScale.position(capital),
      label: "capital \(NumberFormat.money(capital)) \(baseCurrency)", colour: ChartColour.marker)

    // Step labels under the last panel.
    canvas.line(left, capitalFrame.bottom, left + plotWidth, capitalFrame.bottom, stroke: ChartColour.axis)
    for k in 0..<n where (n - 1 - k) % every == 0 {  // counted from the last step, which is always labelled
      canvas.line(x(k), capitalFrame.bottom, x(k), capitalFrame.bottom + 5, stroke: ChartColour.axis)
      canvas.text(
        "\(k + 1) \(steps[k].code)", x(k) + 3, capitalFrame.bottom + 14, size: stepLabelSize, anchor: .end,
        fill: ChartColour.text, rotate: -angle)
    }
    canvas.text(
      "Step and instrument added", left + plotWidth / 2, canvas.height - 8, size: layout.titleSize, anchor: .middle,
      fill: ChartColour.text)
    return canvas.rendered(
      id: id, title: "Greedy selection path",
      description: "For each of the \(n) steps, the expected Sharpe ratio, the IDM and the capital the set needs after "
        + "adding the instrument named on the horizontal axis.")
  }

  func panelTitle(_ canvas: inout SVGCanvas, _ layout: ChartLayout, _ frame: PlotFrame, _ title: String) {
    canvas.text(title, frame.left, frame.top - 12, size: layout.headingSize, weight: "600", fill: ChartColour.text)
  }

  func stepGrid(_ canvas: inout SVGCanvas, _ frame: PlotFrame, n: Int, x: (Int) -> Double) {
    canvas.line(frame.left, frame.bottom, frame.right, frame.bottom, stroke: ChartColour.axis)
    if n <= 60 { for k in 0..<n { canvas.line(x(k), frame.top, x(k), frame.bottom, stroke: ChartColour.minorGrid) } }
  }
}
