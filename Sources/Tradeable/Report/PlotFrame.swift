/// The rectangle of a canvas where data is drawn; axes and labels go in the margins around it.
public struct PlotFrame: Sendable {
  public var left: Double
  public var top: Double
  public var width: Double
  public var height: Double

  public init(left: Double, top: Double, width: Double, height: Double) {
    self.left = left
    self.top = top
    self.width = width
    self.height = height
  }

  public var right: Double { left + width }
  public var bottom: Double { top + height }
}
