/// How a chart marks a point: a shape, filled or hollow, and a size. The one place markers are defined, so that every
/// chart marks the same thing the same way and a new mark (a sweep's carried set, a walk-forward's rebalance) takes a
/// shape no other mark of its chart uses.
///
/// Filled and hollow markers also differ in *shape* (the eligible instrument is a filled circle, the excluded one a
/// hollow diamond), so that they stay apart for a reader who cannot tell a fill from an outline at a glance, in grey
/// print, or in a colour that is faint on white.
public struct ChartMarker: Sendable, Equatable {
  /// The outline of a marker.
  public enum Shape: String, Sendable, CaseIterable {
    case circle, diamond, square, triangleUp, triangleDown
  }

  public var shape: Shape
  /// Filled with the point's colour, or hollow (white inside, the colour as outline).
  public var filled: Bool
  /// Half the marker's width, SVG units (the radius of a circle).
  public var size: Double
  /// Outline colour of a filled marker (`nil`: none); a hollow marker's outline is the point's colour.
  public var outline: String?
  /// Outline width, SVG units.
  public var outlineWidth: Double

  public init(shape: Shape, filled: Bool, size: Double, outline: String? = nil, outlineWidth: Double = 1.5) {
    self.shape = shape
    self.filled = filled
    self.size = size
    self.outline = outline
    self.outlineWidth = outlineWidth
  }

  /// An instrument of the chosen set: a large filled circle ringed in black (and labelled where it is drawn).
  public static let chosen = ChartMarker(shape: .circle, filled: true, size: 6.5, outline: ChartColour.marker, outlineWidth: 2)
  /// An instrument that passes every filter but was not chosen: a filled circle with a thin white rim, so that
  /// neighbours stay apart.
  public static let eligible = ChartMarker(shape: .circle, filled: true, size: 4.2, outline: "#ffffff", outlineWidth: 0.8)
  /// An excluded instrument: a hollow diamond.
  public static let excluded = ChartMarker(shape: .diamond, filled: false, size: 4.2, outlineWidth: 1.5)
  /// A value beyond the top of its axis, drawn on the edge: a hollow triangle pointing up.
  public static let offScale = ChartMarker(shape: .triangleUp, filled: false, size: 5.5, outlineWidth: 1.5)
  /// A point of a data series (a line chart's values).
  public static let series = ChartMarker(shape: .circle, filled: true, size: 3.8)
  /// A point of a second series drawn in the same panel as `series`.
  public static let secondSeries = ChartMarker(shape: .square, filled: true, size: 3.4)
  /// A point of a third series, or a point that stands out of its series (e.g. one carried from another capital).
  public static let standOut = ChartMarker(shape: .diamond, filled: false, size: 5, outlineWidth: 1.8)

  /// The marker's corner points, for the shapes drawn as polygons (`nil` for a circle).
  func polygon(_ x: Double, _ y: Double) -> [(Double, Double)]? {
    let s = size
    switch shape {
    case .circle: return nil
    case .diamond: return [(x, y - s * 1.2), (x + s * 1.2, y), (x, y + s * 1.2), (x - s * 1.2, y)]
    case .square: return [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
    case .triangleUp: return [(x, y - s * 1.15), (x + s, y + s * 0.6), (x - s, y + s * 0.6)]
    case .triangleDown: return [(x, y + s * 1.15), (x + s, y - s * 0.6), (x - s, y - s * 0.6)]
    }
  }
}

extension SVGCanvas {
  /// `marker` at `(x, y)` in `colour`, with an optional tooltip.
  public mutating func marker(_ marker: ChartMarker, _ x: Double, _ y: Double, colour: String, title: String? = nil) {
    let fill = marker.filled ? colour : "#ffffff"
    let stroke = marker.filled ? marker.outline : colour
    let n = Self.number
    let paint = Self.attributes([
      ("fill", fill), ("stroke", stroke), ("stroke-width", stroke == nil ? nil : n(marker.outlineWidth)),
      ("stroke-linejoin", marker.shape == .circle || stroke == nil ? nil : "round"),
    ])
    let geometry: String
    let element: String
    if let corners = marker.polygon(x, y) {
      element = "polygon"
      geometry = "points=\"" + corners.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ") + "\""
    } else {
      element = "circle"
      geometry = "cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(marker.size))\""
    }
    raw(
      title == nil
        ? "<\(element) \(geometry)\(paint) />"
        : "<\(element) \(geometry)\(paint)>\(Self.tooltip(title))</\(element)>")
  }
}
