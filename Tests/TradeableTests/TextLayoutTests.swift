import Testing
import Tradeable
import _TestSupport

@Suite("Text that fits the terminal")
struct TextLayoutTests {
  @Test("a cell cut to a width ends with …, at a space when one is near the end, never silently")
  func truncation() {
    #expect(TextTable.truncated("Corn", to: 8) == "Corn")
    #expect(TextTable.truncated("Hang Seng TECH Index", to: 20) == "Hang Seng TECH Index")
    // 19 kept characters "SGX US Dollar in Si" end mid-word; the last space (after "in", 16 ≥ 2/3 of 19) is used.
    #expect(TextTable.truncated("SGX US Dollar in Singapore Dollar", to: 20) == "SGX US Dollar in…")
    // No space in the last third: cut at the width.
    #expect(TextTable.truncated("Ultra10YearTreasuryNote", to: 10) == "Ultra10Ye…")
    #expect(TextTable.truncated("abcdef", to: 6) == "abcdef" && TextTable.truncated("abcdefg", to: 6) == "abcde…")
  }

  @Test("a table fits the width by narrowing text columns; numbers are never cut")
  func fitting() {
    var table = TextTable([("Code", .left), ("Name", .left), ("Capital (USD)", .right)])
    table.append(["SGD", "SGX US Dollar in Singapore Dollar Futures (Full-Sized)", "423,859"])
    table.append(["NASDAQ_micro", "NASDAQ micro", "1,554,400"])
    let wide = table.rendered()
    #expect(wide.contains("SGX US Dollar in Singapore Dollar Futures (Full-Sized)"))
    let narrow = table.rendered(style: TerminalStyle(colour: false, width: 50))
    let lines = narrow.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 50 }, "\(narrow)")
    #expect(narrow.contains("1,554,400") && narrow.contains("423,859") && narrow.contains("NASDAQ_micro"))
    #expect(narrow.contains("…"))
    // Narrower than the numbers allow: text columns stop at their floor, numbers stay whole.
    let tiny = table.rendered(style: TerminalStyle(colour: false, width: 10))
    #expect(tiny.contains("1,554,400") && tiny.contains("Capital (USD)"))
  }

  @Test("width: COLUMNS first, then the terminal, else none; never below 40")
  func widthRule() {
    #expect(TerminalStyle.width(columns: "80", terminal: 200) == 80)
    #expect(TerminalStyle.width(columns: nil, terminal: 132) == 132)
    #expect(TerminalStyle.width(columns: "abc", terminal: nil) == nil)
    #expect(TerminalStyle.width(columns: "30", terminal: nil) == 40)
    #expect(TerminalStyle.width(columns: "5", terminal: 100) == 100)
    #expect(TerminalStyle.width(columns: nil, terminal: nil) == nil)
  }

  @Test("select at 80 columns: every line fits, names cut with …, figures named for what they are")
  func selectAtEighty() throws {
    let universe = try Universe.load(folder: PackagePaths.bundledFutures.path)
    // §6's greedy set (needs 990,002.12… USD); it holds CNH, whose long name is cut.
    var settings = PipelineSettings()
    settings.selection.search.mode = .greedy
    let analysis = UniverseAnalysis(universe: universe, settings: settings)
    let text = try analysis.select(capital: 1_000_000).table(style: TerminalStyle(colour: false, width: 80))
    for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line.count): \(line)") }
    #expect(text.contains("SGX US Dollar in offshore…"))  // the full name is 48 characters
    #expect(text.contains("4 contracts each (USD)") && text.contains("Alone at") && text.contains("Whole"))
    // needs = portfolio.smallestCapital (990,002.12…), rounded up; the §6 step figure keeps its own name.
    #expect(text.contains("needs 990,003 USD"))
    let small = try analysis.select(capital: 12_400)
    let smallText = small.table(style: .plain)
    #expect(smallText.contains("Chosen set: 1 instrument,") && smallText.contains("1 passes every filter"))
    // ETHER-micro alone holds 4 contracts from 3,100 USD but passes the capital filter only from 12,399.x USD.
    let needs = try #require(small.portfolio.smallestCapital)
    #expect(needs > 12_399 && needs <= 12_400 && smallText.contains("needs 12,400 USD"))
    #expect(try analysis.select(capital: 12_399).portfolio.isEmpty)
  }
}
