import Foundation
import Testing
import Tradeable
import _TestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses a page as XML and keeps what the tests look at: every element with its attributes, its nesting and its
/// own text.
final class PageOutline: NSObject, XMLParserDelegate {
  struct Element {
    var name: String
    var attributes: [String: String]
    /// Names of the enclosing elements, outermost first.
    var ancestors: [String]
    /// `id` of the enclosing `svg`, if any.
    var svg: String?
    var text = ""
    var children: [String] = []
    /// Text of its `<title>` child (an SVG tooltip), if any.
    var tooltip: String?
  }

  var elements: [Element] = []
  var stack: [Int] = []
  var error: Error?

  init(_ page: String) {
    super.init()
    let parser = XMLParser(data: Data(page.utf8))
    parser.delegate = self
    if !parser.parse() { error = parser.parserError ?? NSError(domain: "xml", code: 1) }
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String]
  ) {
    let ancestors = stack.map { elements[$0].name }
    let svg =
      stack.reversed().first { elements[$0].name == "svg" }.flatMap { elements[$0].attributes["id"] }
      ?? (name == "svg" ? attributes["id"] : nil)
    if let parent = stack.last { elements[parent].children.append(name) }
    elements.append(Element(name: name, attributes: attributes, ancestors: ancestors, svg: svg))
    stack.append(elements.count - 1)
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    let closed = stack.removeLast()
    if name == "title", let parent = stack.last { elements[parent].tooltip = elements[closed].text }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if let top = stack.last { elements[top].text += string }
  }

  func named(_ name: String, in svg: String? = nil) -> [Element] {
    elements.filter { $0.name == name && (svg == nil || $0.svg == svg) }
  }

  /// Text of every `<text>` element of a chart.
  func texts(in svg: String) -> [String] { named("text", in: svg).map(\.text) }

  /// The data marks of a chart: markers (circles and polygons) that carry a tooltip.
  func marks(in svg: String) -> [Element] {
    elements.filter { ($0.name == "circle" || $0.name == "polygon") && $0.svg == svg && $0.tooltip != nil }
  }

  /// The ids of the page's charts, in order.
  var chartIDs: [String] { named("svg").compactMap { $0.attributes["id"] } }
}

/// The box a `<text>` element covers, estimated as the charts place labels (0.6 em a character, from the baseline to
/// 0.8 em above it), or `nil` for rotated text.
func textBox(_ e: PageOutline.Element) -> (x0: Double, y0: Double, x1: Double, y1: Double)? {
  guard e.attributes["transform"] == nil, let x = Double(e.attributes["x"] ?? ""), let y = Double(e.attributes["y"] ?? "")
  else { return nil }
  let size = Double(e.attributes["font-size"] ?? "12") ?? 12
  let width = SVGCanvas.textWidth(e.text, size: size)
  let x0: Double
  switch e.attributes["text-anchor"] {
  case "middle": x0 = x - width / 2
  case "end": x0 = x - width
  default: x0 = x
  }
  let baseline = e.attributes["dy"] == nil ? y : y + 0.35 * size
  return (x0, baseline - 0.8 * size, x0 + width, baseline)
}

/// Number attribute `name` of `e`.
func number(_ e: PageOutline.Element, _ name: String) -> Double { Double(e.attributes[name] ?? "") ?? .nan }

@Suite("HTML report")
struct HTMLReportTests {
  static let universe = try! Universe.load(folder: PackagePaths.bundledFutures.path)
  static let analysis = UniverseAnalysis(universe: universe, settings: PipelineSettings())

  static func page(capital: Double = 1_000_000, sweep: Bool = true, reserve: Bool = true) throws -> String {
    let selection = try analysis.select(capital: capital)
    let capitals = CapitalSweep.logSpaced(from: 10_000, to: 50_000_000, steps: 25) + [capital]
    return HTMLReport(
      selection: selection, sweep: sweep ? try CapitalSweep(analysis: analysis, capitals: Array(Set(capitals))) : nil,
      reserve: reserve ? CapitalReserve(selection: selection, universe: universe) : nil
    ).rendered()
  }

