import Tradeable

/// The factor test's mean rank IC as a heatmap: one row per metric, one column per window, blue for a positive IC and
/// red for a negative one (the correlation heatmap's colours, `CorrelationHeatmap.colour`), full colour at the largest
/// |IC| of the table; each cell carries its value, and its tooltip the t-statistic and months.
public struct FactorICHeatmap: Chart {
  public var metrics: [FactorMetric]
  public var windows: [MetricWindow]
  /// `meanIC[metric][window]`; `nil` when the cell has no month.
  public var meanIC: [[Double?]]
  /// `tStatistic[metric][window]`.
  public var tStatistic: [[Double?]]
  /// `months[metric][window]`.
  public var months: [[Int]]

  public init(test: FactorTest) {
    metrics = FactorMetric.allCases
    windows = test.settings.windows
    meanIC = metrics.map { m in test.settings.windows.map { w in test.cell(m, w)?.meanIC } }
    tStatistic = metrics.map { m in test.settings.windows.map { w in test.cell(m, w)?.tStatistic } }
    months = metrics.map { m in test.settings.windows.map { w in test.cell(m, w)?.months ?? 0 } }
  }

  public func svg(id: String = "chart-factor-ic", layout: ChartLayout = .wide) -> String {
    let labelSize = layout.labelSize
    let rowLabel = (metrics.map { SVGCanvas.textWidth($0.title, size: labelSize) }.max() ?? 0) + 12
    let keyWidth = layout.isNarrow ? 0.0 : 150.0
    let cellWidth = min(120, max(44, (layout.width - rowLabel - keyWidth - 16) / Double(max(windows.count, 1))))
    let cellHeight = 30.0
    let top = layout.headingSize + labelSize + 30
    let left = rowLabel
    let gridHeight = cellHeight * Double(metrics.count)
    let keyTop = layout.isNarrow ? top + gridHeight + 24 : top
    let height = layout.isNarrow ? keyTop + 40 : top + gridHeight + 16
    var canvas = SVGCanvas(layout: layout, height: height)
    canvas.text(
      layout.isNarrow ? "Mean rank IC" : "Mean rank IC with the next month's return", 4, layout.headingSize + 4,
      size: layout.headingSize, weight: "600")
    let largest = max(meanIC.flatMap { $0 }.compactMap { $0.map(abs) }.max() ?? 0, 0.01)
    for (w, window) in windows.enumerated() {
      canvas.text(
        window.rawValue, left + cellWidth * (Double(w) + 0.5), top - 8, size: labelSize, anchor: .middle,
        fill: ChartColour.text)
    }
    for (r, metric) in metrics.enumerated() {
      let y = top + cellHeight * Double(r)
      canvas.text(metric.title, left - 8, y + cellHeight / 2, size: labelSize, anchor: .end, fill: ChartColour.text,
        middle: true)
      for w in windows.indices {
        let x = left + cellWidth * Double(w)
        guard let value = meanIC[r][w] else {
          canvas.rect(x, y, cellWidth, cellHeight, fill: "#f4f4f4", stroke: "#ffffff", title: "no month")
          canvas.text("—", x + cellWidth / 2, y + cellHeight / 2, size: labelSize, anchor: .middle,
            fill: ChartColour.mutedText, middle: true)
          continue
        }
        let scaled = value / largest
        canvas.rect(
          x, y, cellWidth, cellHeight, fill: CorrelationHeatmap.colour(scaled), stroke: "#ffffff",
          title: "\(metric.title), \(windows[w].rawValue): mean IC \(NumberFormat.fixed(value, decimals: 4)), t "
            + "\(NumberFormat.fixed(tStatistic[r][w], decimals: 2)), \(months[r][w]) months")
        canvas.text(
          NumberFormat.fixed(value, decimals: 3), x + cellWidth / 2, y + cellHeight / 2, size: labelSize,
          anchor: .middle, fill: abs(scaled) > 0.6 ? "#ffffff" : ChartColour.text, middle: true)
      }
    }
    // Colour key: −largest … +largest.
    let keyX = layout.isNarrow ? left : left + cellWidth * Double(windows.count) + 30
    let keyLength = layout.isNarrow ? min(200.0, layout.width - left - 20) : 16.0
    let steps = 20
    for k in 0..<steps {
      let t = -1 + 2 * (Double(k) + 0.5) / Double(steps)
      if layout.isNarrow {
        canvas.rect(keyX + keyLength * Double(k) / Double(steps), keyTop, keyLength / Double(steps) + 0.5, 12,
          fill: CorrelationHeatmap.colour(t))
      } else {
        canvas.rect(keyX, top + gridHeight * Double(steps - 1 - k) / Double(steps), keyLength,
          gridHeight / Double(steps) + 0.5, fill: CorrelationHeatmap.colour(t))
      }
    }
    let high = "+" + NumberFormat.fixed(largest, decimals: 3)
    let low = "−" + NumberFormat.fixed(largest, decimals: 3)
    if layout.isNarrow {
      canvas.text(low, keyX, keyTop + 26, size: labelSize, fill: ChartColour.mutedText)
      canvas.text("0", keyX + keyLength / 2, keyTop + 26, size: labelSize, anchor: .middle, fill: ChartColour.mutedText)
      canvas.text(high, keyX + keyLength, keyTop + 26, size: labelSize, anchor: .end, fill: ChartColour.mutedText)
    } else {
      canvas.text(high, keyX + keyLength + 6, top + 4, size: labelSize, fill: ChartColour.mutedText, middle: true)
      canvas.text("0", keyX + keyLength + 6, top + gridHeight / 2, size: labelSize, fill: ChartColour.mutedText,
        middle: true)
      canvas.text(low, keyX + keyLength + 6, top + gridHeight - 4, size: labelSize, fill: ChartColour.mutedText,
        middle: true)
    }
    return canvas.rendered(
      id: id, title: "Mean rank IC by metric and window",
      description: "Mean Spearman correlation, over the month ends with enough products, between each metric over "
        + "each window and the next month's return; blue positive, red negative.")
  }
}
