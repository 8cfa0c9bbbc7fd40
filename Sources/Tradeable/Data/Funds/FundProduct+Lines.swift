/// A NAV against a product's warning and stop-loss lines (the levels private funds publish: typically 0.8 and 0.7 of
/// a NAV that started at 1; at the stop line the product is liquidated).
public struct NAVLineStatus: Sendable, Equatable {
  /// The NAV compared (the latest, as of the run's date).
  public var nav: Double
  /// The warning line, a NAV level; `nil` when none.
  public var warningLine: Double?
  /// The stop-loss line, a NAV level; `nil` when none.
  public var stopLine: Double?

  public init(nav: Double, warningLine: Double?, stopLine: Double?) {
    self.nav = nav
    self.warningLine = warningLine
    self.stopLine = stopLine
  }

  /// The fall from `nav` that reaches `line`, a fraction of the NAV: `1 − line / nav` (0.125 = the NAV can lose
  /// 12.5% before touching the line); 0 at the line, negative below it.
  public static func distance(nav: Double, to line: Double) -> Double { 1 - line / nav }

  /// `distance(nav:to:)` to the warning line.
  public var warningDistance: Double? { warningLine.map { Self.distance(nav: nav, to: $0) } }
  /// `distance(nav:to:)` to the stop line.
  public var stopDistance: Double? { stopLine.map { Self.distance(nav: nav, to: $0) } }
  /// `nav ≤ warningLine`.
  public var isAtOrBelowWarningLine: Bool { warningLine.map { nav <= $0 } ?? false }
  /// `nav ≤ stopLine`: the product is being liquidated.
  public var isAtOrBelowStopLine: Bool { stopLine.map { nav <= $0 } ?? false }
}

extension FundProduct {
  /// Where `nav` stands against the product's lines; `nil` when it has neither.
  public func lineStatus(nav: Double) -> NAVLineStatus? {
    guard warningLine != nil || stopLine != nil else { return nil }
    return NAVLineStatus(nav: nav, warningLine: warningLine, stopLine: stopLine)
  }
}