  @Test("well-formed XML, self-contained: no scripts, no external references, every chart titled")
  func wellFormed() throws {
    let page = try Self.page()
    let outline = PageOutline(page)
    #expect(outline.error == nil, "\(String(describing: outline.error))")
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    for forbidden in ["script", "link", "img", "iframe", "object", "embed", "use", "image", "foreignObject"] {
      #expect(outline.named(forbidden).isEmpty, "\(forbidden)")
    }
    #expect(outline.elements.allSatisfy { $0.attributes["src"] == nil && $0.attributes["href"] == nil })
    #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("url("))
    #expect(outline.named("style").count == 1 && outline.named("meta").contains { $0.attributes["charset"] == "utf-8" })
    // Each chart twice: for a desktop column and for a phone, side by side in one figure.
    let charts = ["chart-greedy-path", "chart-sweep", "chart-cost-capital", "chart-correlation", "chart-loss-histogram"]
    #expect(outline.chartIDs == charts.flatMap { [$0, $0 + "-narrow"] })
    for id in charts {
      let wide = outline.named("svg").first { $0.attributes["id"] == id }
      let narrow = outline.named("svg").first { $0.attributes["id"] == id + "-narrow" }
      #expect(wide?.attributes["class"] == "chart wide" && narrow?.attributes["class"] == "chart narrow", "\(id)")
    }
    for svg in outline.named("svg") {
      #expect(Array(svg.children.prefix(2)) == ["title", "desc"], "\(svg.attributes["id"] ?? "")")
      #expect(svg.attributes["viewBox"] != nil && svg.attributes["role"] == "img")
      #expect(svg.ancestors.last == "figure")
    }
    let tables = outline.named("table").compactMap { $0.attributes["id"] }
    for id in [
      "table-steps", "table-chosen", "table-sweep", "table-reserve", "table-exclusions", "table-instruments",
      "table-settings",
    ] {
      #expect(tables.contains(id), "\(id)")
    }
    // Same input, same bytes.
    #expect(try Self.page() == page)
  }

  @Test("greedy path: a point per step for Sharpe and IDM, the steps labelled in order, the IDM cap drawn")
  func greedyChart() throws {
    let outline = PageOutline(try Self.page())
    let id = "chart-greedy-path"
    // 10 steps × (Sharpe as circles, IDM as squares).
    #expect(outline.marks(in: id).filter { $0.name == "circle" }.count == 10)
    #expect(outline.marks(in: id).filter { $0.name == "polygon" }.count == 10)
    #expect(outline.named("rect", in: id).count == 10)  // capital needed per step
    let texts = outline.texts(in: id)
    #expect(texts.contains("1 NASDAQ_micro") && texts.contains("10 GAS_US_mini"))
    #expect(texts.contains("cap 2.50") && texts.contains("capital 1,000,000 USD"))
    #expect(texts.contains("Sharpe ratio") && texts.contains("IDM") && texts.contains("Step and instrument added"))
    // The Sharpe value labels are the table's, rounded: 0.40 … 1.05.
    #expect(texts.contains("0.40") && texts.contains("1.05"))
  }

