import Foundation
import Testing
import Tradeable
import _TestSupport

/// The capital sweep: log-spaced capitals, and every row equal to a selection run on its own.
@Suite("Capital sweep")
struct CapitalSweepTests {
  @Test("log-spaced capitals: ends as given, three significant digits between, increasing")
  func logSpaced() {
    let capitals = CapitalSweep.logSpaced(from: 10_000, to: 50_000_000, steps: 25)
    #expect(capitals.count == 25)
    // The ends are the given values, bit for bit.
    #expect(identical(capitals.first!, 10_000) && identical(capitals.last!, 50_000_000))
    // 10,000 × 5000^(k/24): k = 1 → 14,260.1 → 14,300; k = 12 → 707,106.8 → 707,000; k = 23 → 35,059,… → 35,100,000.
    #expect(approximately(capitals[1], 14_300))
    #expect(approximately(capitals[12], 707_000))
    #expect(approximately(capitals[23], 35_100_000))
    #expect(zip(capitals, capitals.dropFirst()).allSatisfy { $0 < $1 })
    // Every capital between the ends has at most three significant digits.
    for c in capitals.dropFirst().dropLast() {
      let digits = String(Int(c)).reversed().drop { $0 == "0" }.count
      #expect(digits <= 3, "\(c)")
    }
  }

  @Test("a dense range keeps more digits so no two capitals coincide")
  func denseRange() {
    let capitals = CapitalSweep.logSpaced(from: 100_000, to: 101_000, steps: 11)
    #expect(Set(capitals).count == 11)
    #expect(zip(capitals, capitals.dropFirst()).allSatisfy { $0 < $1 })
    // Step ratio 1.01^(1/10) ≈ 1.000995: four significant digits are needed (100,100, 100,200, …).
    #expect(approximately(capitals[1], 100_100))
  }

  @Test(
    "every row is the selection at its capital run on its own", arguments: [10_000.0, 250_000, 1_000_000, 20_000_000])
  func rowsEqualSelect(_ capital: Double) throws {
    let universe = try Universe.load(folder: PackagePaths.bundledFutures.path)
    let settings = PipelineSettings()
    let sweep = try CapitalSweep(
      analysis: UniverseAnalysis(universe: universe, settings: settings), capitals: [50_000_000, capital, 60_000])
    #expect(identical(sweep.capitals, [60_000, capital, 50_000_000].sorted()))  // the given capitals, sorted
    let row = try #require(sweep.rows.first { identical($0.capital, capital) })
    // The selection as `tradeable select` makes it: a fresh analysis with the capital in its settings.
    let alone = try UniverseAnalysis(universe: universe, settings: PipelineSettings())
      .select(capital: capital)
    #expect(row.instruments == alone.selected.map { alone.metrics[$0].code })
    #expect(row.stopReason == alone.path.stopReason)
    switch (row.sharpe, alone.path.final?.sharpe) {
    case (let a?, let b?):
      #expect(approximately(a, b, relative: 1e-14))
      #expect(approximately(row.idm!, alone.path.final!.idm, relative: 1e-14))
      #expect(approximately(row.minimumCapital!, alone.path.final!.minimumCapital, relative: 1e-14))
    case (nil, nil): #expect(row.instruments.isEmpty)
    default: Issue.record("one has a selection, the other not")
    }
  }

  @Test("outputs: table with separators and wrapped sets, JSON rows, CSV at full precision")
  func outputs() throws {
    let universe = try Universe.load(folder: PackagePaths.bundledFutures.path)
    let sweep = try CapitalSweep(
      analysis: UniverseAnalysis(universe: universe, settings: PipelineSettings()),
      capitals: [10_000, 1_000_000, 20_000_000])
    let table = sweep.table(style: TerminalStyle(colour: false, width: 100))
    #expect(table.contains("1,000,000") && table.contains("20,000,000") && table.contains("NASDAQ_micro CORN GBPEUR"))
    // The table (indented lines) fits the width: the sets wrap under their column.
    #expect(table.split(separator: "\n").filter { $0.hasPrefix("  ") }.allSatisfy { $0.count <= 100 })
    #expect(table.contains("Below 12,400 USD nothing can be selected"))
    let rows = table.split(separator: "\n").filter { $0.contains("20,000,000") }
    #expect(rows.count == 1)
    let json = sweep.json.rendered()
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let jsonRows = try #require(doc["rows"] as? [[String: Any]])
    #expect(jsonRows.count == 3)
    #expect(jsonRows[0]["sharpe"] is NSNull && jsonRows[0]["instrumentCount"] as? Int == 0)
    #expect(jsonRows[1]["instrumentCount"] as? Int == 10)
    #expect((jsonRows[1]["instruments"] as? [String])?.first == "NASDAQ_micro")
    // The eligible pool at each capital: none at 10,000; 110 at 1,000,000 (as `select` reports, 100 eligible but not
    // chosen + 10 selected); never more than the 170 of the pool.
    #expect(jsonRows.map { $0["eligibleCount"] as? Int } == sweep.rows.map(\.eligibleCount))
    #expect(sweep.rows[0].eligibleCount == 0 && sweep.rows[1].eligibleCount == 110)
    #expect(doc["poolSize"] as? Int == 170 && sweep.rows.allSatisfy { $0.eligibleCount <= 170 })
    #expect(table.contains("Eligible") && table.contains("Set needs (USD)"))
    let csv = sweep.csv.split(separator: "\n")
    #expect(
      csv[0] == "capital,instrument_count,sharpe,idm,minimum_capital,stop_reason,instruments,smallest_capital,"
        + "eligible_count")
    let fields = csv[2].split(separator: ",", omittingEmptySubsequences: false)
    #expect(fields[0] == "1000000" && fields[1] == "10" && fields.last == "110")
    // Full precision: the Sharpe ratio reads back as the exact double.
    #expect(identical(Double(fields[2])!, sweep.rows[1].sharpe!))
  }
}
