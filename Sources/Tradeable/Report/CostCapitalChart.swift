/// Every instrument's annual SR cost against the capital it needs on its own, both on logarithmic axes, coloured by
/// asset class; the cost threshold and the capital are drawn as lines, and the regions they exclude are shaded. Chosen
/// instruments are large ringed circles and labelled, eligible ones filled circles, excluded ones hollow diamonds
/// (`ChartMarker`), so status reads from shape as well as fill.
public struct CostCapitalChart: Chart {
  /// One instrument.
  public struct Point: Sendable {
    public var code: String
    public var assetClass: String
    /// Standalone minimum capital, base currency.
    public var minimumCapital: Double?
    /// Annual cost, SR units.
    public var annualSRCost: Double?
    public var status: InstrumentStatus
    /// Exclusion reasons, as words.
    public var reasons: [String]
    public init(
      code: String, assetClass: String, minimumCapital: Double?, annualSRCost: Double?, status: InstrumentStatus,
      reasons: [String]
    ) {
      self.code = code
      self.assetClass = assetClass
      self.minimumCapital = minimumCapital
      self.annualSRCost = annualSRCost
      self.status = status
      self.reasons = reasons
    }

    /// Whether both values can be drawn on logarithmic axes.
    public var isPlottable: Bool {
      guard let minimumCapital, let annualSRCost else { return false }
      return minimumCapital > 0 && annualSRCost > 0 && minimumCapital.isFinite && annualSRCost.isFinite
    }
  }

  public var points: [Point]
  public var capital: Double
  public var maxSRCost: Double
  public var baseCurrency: String

  public init(points: [Point], capital: Double, maxSRCost: Double, baseCurrency: String) {
    self.points = points
    self.capital = capital
    self.maxSRCost = maxSRCost
    self.baseCurrency = baseCurrency
  }

  /// Instruments that cannot be drawn (no volatility, or a zero cost or capital), by code.
  public var notPlotted: [Point] { points.filter { !$0.isPlottable } }

