import Foundation
import Testing
import Tradeable
import _TestSupport

/// The capital sweep: log-spaced capitals, every row equal to a selection run on its own unless its carried set won,
/// and a Sharpe ratio that never falls as capital grows (DESIGN.md §6b).
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
    #expect(row.carriedFrom == nil)
    // The selection as `tradeable select` makes it: a fresh analysis with the capital in its settings.
    let alone = try UniverseAnalysis(universe: universe, settings: PipelineSettings())
      .select(capital: capital)
    #expect(row.instruments == alone.portfolio.codes)
    #expect(row.stopReason == alone.path.stopReason)
    #expect(row.eligibleCount == alone.eligible.count)
    switch (row.sharpe, alone.portfolio.sharpe) {
    case (let a?, let b?):
      #expect(identical(a, b))
      #expect(identical(row.idm!, alone.portfolio.idm!))
      #expect(identical(row.minimumCapital!, alone.portfolio.minimumCapital!))
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
    // The refined set at 1,000,000 starts from the ladder greedy set: CNH GBPEUR SHATZ … (SearchGoldenTests).
    #expect(table.contains("1,000,000") && table.contains("20,000,000") && table.contains("CNH GBPEUR SHATZ"))
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
    #expect(jsonRows[1]["instrumentCount"] as? Int == 12)
    #expect((jsonRows[1]["instruments"] as? [String])?.first == "CNH")
    #expect(jsonRows[1]["search"] as? String == "refined" && jsonRows[1]["carriedFrom"] is NSNull)
    // The eligible pool at each capital: none at 10,000; 110 at 1,000,000 (as `select` reports, 98 eligible but not
    // chosen + 12 selected); never more than the 170 of the pool.
    #expect(jsonRows.map { $0["eligibleCount"] as? Int } == sweep.rows.map(\.eligibleCount))
    #expect(sweep.rows[0].eligibleCount == 0 && sweep.rows[1].eligibleCount == 110)
    #expect(doc["poolSize"] as? Int == 170 && sweep.rows.allSatisfy { $0.eligibleCount <= 170 })
    #expect(table.contains("Eligible") && table.contains("Set needs (USD)"))
    let csv = sweep.csv.split(separator: "\n")
    #expect(
      csv[0] == "capital,instrument_count,sharpe,idm,minimum_capital,stop_reason,instruments,smallest_capital,"
        + "eligible_count,search,carried_from,proved")
    let fields = csv[2].split(separator: ",", omittingEmptySubsequences: false)
    #expect(fields[0] == "1000000" && fields[1] == "12" && fields[8] == "110" && fields[9] == "refined")
    #expect(fields[10] == "" && fields[11] == "")
    // Full precision: the Sharpe ratio reads back as the exact double.
    #expect(identical(Double(fields[2])!, sweep.rows[1].sharpe!))
  }

  /// The default sweep of the bundled data (25 log-spaced capitals, 20,000 to 50,000,000): refined at every capital
  /// is at least the greedy set there, and the Sharpe ratio never falls as capital grows (DESIGN.md §6b); the greedy
  /// sweep does fall (from 2,050,000 to 2,920,000).
  @Test("refined ≥ greedy at every capital; the refined sweep never falls with capital, the greedy one does")
  func monotone() throws {
    let universe = try Universe.load(folder: PackagePaths.bundledFutures.path)
    let capitals = CapitalSweep.logSpaced(from: 20_000, to: 50_000_000, steps: 25)
    var greedySettings = PipelineSettings()
    greedySettings.selection.search.mode = .greedy
    let greedy = try CapitalSweep(analysis: UniverseAnalysis(universe: universe, settings: greedySettings), capitals: capitals)
    let refined = try CapitalSweep(analysis: UniverseAnalysis(universe: universe), capitals: capitals)
    for (g, r) in zip(greedy.rows, refined.rows) {
      switch (g.sharpe, r.sharpe) {
      case (let a?, let b?): #expect(b >= a, "at \(g.capital)")
      case (nil, nil): break
      default: Issue.record("at \(g.capital) one mode selects and the other not")
      }
      #expect(g.carriedFrom == nil && g.search == .greedy)
    }
    let sharpes = refined.rows.compactMap(\.sharpe)
    #expect(zip(sharpes, sharpes.dropFirst()).allSatisfy { $0 <= $1 })
    let greedySharpes = greedy.rows.compactMap(\.sharpe)
    #expect(!zip(greedySharpes, greedySharpes.dropFirst()).allSatisfy { $0 <= $1 })
    // Monotone in a sweep whose ladder cannot hold the smaller capitals' sets: every capital far apart.
    let sparse = try CapitalSweep(analysis: UniverseAnalysis(universe: universe), capitals: [2_050_000, 2_920_000])
    #expect(sparse.rows[1].sharpe! >= sparse.rows[0].sharpe!)
  }

  @Test("a carried set wins when it ends better than `select`, and the selection names where it came from")
  func carried() throws {
    // At 1,000,000 the refined set (SR 1.09947) is not the optimum the exact search proves (1.10146): carrying the
    // optimum in, as a sweep carries the previous capital's set, must win and be reported as carried.
    let universe = try Universe.load(folder: PackagePaths.bundledFutures.path)
    let analysis = UniverseAnalysis(universe: universe)
    var exactSettings = PipelineSettings()
    exactSettings.selection.search = SearchSettings(mode: .exact, budgetSeconds: nil)
    let exact = try UniverseAnalysis(universe: universe, settings: exactSettings).select(capital: 1_000_000)
    #expect(exact.search.exact?.proved == true)
    let plain = try analysis.select(capital: 1_000_000)
    #expect(try #require(exact.portfolio.sharpe) > plain.portfolio.sharpe!)
    let carried = try analysis.select(capital: 1_000_000, carried: (exact.portfolio.indices, 900_000))
    #expect(carried.search.start == .carried(from: 900_000))
    #expect(carried.search.carriedFrom == 900_000)
    #expect(carried.search.startSet == exact.portfolio.indices)
    #expect(Set(carried.portfolio.indices) == Set(exact.portfolio.indices))
    #expect(identical(carried.portfolio.sharpe!, exact.portfolio.sharpe!))
    // An identical set is not carried.
    let same = try analysis.select(capital: 1_000_000, carried: (plain.portfolio.indices, 900_000))
    #expect(same.search.start != .carried(from: 900_000) && same.portfolio.indices == plain.portfolio.indices)
  }
}
