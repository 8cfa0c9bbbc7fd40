#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A drawing in SVG, built element by element and written inline into an HTML page.
///
/// Coordinates are SVG user units; the canvas declares a `viewBox` of `width × height` and scales to the width of
/// its container (at most `width` pixels), so one unit is one CSS pixel at full size. Text is escaped; coordinates
/// are written with at most two decimals, so the same chart is always the same bytes. No scripts, no external
/// references: every chart is self-contained.
public struct SVGCanvas: Sendable {
  /// Width and height of the view box.
  public let width: Double
  public let height: Double
  /// The elements, in drawing order.
  public private(set) var elements: [String] = []
  /// Size of tick labels and legend text; axis titles use `titleSize`.
  public var labelSize: Double = 12
  public var titleSize: Double = 13
  /// The layout the canvas was made for, if any: the rendered `svg` is classed `chart wide` or `chart narrow` by it,
  /// so a page's CSS can show the one that fits.
  public var layout: ChartLayout?

  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// A canvas `layout.width` wide whose axes and legends use the layout's text sizes.
  public init(layout: ChartLayout, height: Double) {
    self.width = layout.width
    self.height = height
    self.labelSize = layout.labelSize
    self.titleSize = layout.titleSize
    self.layout = layout
  }

  /// The `x` at which text of `width` units anchored at `anchor` stays inside the canvas (4 units from each edge),
  /// as close to `x` as it can.
  public func clampedX(_ x: Double, width: Double, anchor: Anchor) -> Double {
    let start: Double
    switch anchor {
    case .start: start = x
    case .middle: start = x - width / 2
    case .end: start = x - width
    }
    let shifted = min(max(start, 4), max(4, self.width - 4 - width))
    return x + (shifted - start)
  }

  /// Text anchoring.
  public enum Anchor: String, Sendable { case start, middle, end }

  /// A number for an attribute: at most two decimals, no trailing zeros, no `-0`.
  public static func number(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    var buffer = [CChar](repeating: 0, count: 48)
    let n = withVaList([x]) { args in
      buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress!, 48, "%.2f", args) }
    }
    var text = String(decoding: buffer.prefix(Int(max(0, min(n, 47)))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    if text == "-0" { text = "0" }
    return text
  }

  static func attributes(_ pairs: [(String, String?)]) -> String {
    pairs.compactMap { key, value in value.map { " \(key)=\"\(HTML.escape($0))\"" } }.joined()
  }

  /// A tooltip child (`<title>`), shown by browsers on hover.
  static func tooltip(_ title: String?) -> String { title.map { "<title>\(HTML.escape($0))</title>" } ?? "" }

  /// Appends raw SVG (already escaped).
  public mutating func raw(_ element: String) { elements.append(element) }

  /// A straight line.
  public mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil,
    opacity: Double? = nil
  ) {
    let n = Self.number
    elements.append(
      "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\""
        + Self.attributes([
          ("stroke", stroke), ("stroke-width", n(width)), ("stroke-dasharray", dash),
          ("stroke-opacity", opacity.map(n)),
        ]) + " />")
  }

  /// A rectangle.
  public mutating func rect(
    _ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, strokeWidth: Double = 1,
    opacity: Double? = nil, title: String? = nil
  ) {
    let n = Self.number
    let attributes =
      "x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(w, 0)))\" height=\"\(n(max(h, 0)))\""
      + Self.attributes([
        ("fill", fill), ("stroke", stroke), ("stroke-width", stroke == nil ? nil : n(strokeWidth)),
        ("fill-opacity", opacity.map(n)),
      ])
    elements.append(title == nil ? "<rect \(attributes) />" : "<rect \(attributes)>\(Self.tooltip(title))</rect>")
  }

  /// A circle.
  public mutating func circle(
    _ cx: Double, _ cy: Double, _ r: Double, fill: String, stroke: String? = nil, strokeWidth: Double = 1,
    opacity: Double? = nil, title: String? = nil
  ) {
    let n = Self.number
    let attributes =
      "cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\""
      + Self.attributes([
        ("fill", fill), ("stroke", stroke), ("stroke-width", stroke == nil ? nil : n(strokeWidth)),
        ("fill-opacity", opacity.map(n)),
      ])
    elements.append(title == nil ? "<circle \(attributes) />" : "<circle \(attributes)>\(Self.tooltip(title))</circle>")
  }

  /// An open polyline through `points`.
  public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5, dash: String? = nil)
  {
    guard points.count >= 2 else { return }
    let n = Self.number
    let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
    elements.append(
      "<polyline points=\"\(list)\" fill=\"none\""
        + Self.attributes([
          ("stroke", stroke), ("stroke-width", n(width)), ("stroke-dasharray", dash), ("stroke-linejoin", "round"),
        ]) + " />")
  }

  /// A filled polygon.
  public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double? = nil) {
    let n = Self.number
    let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
    elements.append(
      "<polygon points=\"\(list)\"" + Self.attributes([("fill", fill), ("fill-opacity", opacity.map(n))]) + " />")
  }

  /// Text at `(x, y)`; `y` is the baseline unless `middle` centres it vertically. `rotate` turns it (degrees,
  /// clockwise) about its anchor point; `halo` outlines it in white so it stays readable over marks.
  public mutating func text(
    _ content: String, _ x: Double, _ y: Double, size: Double = 12, anchor: Anchor = .start, weight: String? = nil,
    fill: String = "#222", rotate: Double? = nil, middle: Bool = false, halo: Bool = false, title: String? = nil
  ) {
    let n = Self.number
    let attributes =
      "x=\"\(n(x))\" y=\"\(n(y))\""
      + Self.attributes([
        ("font-size", n(size)), ("text-anchor", anchor == .start ? nil : anchor.rawValue), ("font-weight", weight),
        ("fill", fill), ("dy", middle ? "0.35em" : nil),
        ("transform", rotate.map { "rotate(\(n($0)) \(n(x)) \(n(y)))" }),
        // A white outline painted under the letters keeps a label readable over points and lines.
        ("stroke", halo ? "#ffffff" : nil), ("stroke-width", halo ? "3" : nil),
        ("stroke-linejoin", halo ? "round" : nil), ("paint-order", halo ? "stroke" : nil),
      ])
    elements.append("<text \(attributes)>\(Self.tooltip(title))\(HTML.escape(content))</text>")
  }

  /// The drawing as an inline `<svg>` element with an accessible title and description.
  public func rendered(id: String, title: String, description: String) -> String {
    let n = Self.number
    let classes = layout.map { $0.isNarrow ? "chart narrow" : "chart wide" } ?? "chart"
    return "<svg id=\"\(HTML.escape(id))\" class=\"\(classes)\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
      + "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-labelledby=\"\(HTML.escape(id))-title "
      + "\(HTML.escape(id))-desc\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif\">\n"
      + "<title id=\"\(HTML.escape(id))-title\">\(HTML.escape(title))</title>\n"
      + "<desc id=\"\(HTML.escape(id))-desc\">\(HTML.escape(description))</desc>\n"
      + elements.joined(separator: "\n") + "\n</svg>"
  }

  /// Approximate width of `text` at font size `size`: 0.6 em a character, a little wider than most sans-serif fonts
  /// average, so labels placed by it do not collide.
  public static func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.6 }
}