  @Test("sweep: a point per capital with a selection, log capital axis labelled 10k…10M with its unit")
  func sweepChart() throws {
    let outline = PageOutline(try Self.page())
    let id = "chart-sweep"
    let texts = outline.texts(in: id)
    for label in ["10k", "100k", "1M", "10M", "Capital, USD (logarithmic scale)", "Sharpe ratio", "instruments"] {
      #expect(texts.contains(label), "\(label)")
    }
    // 26 capitals (25 log-spaced, and 1,000,000); 10,000 selects nothing, so 25 Sharpe points, 26 counts and 26
    // eligible counts (DESIGN.md §6b: the chart marks the pool at each capital). On this sweep two rows are carried
    // (4,170,000 from 2,920,000 and 12,100,000 from 8,480,000): hollow diamonds in place of dots, and a legend entry.
    let marks = outline.marks(in: id)
    let sharpePoints = marks.filter { $0.tooltip?.contains(": Sharpe ") == true }
    #expect(sharpePoints.count == 25)
    let carried = sharpePoints.filter { $0.tooltip!.contains("carried from the previous capital") }
    #expect(carried.count == 2)
    #expect(carried.allSatisfy { $0.name == "polygon" && $0.attributes["fill"] == "#ffffff" })
    #expect(sharpePoints.filter { $0.name == "circle" }.count == 23)
    #expect(texts.contains("Instruments eligible (every filter passed)"))
    #expect(texts.contains("set carried from the previous capital"))
    #expect(texts.contains("1,000,000 USD"))
    let rows = outline.named("tr").filter { $0.attributes["class"] == "current" && $0.ancestors.contains("table") }
    #expect(!rows.isEmpty)
  }

  @Test("costs against capital: every instrument with a cost and a capital drawn once, classes in the legend")
  func costChart() throws {
    let outline = PageOutline(try Self.page())
    let id = "chart-cost-capital"
    let metrics = Self.analysis.metrics
    let standalone = Self.analysis.standaloneCapital
    let drawable = metrics.indices.filter { (metrics[$0].annualSRCost ?? 0) > 0 && (standalone[$0] ?? 0) > 0 }
      .map { metrics[$0] }
    let marks = outline.marks(in: id)
    let triangles = marks.filter { $0.tooltip!.hasSuffix("(off the scale)") }
    #expect(marks.count == drawable.count)
    // Triangles: costs above the top of the axis (10 SR a year with the 0.10 threshold).
    #expect(triangles.count == drawable.filter { $0.annualSRCost! > 10 }.count)
    let texts = outline.texts(in: id)
    for label in [
      "Capital needed on its own, USD (logarithmic scale)", "Annual cost, SR units (logarithmic scale)",
      "cost threshold 0.1 SR/year", "capital 1,000,000 USD", "chosen", "eligible", "excluded",
    ] {
      #expect(texts.contains(label), "\(label)")
    }
    for assetClass in Set(Self.universe.instruments.map(\.assetClass)) {
      #expect(texts.contains { $0.hasPrefix(assetClass + " (") }, "\(assetClass)")
    }
    // Status reads from shape as well as fill: chosen are large ringed circles, eligible filled circles, excluded
    // hollow diamonds (off-scale ones hollow triangles).
    for mark in marks {
      let tip = mark.tooltip!
      if tip.hasSuffix("(off the scale)") {
        #expect(mark.name == "polygon" && mark.attributes["fill"] == "#ffffff" && mark.attributes["points"]!.split(separator: " ").count == 3)
      } else if tip.contains("; excluded") {
        #expect(mark.name == "polygon" && mark.attributes["fill"] == "#ffffff" && mark.attributes["points"]!.split(separator: " ").count == 4, "\(tip)")
      } else if tip.contains("; eligible") {
        #expect(mark.name == "circle" && mark.attributes["fill"] != "#ffffff" && number(mark, "r") == 4.2, "\(tip)")
      } else {
        #expect(tip.contains("; selected") && mark.name == "circle" && number(mark, "r") == 6.5 && mark.attributes["stroke"] == "#111111", "\(tip)")
      }
    }
    #expect(marks.filter { $0.tooltip!.contains("; selected") }.count == 12)
    // The twelve chosen instruments (the refined set, SearchGoldenTests) are labelled.
    for code in [
      "CNH", "COCOA_LDN", "EU-HEALTH", "EURCHF", "GAS_US_mini", "GBPEUR", "JPY", "LEANHOG", "MILLWHEAT", "ROBUSTA",
      "SHATZ", "SOYMEAL",
    ] {
      #expect(texts.contains(code), "\(code)")
    }
  }

