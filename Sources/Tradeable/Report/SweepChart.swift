/// How the best universe grows with capital: the expected Sharpe ratio, the number of instruments selected and the
/// number eligible at each capital of a sweep, on a shared logarithmic capital axis, with the report's capital marked
/// and the capitals whose set was carried from the previous one (DESIGN.md §6b) drawn with the stand-out marker.
public struct SweepChart: Chart {
  /// One capital of the sweep.
  public struct Point: Sendable {
    public var capital: Double
    public var instruments: Int
    /// `nil` when nothing is selected.
    public var sharpe: Double?
    /// Instruments eligible at this capital (every filter passed); `nil` when not known.
    public var eligible: Int?
    /// Whether the set reported here was carried from the previous capital (it beat `select` at this capital).
    public var carried: Bool

    public init(capital: Double, instruments: Int, sharpe: Double?, eligible: Int? = nil, carried: Bool = false) {
      self.capital = capital
      self.instruments = instruments
      self.sharpe = sharpe
      self.eligible = eligible
      self.carried = carried
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
    let eligible = points.compactMap { p in p.eligible.map { (p.capital, $0) } }
    let showsEligible = !eligible.isEmpty
    let largestEligible = eligible.map(\.1).max() ?? 1
    let (left, titleOffset) = layout.leftMargin(
      tickLabels: sharpeScale0.labels + [
        NumberFormat.fixed(Double(max(most, largestEligible)) * 1.08, decimals: 0)
      ])
    let plotWidth = layout.width - left - layout.right
    let heading = layout.headingSize
    let panelGap = layout.labelSize + heading + 40
    let sharpeFrame = PlotFrame(left: left, top: heading + 20, width: plotWidth, height: layout.isNarrow ? 160 : 200)
    let countFrame = PlotFrame(
      left: left, top: sharpeFrame.bottom + panelGap, width: plotWidth, height: layout.isNarrow ? 130 : 170)
    let eligibleFrame = PlotFrame(
      left: left, top: countFrame.bottom + panelGap, width: plotWidth, height: layout.isNarrow ? 100 : 130)
    let lastFrame = showsEligible ? eligibleFrame : countFrame
    let anyCarried = points.contains { $0.carried }
    let legendEntries: [(String, SVGCanvas.LegendSymbol)] =
      anyCarried
      ? [
        ("select at this capital", .marker(.series, colour: ChartColour.primary)),
        ("set carried from the previous capital", .marker(.standOut, colour: ChartColour.highlight)),
      ] : []
    var legendTop = lastFrame.bottom + layout.labelSize + layout.titleSize + 26
    var canvas = SVGCanvas(layout: layout, height: legendTop)
    if anyCarried {
      legendTop += canvas.legendRowHeight / 2
      canvas = SVGCanvas(layout: layout, height: legendTop + canvas.legendRowHeight * 2.5)
    }
    let capitals = points.map(\.capital) + (marked.map { [$0] } ?? [])
    let lo = capitals.min() ?? 1
    let hi = capitals.max() ?? 10
    let xScale = LogScale(lo / 1.12, hi * 1.12, range: (left, left + plotWidth), wholeDecades: false)
    let capitalTitle = layout.fitted(
      "Capital, \(baseCurrency) (logarithmic scale)", "Capital, \(baseCurrency) (log scale)", available: plotWidth,
      size: layout.titleSize)

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
      let title =
        "\(NumberFormat.money(p.capital)) \(baseCurrency): Sharpe \(NumberFormat.fixed(s, decimals: 4)), "
        + "\(p.instruments) instruments" + (p.carried ? ", carried from the previous capital" : "")
      if p.carried {
        canvas.marker(
          .standOut, xScale.position(p.capital), sharpeScale.position(s), colour: ChartColour.highlight, title: title)
      } else {
        canvas.marker(
          .series, xScale.position(p.capital), sharpeScale.position(s), colour: ChartColour.primary, title: title)
      }
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
    canvas.bottomAxis(countFrame, xScale, title: showsEligible ? nil : capitalTitle, grid: true, labels: true)
    let countPoints = points.map { (xScale.position($0.capital), countScale.position(Double($0.instruments))) }
    canvas.polyline(countPoints, stroke: ChartColour.secondary, width: 2)
    for (p, point) in zip(points, countPoints) {
      canvas.marker(
        .secondSeries, point.0, point.1, colour: ChartColour.secondary,
        title: "\(NumberFormat.money(p.capital)) \(baseCurrency): \(p.instruments) instruments")
    }

    if showsEligible {
      // Instruments eligible at each capital: the pool the selection draws from there.
      let eligibleScale = LinearScale(
        0, Double(max(largestEligible, 1)) * 1.08, range: (eligibleFrame.bottom, eligibleFrame.top), tickCount: 4,
        format: { NumberFormat.fixed($0, decimals: 0) })
      canvas.text(
        layout.fitted(
          "Instruments eligible (every filter passed)", "Instruments eligible", available: plotWidth, size: heading),
        left, eligibleFrame.top - 12, size: heading, weight: "600")
      canvas.sideAxis(eligibleFrame, eligibleScale, title: "eligible", titleOffset: titleOffset)
      canvas.bottomAxis(eligibleFrame, xScale, title: capitalTitle, grid: true)
      let eligiblePoints = eligible.map { (xScale.position($0.0), eligibleScale.position(Double($0.1))) }
      canvas.polyline(eligiblePoints, stroke: ChartColour.mutedText, width: 2, dash: "5 3")
      for (e, point) in zip(eligible, eligiblePoints) {
        canvas.marker(
          .series, point.0, point.1, colour: ChartColour.mutedText,
          title: "\(NumberFormat.money(e.0)) \(baseCurrency): \(e.1) eligible")
      }
    }

    if let marked {
      let label = "\(NumberFormat.money(marked)) \(baseCurrency)"
      canvas.verticalMarker(sharpeFrame, x: xScale.position(marked), label: label)
      canvas.verticalMarker(countFrame, x: xScale.position(marked), label: nil)
      if showsEligible { canvas.verticalMarker(eligibleFrame, x: xScale.position(marked), label: nil) }
    }
    if anyCarried { canvas.legend(legendEntries, x: left, y: legendTop, maxWidth: plotWidth) }
    return canvas.rendered(
      id: id, title: "Sharpe ratio and number of instruments against capital",
      description: "Selections at \(points.count) capitals from \(NumberFormat.money(lo)) to \(NumberFormat.money(hi)) "
        + "\(baseCurrency), logarithmic capital axis: the expected Sharpe ratio (top), the number of instruments "
        + "selected" + (showsEligible ? ", and the number eligible (bottom)." : " (bottom).")
        + (anyCarried ? " Hollow diamonds mark capitals whose set was carried from the previous capital." : ""))
  }
}
