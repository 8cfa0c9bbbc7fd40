/// Colours shared by every chart, chosen to stay apart for readers with colour-vision deficiencies.
public enum ChartColour {
  public static let text = "#222222"
  public static let mutedText = "#555555"
  public static let axis = "#888888"
  public static let grid = "#e4e4e4"
  public static let primary = "#1f5f9e"
  public static let secondary = "#c2571a"
  public static let marker = "#111111"
  public static let threshold = "#8b1a1a"
  public static let highlight = "#d62728"

  /// Asset-class colours (Tableau 10): well-known pysystemtrade classes get a fixed colour so reports agree; others
  /// take the unused colours in byte order of their names, then grey.
  public static let palette = [
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
  ]
  static let fixed: [String: Int] = [
    "Equity": 0, "Bond": 1, "Ags": 2, "FX": 3, "Metals": 4, "OilGas": 5, "Sector": 6, "Vol": 7, "Housing": 8,
    "STIR": 9,
  ]

  /// A colour for each class of `classes`.
  public static func classColours(_ classes: [String]) -> [String: String] {
    var result: [String: String] = [:]
    var used = Set<Int>()
    let sorted = Set(classes).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    for name in sorted {
      if let k = fixed[name] {
        result[name] = palette[k]
        used.insert(k)
      }
    }
    var free = palette.indices.filter { !used.contains($0) }
    for name in sorted where result[name] == nil {
      result[name] = free.isEmpty ? "#7f7f7f" : palette[free.removeFirst()]
    }
    return result
  }
}
