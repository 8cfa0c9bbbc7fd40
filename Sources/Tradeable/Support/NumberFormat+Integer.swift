extension NumberFormat {
  /// A count with thousands separators: `12,345`. Tables and text print every count this way.
  public static func integer(_ n: Int) -> String { group(String(n)) }
}
