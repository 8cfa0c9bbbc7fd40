extension SVGCanvas {
  /// A horizontal axis along the bottom of `frame`: tick marks, labels (unless `labels` is false), light vertical
  /// grid lines (with `grid`) and a title centred below. A tick label that would touch the previous one is left out
  /// (its tick and grid line stay), so a narrow chart never prints labels over each other.
  public mutating func bottomAxis(
    _ frame: PlotFrame, _ scale: some ChartScale, title: String?, grid: Bool = true, labels: Bool = true
  ) {
    line(frame.left, frame.bottom, frame.right, frame.bottom, stroke: ChartColour.axis)
    for tick in scale.minorTicks {
      let x = scale.position(tick)
      if grid { line(x, frame.top, x, frame.bottom, stroke: ChartColour.minorGrid) }
      line(x, frame.bottom, x, frame.bottom + 3, stroke: ChartColour.axis)
    }
    var lastLabelEnd = -Double.infinity
    for tick in scale.ticks {
      let x = scale.position(tick)
      if grid { line(x, frame.top, x, frame.bottom, stroke: ChartColour.grid) }
      line(x, frame.bottom, x, frame.bottom + 5, stroke: ChartColour.axis)
      guard labels else { continue }
      let label = scale.label(tick)
      let half = SVGCanvas.textWidth(label, size: labelSize) / 2
      guard x - half >= lastLabelEnd + labelSize * 0.6 else { continue }
      let cx = clampedX(x, width: half * 2, anchor: .middle)
      text(label, cx, frame.bottom + labelSize + 7, size: labelSize, anchor: .middle, fill: ChartColour.mutedText)
      lastLabelEnd = cx + half
    }
    if let title, labels {
      text(
        title, frame.left + frame.width / 2, frame.bottom + labelSize + titleSize + 15, size: titleSize,
        anchor: .middle, fill: ChartColour.text)
    }
  }

  /// A vertical axis on the left (or right) of `frame`, with horizontal grid lines and a rotated title
  /// `titleOffset` units from the axis.
  public mutating func sideAxis(
    _ frame: PlotFrame, _ scale: some ChartScale, title: String?, grid: Bool = true, right: Bool = false,
    titleOffset: Double = 50
  ) {
    let x0 = right ? frame.right : frame.left
    line(x0, frame.top, x0, frame.bottom, stroke: ChartColour.axis)
    for tick in scale.minorTicks {
      let y = scale.position(tick)
      if grid { line(frame.left, y, frame.right, y, stroke: ChartColour.minorGrid) }
      line(right ? x0 : x0 - 3, y, right ? x0 + 3 : x0, y, stroke: ChartColour.axis)
    }
    for tick in scale.ticks {
      let y = scale.position(tick)
      if grid { line(frame.left, y, frame.right, y, stroke: ChartColour.grid) }
      line(right ? x0 : x0 - 5, y, right ? x0 + 5 : x0, y, stroke: ChartColour.axis)
      text(
        scale.label(tick), right ? x0 + 8 : x0 - 8, y, size: labelSize, anchor: right ? .start : .end,
        fill: ChartColour.mutedText, middle: true)
    }
    if let title {
      let x = right ? x0 + titleOffset : x0 - titleOffset
      let y = frame.top + frame.height / 2
      text(title, x, y, size: titleSize, anchor: .middle, fill: ChartColour.text, rotate: right ? 90 : -90, middle: true)
    }
  }

  /// Which side of a vertical marker its label goes.
  public enum LabelSide: Sendable { case left, right }

  /// A dashed vertical line at `x` across `frame`, labelled at its top on `side` of the line (the other side when
  /// the label would leave the frame there, and shifted inside the canvas when it fits on neither).
  public mutating func verticalMarker(
    _ frame: PlotFrame, x: Double, label: String?, colour: String = ChartColour.marker, labelY: Double? = nil,
    side: LabelSide = .right
  ) {
    guard x >= frame.left - 0.5 && x <= frame.right + 0.5 else { return }
    line(x, frame.top, x, frame.bottom, stroke: colour, width: 1.5, dash: "6 4")
    if let label {
      let width = SVGCanvas.textWidth(label, size: labelSize)
      let fitsRight = x + 6 + width <= frame.right
      let fitsLeft = x - 6 - width >= frame.left
      let right = side == .right ? (fitsRight || !fitsLeft) : !(fitsLeft || !fitsRight)
      let anchor: Anchor = right ? .start : .end
      text(
        label, clampedX(right ? x + 6 : x - 6, width: width, anchor: anchor), labelY ?? (frame.top + labelSize + 2),
        size: labelSize, anchor: anchor, weight: "600", fill: colour, halo: true)
    }
  }

  /// A dashed horizontal line at `y` across `frame`, labelled above the line at its right end (or its left end).
  public mutating func horizontalMarker(
    _ frame: PlotFrame, y: Double, label: String?, colour: String, labelAtLeft: Bool = false
  ) {
    guard y >= frame.top - 0.5 && y <= frame.bottom + 0.5 else { return }
    line(frame.left, y, frame.right, y, stroke: colour, width: 1.5, dash: "6 4")
    if let label {
      text(
        label, labelAtLeft ? frame.left + 6 : frame.right - 4, y - 6, size: labelSize,
        anchor: labelAtLeft ? .start : .end, weight: "600", fill: colour, halo: true)
    }
  }

  /// One legend entry kind.
  public enum LegendSymbol: Sendable {
    /// A chart marker in a colour.
    case marker(ChartMarker, colour: String)
    case line(colour: String, dash: String?)
    case square(fill: String)
  }

  /// Height of one legend row, SVG units.
  public var legendRowHeight: Double { labelSize + 8 }

  /// A legend: entries laid out left to right from `(x, y)` (the first row's centre line), wrapping at `maxWidth`.
  /// Returns the height used.
  @discardableResult
  public mutating func legend(_ entries: [(String, LegendSymbol)], x: Double, y: Double, maxWidth: Double) -> Double {
    var cx = x
    var cy = y
    let rowHeight = legendRowHeight
    for (label, symbol) in entries {
      let width = 22 + SVGCanvas.textWidth(label, size: labelSize) + 14
      if cx + width > x + maxWidth && cx > x {
        cx = x
        cy += rowHeight
      }
      switch symbol {
      case .marker(let shape, let colour): marker(shape, cx + 7, cy, colour: colour)
      case .line(let colour, let dash): line(cx, cy, cx + 16, cy, stroke: colour, width: 2, dash: dash)
      case .square(let fill): rect(cx + 1, cy - 6, 12, 12, fill: fill)
      }
      text(label, cx + 22, cy, size: labelSize, fill: ChartColour.text, middle: true)
      cx += width
    }
    return cy - y + rowHeight
  }
}