  public func svg(id: String = "chart-cost-capital", layout: ChartLayout = .wide) -> String {
    let plotted = points.filter(\.isPlottable)
    let unit = PlotFrame(left: 0, top: 0, width: 1, height: 1)
    let (left, titleOffset) = layout.leftMargin(tickLabels: scales(unit).1.labels)
    let size = layout.labelSize
    let frame = PlotFrame(
      left: left, top: 20, width: layout.width - left - layout.right, height: layout.isNarrow ? 300 : 400)
    let (xScale, yScale) = scales(frame)
    func yPosition(_ cost: Double) -> Double { max(yScale.position(cost), frame.top) }

    let classes = ChartColour.classColours(points.map(\.assetClass))
    let classNames = Set(points.map(\.assetClass)).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    // Legend height is needed before the canvas: lay it out once on a scratch canvas.
    let legendEntries = legendItems(classNames: classNames, colours: classes)
    let legendX = layout.isNarrow ? 4 : left
    let legendWidth = layout.isNarrow ? layout.width - 8 : frame.width
    var scratch = SVGCanvas(layout: layout, height: 100)
    let legendHeight = scratch.legend(legendEntries, x: legendX, y: 0, maxWidth: legendWidth)
    let legendTop = frame.bottom + size + layout.titleSize + 30
    var canvas = SVGCanvas(layout: layout, height: legendTop + legendHeight)

    // Excluded regions.
    let capitalX = min(max(xScale.position(capital), frame.left), frame.right)
    let thresholdY = min(max(yScale.position(maxSRCost), frame.top), frame.bottom)
    canvas.rect(capitalX, frame.top, frame.right - capitalX, frame.height, fill: ChartColour.unaffordableRegion)
    canvas.rect(frame.left, frame.top, frame.width, thresholdY - frame.top, fill: ChartColour.excludedRegion)
    canvas.bottomAxis(
      frame, xScale,
      title: layout.fitted(
        "Capital needed on its own, \(baseCurrency) (logarithmic scale)", "Capital needed alone, \(baseCurrency) (log)",
        available: frame.width, size: layout.titleSize))
    canvas.sideAxis(
      frame, yScale,
      title: layout.fitted(
        "Annual cost, SR units (logarithmic scale)", "Annual SR cost (log scale)", available: frame.height,
        size: layout.titleSize), titleOffset: titleOffset)
    let expensive = "too expensive: over \(compactNumber(maxSRCost)) SR a year"
    if thresholdY - frame.top > size + 6, SVGCanvas.textWidth(expensive, size: size) + 16 <= capitalX - frame.left {
      canvas.text(expensive, frame.left + 8, frame.top + size + 4, size: size, fill: ChartColour.threshold)
    }
    let unaffordable = "needs more than the capital"
    if frame.right - capitalX > SVGCanvas.textWidth(unaffordable, size: size) + 16 {
      canvas.text(
        unaffordable, frame.right - 8, frame.bottom - 10, size: size, anchor: .end, fill: ChartColour.mutedText)
    }
    canvas.horizontalMarker(
      frame, y: yScale.position(maxSRCost),
      label: layout.fitted(
        "cost threshold \(compactNumber(maxSRCost)) SR/year", "threshold \(compactNumber(maxSRCost))",
        available: frame.right - capitalX - 8, size: size),
      colour: ChartColour.threshold)
    canvas.verticalMarker(
      frame, x: xScale.position(capital), label: "capital \(NumberFormat.money(capital)) \(baseCurrency)",
      labelY: frame.top + size * 2 + 10)

    // Points: excluded (hollow), then eligible, then selected on top.
    func tooltip(_ p: Point) -> String {
      "\(p.code) (\(p.assetClass)): \(NumberFormat.fixed(p.annualSRCost, decimals: 4)) SR a year, needs "
        + "\(NumberFormat.money(p.minimumCapital)) \(baseCurrency) on its own; \(p.status.rawValue)"
        + (p.reasons.isEmpty ? "" : " (\(p.reasons.joined(separator: ", ")))")
    }
    for status in [InstrumentStatus.excluded, .eligible, .selected] {
      for p in plotted where p.status == status {
        let colour = classes[p.assetClass] ?? ChartColour.otherClass
        let x = xScale.position(p.minimumCapital!)
        let y = yPosition(p.annualSRCost!)
        if p.annualSRCost! > yScale.domain.1 * (1 + 1e-12) {
          canvas.marker(.offScale, x, y, colour: colour, title: tooltip(p) + " (off the scale)")
          continue
        }
        canvas.marker(Self.marker(status), x, y, colour: colour, title: tooltip(p))
      }
    }

    // Labels of the selected instruments: next to the point where there is room, else a little further out with a
    // leader line; never over another label or a chosen point. A white halo keeps them readable over other points.
    let chosen = plotted.filter { $0.status == .selected }
    var taken: [(Double, Double, Double, Double)] = chosen.map { p in
      let x = xScale.position(p.minimumCapital!)
      let y = yPosition(p.annualSRCost!)
      return (x - 7, y - 7, x + 7, y + 7)
    }
    func free(_ box: (Double, Double, Double, Double)) -> Bool {
      guard box.0 >= frame.left + 2, box.2 <= frame.right - 2, box.1 >= frame.top + 2, box.3 <= frame.bottom - 2 else {
        return false
      }
      return !taken.contains { $0.0 < box.2 && box.0 < $0.2 && $0.1 < box.3 && box.1 < $0.3 }
    }
    var labels: [String] = []
    for p in chosen {
      let x = xScale.position(p.minimumCapital!)
      let y = yPosition(p.annualSRCost!)
      let w = SVGCanvas.textWidth(p.code, size: 11)
      let h = 13.0
      var placed = false
      for distance in [9.0, 22.0, 36.0, 52.0] where !placed {
        let d = distance
        let candidates: [(Double, Double, SVGCanvas.Anchor)] = [
          (x + d, y, .start), (x - d, y, .end), (x, y - d - 3, .middle), (x, y + d + 5, .middle),
          (x + d * 0.8, y - d * 0.8, .start), (x - d * 0.8, y - d * 0.8, .end), (x + d * 0.8, y + d * 0.8, .start),
          (x - d * 0.8, y + d * 0.8, .end),
        ]
        for (lx, ly, anchor) in candidates {
          let x0 = anchor == .start ? lx : anchor == .end ? lx - w : lx - w / 2
          let box = (x0 - 1, ly - h / 2, x0 + w + 1, ly + h / 2)
          guard free(box) else { continue }
          taken.append(box)
          if distance > 9 {
            // Leader from the point's edge to the label's nearest side.
            let tx = min(max(x, box.0), box.2)
            let ty = min(max(y, box.1), box.3)
            let length = ((tx - x) * (tx - x) + (ty - y) * (ty - y)).squareRoot()
            if length > 8 {
              canvas.line(
                x + (tx - x) / length * 7, y + (ty - y) / length * 7, tx, ty, stroke: "#555555", width: 0.8)
            }
          }
          labels.append(p.code)
          canvas.text(
            p.code, lx, ly, size: 11, anchor: anchor, weight: "600", fill: ChartColour.text, middle: true, halo: true)
          placed = true
          break
        }
      }
    }

    // Legend below the axis title.
    canvas.legend(legendEntries, x: legendX, y: legendTop + canvas.legendRowHeight / 2, maxWidth: legendWidth)
    return canvas.rendered(
      id: id, title: "Annual SR cost against standalone minimum capital",
      description:
        "\(NumberFormat.count(plotted.count, "instrument")), coloured by asset class; chosen ones large ringed circles and labelled, "
        + "eligible ones filled circles, excluded ones hollow diamonds. The dashed horizontal line is the cost "
        + "threshold, the dashed vertical line the capital.")
  }