  @Test("heatmap: n × n cells with the selection's correlations, codes on both axes")
  func heatmap() throws {
    let selection = try Self.analysis.select(capital: 1_000_000)
    let outline = PageOutline(try Self.page())
    let id = "chart-correlation"
    let cells = outline.named("rect", in: id).filter { $0.children.contains("title") }
    #expect(cells.count == 144)
    // Cell (CNH, EU-HEALTH), first and last of the chosen set, carries the repaired correlation the selection used,
    // to three decimals.
    #expect(selection.portfolio.codes.first == "CNH" && selection.portfolio.codes.last == "EU-HEALTH")
    let c = selection.correlation.selected[0, 11]
    #expect(cells.contains { $0.tooltip == "CNH / EU-HEALTH: \(NumberFormat.fixed(c, decimals: 3))" })
    #expect(outline.texts(in: id).filter { $0 == "CNH" }.count == 2)
  }

  @Test("loss histogram: the bars count every day of the window; both quantile losses marked")
  func histogram() throws {
    let outline = PageOutline(try Self.page())
    let id = "chart-loss-histogram"
    let bars = outline.named("rect", in: id).filter { $0.children.contains("title") }
    let days = bars.compactMap { $0.tooltip.flatMap { Int($0.prefix { $0 != " " }) } }.reduce(0, +)
    #expect(bars.allSatisfy { $0.tooltip?.contains(" from ") == true })
    #expect(days == 512)
    // The edge bars are open-ended: their tooltips give the true range, from the worst day and up to the best.
    let reserve = try #require(CapitalReserve(selection: try Self.analysis.select(capital: 1_000_000), universe: Self.universe))
    let worst = NumberFormat.money(reserve.dailyProfitAndLoss.min()!)
    let best = NumberFormat.money(reserve.dailyProfitAndLoss.max()!)
    let xs = bars.map { number($0, "x") }
    let first = bars[xs.firstIndex(of: xs.min()!)!].tooltip!
    let last = bars[xs.firstIndex(of: xs.max()!)!].tooltip!
    #expect(first.contains(" from \(worst) to ") && first.contains("(the first bar: every day below "), "\(first)")
    #expect(last.contains(" to \(best) USD") && last.contains("(the last bar: every day from "), "\(last)")
    // No label over a bar or a line: no text box meets a bar, a vertex of the normal curve or a quantile line.
    let curve = outline.named("polyline", in: id).flatMap { line in
      line.attributes["points"]!.split(separator: " ").map { pair in
        let xy = pair.split(separator: ",").map { Double($0)! }
        return (xy[0], xy[1])
      }
    }
    let markers = outline.named("line", in: id).filter { $0.attributes["stroke-dasharray"] != nil }
    for element in outline.named("text", in: id) {
      guard let box = textBox(element) else { continue }
      for bar in bars {
        let (x, y) = (number(bar, "x"), number(bar, "y"))
        let overlaps = box.x0 < x + number(bar, "width") && x < box.x1 && box.y0 < y + number(bar, "height") && y < box.y1
        #expect(!overlaps, "'\(element.text)' over a bar")
      }
      #expect(!curve.contains { $0.0 > box.x0 && $0.0 < box.x1 && $0.1 > box.y0 && $0.1 < box.y1 }, "'\(element.text)' over the curve")
      for line in markers {
        let (x, y1, y2) = (number(line, "x1"), number(line, "y1"), number(line, "y2"))
        #expect(!(x > box.x0 && x < box.x1 && min(y1, y2) < box.y1 && max(y1, y2) > box.y0), "'\(element.text)' over a line")
      }
    }
    let texts = outline.texts(in: id)
    #expect(!texts.contains { $0.hasPrefix("incl.") })
    // Tests/References/reserve_reference.py on the refined set at 1,000,000 USD.
    #expect(texts.contains("long book: 2% of days lose over 17,843 USD"))
    #expect(texts.contains("short book: 2% of days lose over 18,283 USD"))
    #expect(texts.contains("One-day P&L of the long book at the target positions, USD") && texts.contains("days"))
  }

