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
}

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
    let charts = outline.named("svg").compactMap { $0.attributes["id"] }
    #expect(
      charts == ["chart-greedy-path", "chart-sweep", "chart-cost-capital", "chart-correlation", "chart-loss-histogram"])
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
    let points = outline.named("circle", in: id)
    #expect(points.count == 20)  // 10 steps × (Sharpe, IDM)
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
    // (4,170,000 from 2,920,000 and 12,100,000 from 8,480,000): open rings in place of dots, and a legend of two.
    let circles = outline.named("circle", in: id)
    #expect(circles.count == 25 + 26 + 26 + 2)
    #expect(circles.filter { $0.tooltip?.contains("carried from the previous capital") == true }.count == 2)
    #expect(texts.contains("Instruments eligible (every filter passed)"))
    #expect(texts.contains("previous capital's set, refined, won (carried)"))
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
    let points = outline.named("circle", in: id).filter { $0.children.contains("title") }
    let triangles = outline.named("polygon", in: id).filter { $0.children.contains("title") }
    #expect(points.count + triangles.count == drawable.count)
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
    let texts = outline.texts(in: id)
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
      bare.named("svg").compactMap { $0.attributes["id"] } == [
        "chart-greedy-path", "chart-cost-capital", "chart-correlation",
      ])
    let empty = try Self.page(capital: 1_000, sweep: false, reserve: true)
    let outline = PageOutline(empty)
    #expect(outline.error == nil)
    #expect(
      empty.contains(
        "Nothing can be selected with 1,000 USD. The smallest capital that admits an instrument is 12,400 USD "
          + "(ETHER-micro)."))
    #expect(outline.named("svg").compactMap { $0.attributes["id"] } == ["chart-cost-capital"])
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
