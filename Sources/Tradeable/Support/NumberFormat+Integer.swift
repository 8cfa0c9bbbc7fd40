extension NumberFormat {
  /// A count with thousands separators: `12,345`. Tables and text print every count this way.
  public static func integer(_ n: Int) -> String { group(String(n)) }

  /// A count and its noun, singular for one: `1 instrument`, `238 instruments`, `1,000 price rows`. `plural` defaults
  /// to `singular + "s"`.
  public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    integer(n) + " " + (n == 1 ? singular : plural ?? singular + "s")
  }
}
