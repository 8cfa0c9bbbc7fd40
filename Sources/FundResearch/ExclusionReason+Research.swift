import Tradeable

/// The reasons fund research gives besides cleaning's (`frequency`, `history`) and FOF selection's.
extension ExclusionReason {
  /// No full window at the date (rank scoring: the series starts after the trailing window's start).
  public static let window = ExclusionReason(rawValue: "window")
  /// Too few dates in common with the factors for a regression or a style analysis.
  public static let overlap = ExclusionReason(rawValue: "overlap")
  /// Style analysis: a factor is a combination of the others over the product's dates (the weights are not unique).
  public static let collinear = ExclusionReason(rawValue: "collinear")
}