  @Test("the refinement after the greedy path: the winning start and its twelve moves (SearchGoldenTests)")
  func refinement() throws {
    let page = try Self.page(sweep: false, reserve: false)
    let outline = PageOutline(page)
    #expect(page.contains("Beyond the greedy path"))
    #expect(page.contains("the best came from the greedy set at 140,280 USD (ladder) in 12 moves."))
    #expect(outline.error == nil)
    let table = try #require(page.range(of: "id=\"table-refinement\"")).upperBound
    let end = try #require(page[table...].range(of: "</table>")).lowerBound
    // A header row and one row per move.
    #expect(page[table..<end].components(separatedBy: "<tr").count - 1 == 13)
  }

  @Test("without sweep and reserve, and with nothing selected, the page is still whole")
  func variants() throws {
    let bare = PageOutline(try Self.page(sweep: false, reserve: false))
    #expect(bare.error == nil)
    #expect(
      bare.chartIDs == [
        "chart-greedy-path", "chart-greedy-path-narrow", "chart-cost-capital", "chart-cost-capital-narrow",
        "chart-correlation", "chart-correlation-narrow",
      ])
    let empty = try Self.page(capital: 1_000, sweep: false, reserve: true)
    let outline = PageOutline(empty)
    #expect(outline.error == nil)
    #expect(
      empty.contains(
        "Nothing can be selected with 1,000 USD. The smallest capital that admits an instrument is 12,400 USD "
          + "(ETHER-micro)."))
    #expect(outline.chartIDs == ["chart-cost-capital", "chart-cost-capital-narrow"])
  }

  @Test("phone drawings: 360 wide, the same marks as the desktop ones, no text under 10 units or off the canvas")
  func narrowCharts() throws {
    let outline = PageOutline(try Self.page())
    for id in ["chart-greedy-path", "chart-sweep", "chart-cost-capital", "chart-correlation", "chart-loss-histogram"] {
      let narrow = id + "-narrow"
      let svg = outline.named("svg").first { $0.attributes["id"] == narrow }!
      #expect(svg.attributes["viewBox"]!.hasPrefix("0 0 360 "), "\(id)")
      #expect(outline.marks(in: narrow).count == outline.marks(in: id).count, "\(id)")
      let tooltips = { (svg: String) in
        outline.elements.filter { $0.svg == svg && $0.name == "rect" }.compactMap(\.tooltip)
      }
      #expect(tooltips(narrow) == tooltips(id), "\(id)")
      for text in outline.named("text", in: narrow) {
        #expect(number(text, "font-size") >= 10, "\(id): '\(text.text)'")
        guard let box = textBox(text) else { continue }
        #expect(box.x0 >= 0 && box.x1 <= 360, "\(id): '\(text.text)' leaves the canvas (\(box.x0)…\(box.x1))")
      }
    }
  }

  @Test("the set is described by its search and weighting scheme wherever the page describes it")
  func setDescription() throws {
    let page = try Self.page()
    // Lead, Sharpe card, chosen set, sweep, heatmap caption.
    #expect(page.components(separatedBy: "refined search with equal risk weights").count - 1 == 5)
    var settings = PipelineSettings()
    settings.selection.weighting = .maxSharpe
    settings.selection.search.mode = .greedy
    let selection = try UniverseAnalysis(universe: Self.universe, settings: settings).select(capital: 1_000_000)
    let other = HTMLReport(selection: selection).rendered()
    #expect(other.contains("found by greedy search with max-Sharpe risk weights"))
    #expect(!other.contains("equal risk weights"))
  }

  @Test("settings: every setting listed once, by stage, with a plain label and its JSON key")
  func settingsTable() throws {
    let outline = PageOutline(try Self.page())
    let keys = PipelineSettings.flattened(PipelineSettings().json).map(\.0)
    // Every default setting has a label: a setting added to a stage's settings type needs one in
    // `PipelineSettings.settingLabels` (until then the report lists it under its JSON key).
    for key in keys { #expect(PipelineSettings.settingLabels[key] != nil, "no label for setting '\(key)'") }
    #expect(Set(PipelineSettings.settingLabels.keys) == Set(keys), "labels for settings that do not exist")
    let rows = outline.named("tr").filter { $0.ancestors.contains("tbody") && $0.children.contains("td") }
    let codes = outline.named("code").filter { $0.ancestors.contains("td") }.map(\.text)
    #expect(codes == keys)
    let groups = outline.named("tr").filter { $0.attributes["class"] == "group" }
    #expect(groups.count == 6)
    #expect(rows.count >= keys.count)
    let cells = outline.named("td").map(\.text)
    for (label, value) in [
      ("Target volatility, a year", "0.2 (20%)"), ("At most", "no limit"), ("History: at least", "512 daily prices"),
      ("Liquidity: mean traded value a day at least", "10,000,000 USD"), ("Weighting scheme", "equal"),
    ] {
      let k = cells.firstIndex(of: label)
      #expect(k != nil && cells[k! + 1] == value, "\(label)")
    }
  }
}

