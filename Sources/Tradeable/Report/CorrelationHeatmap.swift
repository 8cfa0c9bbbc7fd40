import LinearAlgebra

/// The correlation matrix of the chosen set as a heatmap: one cell per pair, white at 0 and dark blue at 1 (red below
/// 0, which only a negative floor allows), the value written in the cell when there is room, codes on both axes in
/// selection order, and a colour key.
public struct CorrelationHeatmap: Chart {
  public var codes: [String]
  /// `codes.count × codes.count`, symmetric.
  public var matrix: Matrix

  public init(codes: [String], matrix: Matrix) {
    precondition(matrix.rows == codes.count && matrix.columns == codes.count, "one row and column per code")
    self.codes = codes
    self.matrix = matrix
  }

  /// Sequential blues for 0…1 (ColorBrewer "Blues").
  static let blues: [(Double, Double, Double)] = [
    (247, 251, 255), (222, 235, 247), (198, 219, 239), (158, 202, 225), (107, 174, 214), (66, 146, 198),
    (33, 113, 181), (8, 81, 156), (8, 48, 107),
  ]
  /// Reds for −1…0, white at 0.
  static let reds: [(Double, Double, Double)] = [
    (255, 255, 255), (253, 219, 199), (244, 165, 130), (214, 96, 77), (178, 24, 43),
  ]

