/// The column a chart is drawn for: its width and the sizes of its text.
///
/// A page cannot measure the window without a script, so the report draws each chart twice, `wide` for a desktop
/// column and `narrow` for a phone (a 390-pixel screen less the page's margins), and its CSS shows the one that fits.
/// Each is drawn at the size it is shown, so its text is as large as the page's small print on both: a desktop chart
/// merely shrunk onto a phone would have 5-pixel labels.
public struct ChartLayout: Sendable, Equatable {
  /// Width of the view box, SVG units (one unit is one CSS pixel when shown at full size).
  public var width: Double
  /// Smallest margin left of the plot, for the vertical axis's labels and title.
  public var left: Double
  /// Margin right of the plot.
  public var right: Double
  /// Size of tick labels, legends and marks' labels.
  public var labelSize: Double
  /// Size of axis titles.
  public var titleSize: Double
  /// Size of panel titles.
  public var headingSize: Double
  /// Whether this is the phone layout: shorter titles, fewer labels.
  public var isNarrow: Bool

  public init(
    width: Double, left: Double, right: Double, labelSize: Double, titleSize: Double, headingSize: Double,
    isNarrow: Bool
  ) {
    self.width = width
    self.left = left
    self.right = right
    self.labelSize = labelSize
    self.titleSize = titleSize
    self.headingSize = headingSize
    self.isNarrow = isNarrow
  }

  /// A desktop column: 960 units, shown at up to 960 pixels and shrunk with the window down to the page's
  /// breakpoint (720 pixels), where its 12-unit labels are still 9 pixels high.
  public static let wide = ChartLayout(
    width: 960, left: 84, right: 24, labelSize: 12, titleSize: 13, headingSize: 14, isNarrow: false)
  /// A phone column: 360 units, the width left on a 390-pixel screen by the page's 14-pixel margins.
  public static let narrow = ChartLayout(
    width: 360, left: 50, right: 14, labelSize: 11, titleSize: 12, headingSize: 13, isNarrow: true)

  /// Both layouts, in the order the page writes them.
  public static let all = [wide, narrow]

  /// The left margin that fits the widest of `tickLabels` and a rotated axis title beside them (never less than
  /// `left`), and the distance from the axis to the title's centre line.
  public func leftMargin(tickLabels: [String]) -> (left: Double, titleOffset: Double) {
    let widest = tickLabels.map { SVGCanvas.textWidth($0, size: labelSize) }.max() ?? 0
    let titleOffset = widest + 8 + 6 + titleSize * 0.6
    return (max(left, titleOffset + titleSize * 0.6 + 4), titleOffset)
  }

  /// `full` when it fits in `available` units at `size`, else `short`.
  public func fitted(_ full: String, _ short: String, available: Double, size: Double) -> String {
    SVGCanvas.textWidth(full, size: size) <= available ? full : short
  }
}

/// A chart that lays itself out for a column (`ChartLayout`), so the report can draw it for a desktop and a phone.
public protocol Chart: Sendable {
  /// The chart as inline SVG with the given element id, drawn for `layout`.
  func svg(id: String, layout: ChartLayout) -> String
}