@Suite("Chart helpers")
struct ChartHelperTests {
  @Test("log scale: whole decades, decade ticks past three decades, 1-2-5 below, minor ticks between")
  func logScale() {
    let wide = LogScale(10_000, 50_000_000, range: (0, 400))
    #expect(approximately(wide.domain.0, 1e4) && approximately(wide.domain.1, 1e8))
    #expect(approximately(wide.ticks, [1e4, 1e5, 1e6, 1e7, 1e8]))
    #expect(wide.minorTicks.count == 4 * 8)
    #expect(approximately(wide.position(1e6), 200))  // two decades of four
    let narrow = LogScale(0.002, 0.3, range: (0, 100))
    #expect(approximately(narrow.ticks, [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]))
    #expect(
      narrow.ticks.map { narrow.label($0) } == [
        "0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1",
      ])
  }

  @Test("linear scale: nice steps and a widened domain")
  func linearScale() {
    let s = LinearScale(0, 1.13, range: (100, 0), tickCount: 5)
    #expect(approximately(s.step, 0.25) && approximately(s.domain.1, 1.25))
    #expect(s.ticks.map { s.label($0) } == ["0.00", "0.25", "0.50", "0.75", "1.00", "1.25"])
    #expect(approximately(s.position(1.25), 0) && approximately(s.position(0), 100))
    let money = LinearScale(-61_000, 38_000, range: (0, 1), tickCount: 5, format: { compactNumber($0) })
    #expect(money.ticks.map { money.label($0) } == ["-80k", "-60k", "-40k", "-20k", "0", "20k", "40k"])
  }

  @Test("compact numbers and attribute numbers")
  func numbers() {
    #expect(compactNumber(1_000_000) == "1M" && compactNumber(2_500) == "2.5k" && compactNumber(10_000) == "10k")
    #expect(compactNumber(50_000_000) == "50M" && compactNumber(1e9) == "1B" && compactNumber(-1_740_000) == "-1.74M")
    #expect(compactNumber(0.001) == "0.001" && compactNumber(0.0001) == "0.0001" && compactNumber(0) == "0")
    #expect(SVGCanvas.number(12.5) == "12.5" && SVGCanvas.number(3) == "3" && SVGCanvas.number(-0.001) == "0")
    #expect(SVGCanvas.number(1.0 / 3) == "0.33")
    #expect(HTML.escape("P&L <1> \"q\" 'a'") == "P&amp;L &lt;1&gt; &quot;q&quot; &#39;a&#39;")
  }

  @Test("heatmap colours: white at 0, darkest blue at 1, red below 0")
  func colours() {
    #expect(CorrelationHeatmap.colour(0) == "#f7fbff")
    #expect(CorrelationHeatmap.colour(1) == "#08306b")
    #expect(CorrelationHeatmap.colour(-1) == "#b2182b")
    #expect(CorrelationHeatmap.colour(2) == "#08306b")
  }

  @Test("category palette stays apart in CIEDE2000 for normal vision and simulated protanopia, deuteranopia, tritanopia")
  func paletteDistances() {
    // Golden values: Tests/References/palette_distances.py (same simulation and formula, numpy).
    let expected: [(ColourVision.Simulation, Double)] = [
      (.normal, 21.7239), (.protanopia, 11.7970), (.deuteranopia, 11.6051), (.tritanopia, 10.8686),
    ]
    #expect(ChartColour.palette.count == 10 && Set(ChartColour.palette).count == 10)
    for (simulation, golden) in expected {
      let labs = ChartColour.palette.map { ColourVision.lab(ColourVision.simulate($0, simulation)) }
      var smallest = Double.infinity
      for i in labs.indices { for j in labs.indices where j > i { smallest = min(smallest, ColourVision.ciede2000(labs[i], labs[j])) } }
      #expect(approximately(smallest, golden, absolute: 1e-3), "\(simulation): \(smallest)")
      #expect(smallest > 10, "\(simulation)")
    }
    // Sharma, Wu & Dalal (2005), Table 1, pair 1: ΔE00 = 2.0425.
    #expect(approximately(ColourVision.ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)), 2.0425, absolute: 1e-4))
  }

  @Test("markers: hollow and filled ones differ in shape too; every shape drawn as its corners")
  func markers() {
    #expect(ChartMarker.eligible.filled && !ChartMarker.excluded.filled)
    #expect(ChartMarker.eligible.shape != ChartMarker.excluded.shape)
    #expect(ChartMarker.chosen.shape == .circle && ChartMarker.chosen.size > ChartMarker.eligible.size)
    var canvas = SVGCanvas(width: 100, height: 100)
    canvas.marker(.excluded, 50, 50, colour: "#0072b2", title: "x")
    // A diamond of half-width 4.2 × 1.2 = 5.04, hollow: white inside, the colour as outline.
    #expect(canvas.elements == [
      "<polygon points=\"50,44.96 55.04,50 50,55.04 44.96,50\" fill=\"#ffffff\" stroke=\"#0072b2\" stroke-width=\"1.5\" "
        + "stroke-linejoin=\"round\"><title>x</title></polygon>"
    ])
  }

  @Test("asset-class colours: fixed for known classes, distinct, deterministic")
  func classColours() {
    let colours = ChartColour.classColours(["FX", "Equity", "Zeta", "Alpha", "Bond"])
    #expect(colours["Equity"] == ChartColour.palette[0] && colours["Bond"] == ChartColour.palette[1])
    #expect(Set(colours.values).count == 5)
    #expect(ChartColour.classColours(["Bond", "Alpha", "Zeta", "FX", "Equity"]) == colours)
  }

  @Test("colour only on a terminal, never with NO_COLOR, never on a dumb terminal")
  func terminalColour() {
    #expect(TerminalStyle.allowsColour(isTerminal: true, noColor: nil, term: "xterm-256color"))
    #expect(!TerminalStyle.allowsColour(isTerminal: false, noColor: nil, term: "xterm"))
    #expect(!TerminalStyle.allowsColour(isTerminal: true, noColor: "1", term: "xterm"))
    #expect(TerminalStyle.allowsColour(isTerminal: true, noColor: "", term: "xterm"))  // empty NO_COLOR is unset
    #expect(!TerminalStyle.allowsColour(isTerminal: true, noColor: nil, term: "dumb"))
    #expect(TerminalStyle.plain.bold("x") == "x" && TerminalStyle(colour: true).bold("x") == "\u{1B}[1mx\u{1B}[0m")
  }
}