  /// The fill of a cell with correlation `value`.
  public static func colour(_ value: Double) -> String {
    let v = min(max(value, -1), 1)
    let stops = v >= 0 ? blues : reds
    let t = abs(v) * Double(stops.count - 1)
    let k = min(Int(t), stops.count - 2)
    let f = t - Double(k)
    let a = stops[k]
    let b = stops[k + 1]
    func channel(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
    return hex(channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
  }

  static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
    let digits = Array("0123456789abcdef")
    return "#" + [r, g, b].map { String([digits[$0 / 16], digits[$0 % 16]]) }.joined()
  }

  public func svg(id: String = "chart-correlation", layout: ChartLayout = .wide) -> String {
    let n = codes.count
    let labelSize = layout.labelSize
    // Row labels at the layout's size, smaller when the cells are small.
    let provisionalLabel = (codes.map { SVGCanvas.textWidth($0, size: labelSize) }.max() ?? 0) + 10
    let keyRoom = layout.isNarrow ? 0.0 : 130.0  // the key goes right of the grid on a desktop, below it on a phone
    // Cells fill the width left by the row labels, the key and the last column's slanted label.
    let fit =
      (layout.width - max(provisionalLabel + 8, 60) - keyRoom - (layout.isNarrow ? provisionalLabel * 0.71 : 8))
      / max(Double(n) - (layout.isNarrow ? 0.5 : 0), 1)
    let cell = min(44, max(layout.isNarrow ? 8 : 11, layout.isNarrow ? fit : min(fit, 600 / Double(max(n, 1)))))
    let fontSize = cell >= 20 ? labelSize : cell >= 14 ? labelSize - 1 : labelSize - 3
    let labelWidth = (codes.map { SVGCanvas.textWidth($0, size: fontSize) }.max() ?? 0) + 10
    let angle = 45.0
    let topLabels = labelWidth * 0.71 + 16
    let left = max(labelWidth + 8, 60)
    let top = topLabels + 8
    let gridSize = cell * Double(n)
    let valueSize = cell >= 30 ? 11.0 : 10.0
    let showValues = SVGCanvas.textWidth("0.00", size: valueSize) + 4 <= cell
    let keyX = layout.isNarrow ? left : left + gridSize + 40
    let width = layout.isNarrow ? layout.width : max(keyX + 90, 480)
    let keyBelowTop = top + gridSize + 30
    let height = layout.isNarrow ? keyBelowTop + 16 + labelSize + 12 : top + max(gridSize, 220) + 24
    var canvas = SVGCanvas(layout: ChartLayout(
      width: width, left: layout.left, right: layout.right, labelSize: labelSize, titleSize: layout.titleSize,
      headingSize: layout.headingSize, isNarrow: layout.isNarrow), height: height)
    let minimum = n > 0 ? matrix.storage.min()! : 0

    for i in 0..<n {
      canvas.text(
        codes[i], left - 6, top + cell * (Double(i) + 0.5), size: fontSize, anchor: .end, fill: ChartColour.text,
        middle: true)
      canvas.text(
        codes[i], left + cell * (Double(i) + 0.5) - 2, top - 6, size: fontSize, anchor: .start, fill: ChartColour.text,
        rotate: -angle)
      for j in 0..<n {
        let value = matrix[i, j]
        canvas.rect(
          left + cell * Double(j), top + cell * Double(i), cell, cell, fill: Self.colour(value), stroke: "#ffffff",
          strokeWidth: cell >= 14 ? 1 : 0.5,
          title: "\(codes[i]) / \(codes[j]): \(NumberFormat.fixed(value, decimals: 3))")
        if showValues {
          canvas.text(
            NumberFormat.fixed(value, decimals: 2), left + cell * (Double(j) + 0.5), top + cell * (Double(i) + 0.5),
            size: valueSize, anchor: .middle, fill: value > 0.55 ? "#ffffff" : ChartColour.text, middle: true)
        }
      }
    }

    // Colour key: from the smallest value shown (or 0) to 1.
    // (The repair can leave floored correlations a hair below 0; the key starts below 0 only for real negatives.)
    let keyLow = minimum < -0.005 ? (minimum * 10).rounded(.down) / 10 : 0
    let strips = 40
    if layout.isNarrow {
      // Horizontal, under the grid: low on the left.
      let keyWidth = min(max(gridSize, 200), width - keyX - 30)
      for s in 0..<strips {
        let v = keyLow + (1 - keyLow) * (Double(s) + 0.5) / Double(strips)
        canvas.rect(
          keyX + keyWidth * Double(s) / Double(strips), keyBelowTop, keyWidth / Double(strips) + 0.5, 14,
          fill: Self.colour(v))
      }
      canvas.rect(keyX, keyBelowTop, keyWidth, 14, fill: "none", stroke: ChartColour.axis)
      let keyScale = LinearScale(keyLow, 1, range: (keyX, keyX + keyWidth), tickCount: 4, nice: false)
      for tick in keyScale.ticks {
        let x = keyScale.position(tick)
        canvas.line(x, keyBelowTop + 14, x, keyBelowTop + 19, stroke: ChartColour.axis)
        canvas.text(
          NumberFormat.fixed(tick, decimals: 2), x, keyBelowTop + 20 + labelSize, size: labelSize, anchor: .middle,
          fill: ChartColour.mutedText)
      }
      canvas.text("correlation", keyX, keyBelowTop - 6, size: labelSize, fill: ChartColour.text)
    } else {
      let keyTop = top
      let keyHeight = max(min(gridSize, 320), 160)
      for s in 0..<strips {
        let v1 = 1 - (1 - keyLow) * Double(s) / Double(strips)
        canvas.rect(
          keyX, keyTop + keyHeight * Double(s) / Double(strips), 16, keyHeight / Double(strips) + 0.5,
          fill: Self.colour(v1 - (1 - keyLow) / Double(strips) / 2))
      }
      canvas.rect(keyX, keyTop, 16, keyHeight, fill: "none", stroke: ChartColour.axis)
      let keyScale = LinearScale(keyLow, 1, range: (keyTop + keyHeight, keyTop), tickCount: 4, nice: false)
      for tick in keyScale.ticks {
        let y = keyScale.position(tick)
        canvas.line(keyX + 16, y, keyX + 21, y, stroke: ChartColour.axis)
        canvas.text(
          NumberFormat.fixed(tick, decimals: 2), keyX + 25, y, size: labelSize, fill: ChartColour.mutedText,
          middle: true)
      }
      canvas.text("correlation", keyX, keyTop - 10, size: labelSize, fill: ChartColour.text)
    }
    return canvas.rendered(
      id: id, title: "Correlation of the chosen set",
      description: "\(n)×\(n) correlations of weekly price differences of the chosen instruments, in selection order; "
        + "darker is more correlated.")
  }
}
