/// Every colour the charts use: the one place to pick one, so that all charts of a page agree and stay apart for
/// readers with a colour-vision deficiency.
///
/// Categories (asset classes) take **Okabe–Ito's eight colours** (Okabe & Ito, "Color Universal Design", 2002: orange,
/// sky blue, bluish green, yellow, blue, vermillion, reddish purple, black) **extended by two dark colours of Paul
/// Tol's "muted" scheme** (indigo and wine), so that ten classes get ten colours. Okabe–Ito is the palette designed
/// and most checked for protanopia, deuteranopia and tritanopia; Tableau 10, used before, puts green next to red and
/// orange (its green and red are 0.7 apart in CIEDE2000 under simulated deuteranopia). Under the Machado, Oliveira &
/// Fernandes (2009) simulation of each deficiency at full severity, every two of the ten colours here stay at least
/// 10.8 apart in CIEDE2000 (normal vision: 21.7); `Tests/References/palette_distances.py` computes it and the tests
/// check it. A chart never relies on colour alone: markers differ in shape (`ChartMarker`), lines are labelled, and
/// every point carries a tooltip naming its class.
public enum ChartColour {
  public static let text = "#222222"
  public static let mutedText = "#555555"
  public static let axis = "#888888"
  public static let grid = "#e4e4e4"
  /// Lighter grid lines between labelled ticks (minor ticks, steps).
  public static let minorGrid = "#f1f1f1"

  /// The first data series of a chart (Okabe–Ito blue).
  public static let primary = "#0072b2"
  /// A light tint of `primary` for bars and areas, so lines and markers drawn over them stand out.
  public static let primaryLight = "#9cc3e0"
  /// The second data series (Okabe–Ito vermillion).
  public static let secondary = "#d55e00"
  /// A third data series (Okabe–Ito bluish green), for marks added beside the first two.
  public static let tertiary = "#009e73"
  /// Reference marks: the capital, a chosen point's outline.
  public static let marker = "#111111"
  /// Limits and thresholds (the cost threshold, the IDM cap): Tol's wine, apart from every series colour.
  public static let threshold = "#882255"
  /// Outcomes beyond a limit on the downside (the long book's losses past its quantile): Okabe–Ito vermillion.
  public static let highlight = "#d55e00"
  /// The other side's outcomes beyond a limit (the short book's): Tol's indigo, apart from `highlight` in every
  /// simulated deficiency and darker than `primaryLight`.
  public static let highlightOther = "#332288"
  /// A shaded region that a limit rules out (too expensive).
  public static let excludedRegion = "#f7e4ec"
  /// A shaded region that the capital rules out.
  public static let unaffordableRegion = "#ececec"
  /// The colour of a class beyond the tenth.
  public static let otherClass = "#999999"

  /// The ten category colours, in the order classes without a fixed colour take them.
  public static let palette = [
    "#0072b2",  // blue (Okabe–Ito)
    "#e69f00",  // orange (Okabe–Ito)
    "#009e73",  // bluish green (Okabe–Ito)
    "#56b4e9",  // sky blue (Okabe–Ito)
    "#000000",  // black (Okabe–Ito)
    "#d55e00",  // vermillion (Okabe–Ito)
    "#cc79a7",  // reddish purple (Okabe–Ito)
    "#332288",  // indigo (Tol, muted)
    "#882255",  // wine (Tol, muted)
    "#f0e442",  // yellow (Okabe–Ito): the faintest on white, so it goes to the rarest class
  ]

  /// pysystemtrade's asset classes, each with a fixed colour so that every report colours a class the same way; the
  /// largest classes take the strongest colours, the rarest the yellow.
  static let fixed: [String: Int] = [
    "Equity": 0, "Bond": 1, "Ags": 2, "FX": 3, "Metals": 4, "OilGas": 5, "Sector": 6, "Vol": 7, "STIR": 8,
    "Housing": 9,
  ]

  /// A colour for each class of `classes`: the fixed colour of a pysystemtrade class, else the unused colours in
  /// byte order of the class names, then `otherClass`.
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
      result[name] = free.isEmpty ? otherClass : palette[free.removeFirst()]
    }
    return result
  }
}