  /// The axes: capital from the smallest to the largest (and the capital itself), whole decades; cost likewise, but
  /// at most to the decade above 100 times the threshold (at least 1 SR a year). Costs far above the threshold (some
  /// instruments cost hundreds of SR a year) would squeeze the interesting part of the axis; they are drawn as
  /// triangles on the top edge instead.
  func scales(_ frame: PlotFrame) -> (LogScale, LogScale) {
    let plotted = points.filter(\.isPlottable)
    let capitals = plotted.map { $0.minimumCapital! } + [capital]
    let costs = plotted.map { $0.annualSRCost! } + (maxSRCost > 0 ? [maxSRCost] : [])
    let ceiling = max(maxSRCost * 100, 1)
    return (
      LogScale(capitals.min()!, capitals.max()!, range: (frame.left, frame.right), format: { compactNumber($0) }),
      LogScale(
        min(costs.min() ?? 0.001, ceiling), min(costs.max() ?? 1, ceiling), range: (frame.bottom, frame.top),
        format: { compactNumber($0) })
    )
  }

  /// The cost at the top of the chart: anything above is off the scale.
  public var costScaleTop: Double { scales(PlotFrame(left: 0, top: 0, width: 1, height: 1)).1.domain.1 }

  /// Instruments drawn as triangles on the top edge because their cost is off the scale.
  public var offScale: [Point] {
    let top = costScaleTop
    return points.filter { $0.isPlottable && $0.annualSRCost! > top * (1 + 1e-12) }
  }

  /// The marker of an instrument of `status`.
  public static func marker(_ status: InstrumentStatus) -> ChartMarker {
    switch status {
    case .selected: return .chosen
    case .eligible: return .eligible
    case .excluded: return .excluded
    }
  }

  func legendItems(classNames: [String], colours: [String: String]) -> [(String, SVGCanvas.LegendSymbol)] {
    var counts: [String: Int] = [:]
    for p in points { counts[p.assetClass, default: 0] += 1 }
    var items: [(String, SVGCanvas.LegendSymbol)] = classNames.map {
      (
        "\($0.isEmpty ? "(no class)" : $0) (\(counts[$0] ?? 0))",
        .square(fill: colours[$0] ?? ChartColour.otherClass)
      )
    }
    let neutral = ChartColour.mutedText
    items.append(("chosen", .marker(.chosen, colour: "#bbbbbb")))
    items.append(("eligible", .marker(.eligible, colour: neutral)))
    items.append(("excluded", .marker(.excluded, colour: neutral)))
    if !offScale.isEmpty { items.append(("off the scale", .marker(.offScale, colour: neutral))) }
    return items
  }
}
