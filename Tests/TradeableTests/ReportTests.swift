import Foundation
import Testing
import Tradeable
import _TestSupport

@Suite("Reports")
struct ReportTests {
  @Test("JSON numbers read back exactly; non-finite numbers become null; keys keep their order")
  func jsonValues() throws {
    let doc = JSONValue.object([
      ("b", .number(0.1)), ("a", .number(1e-5)), ("c", .optional(.nan)), ("d", .optional(nil)), ("e", .integer(3)),
      ("f", .array([.string("x\"y")])), ("g", .number(15_088_000)),
    ])
    let text = doc.rendered()
    #expect(text.firstRange(of: "\"b\"")!.lowerBound < text.firstRange(of: "\"a\"")!.lowerBound)
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(approximately(parsed["b"] as! Double, 0.1, relative: 1e-16))
    #expect(approximately(parsed["a"] as! Double, 1e-5, relative: 1e-16))
    #expect(parsed["c"] is NSNull && parsed["d"] is NSNull)
    #expect((parsed["f"] as! [String]) == ["x\"y"])
    #expect(text.contains("15088000"))
  }

  @Test("table numbers: thousands separators and fixed decimals")
  func numberFormat() {
    #expect(NumberFormat.money(15_088_000) == "15,088,000")
    #expect(NumberFormat.fixed(41.4176, decimals: 2) == "41.42")
    #expect(NumberFormat.fixed(-1234.5, decimals: 1) == "-1,234.5")
    #expect(NumberFormat.fixed(-0.0001, decimals: 2) == "0.00")
    #expect(NumberFormat.percent(0.2034) == "20.3%")
    #expect(NumberFormat.fixed(nil, decimals: 2) == "—")
    #expect(NumberFormat.scientific(4.5019e-5) == "4.50e-05")
  }

  @Test("nothing selected: portfolio numbers are null, lists empty, every instrument still listed")
  func emptySelectionJSON() throws {
    let folder = TemporaryDataFolder()
    HandUniverse.write(to: folder)
    let analysis = UniverseAnalysis(universe: try Universe.load(folder: folder.path), settings: HandUniverse.settings)
    let result = try analysis.select(capital: 1)
    let parsed = try #require(
      try JSONSerialization.jsonObject(with: Data(result.json.rendered().utf8)) as? [String: Any])
    let portfolio = try #require(parsed["portfolio"] as? [String: Any])
    #expect(portfolio["sharpe"] is NSNull && portfolio["idm"] is NSNull && portfolio["minimumCapital"] is NSNull)
    #expect((portfolio["instruments"] as? [Any])?.isEmpty == true)
    #expect((parsed["steps"] as? [Any])?.isEmpty == true)
    let instruments = try #require(parsed["instruments"] as? [[String: Any]])
    #expect(instruments.map { $0["code"] as! String } == HandUniverse.codes)
    #expect(instruments.allSatisfy { ($0["reasons"] as! [String]) == ["capital"] && ($0["status"] as! String) == "excluded" })
  }

  @Test("CSV has one row per instrument in input order, full precision")
  func csv() throws {
    let folder = TemporaryDataFolder()
    HandUniverse.write(to: folder)
    let analysis = UniverseAnalysis(universe: try Universe.load(folder: folder.path), settings: HandUniverse.settings)
    let lines = try analysis.select(capital: 10_000_000).csv.split(separator: "\n")
    #expect(lines.count == 6)
    #expect(lines[1].hasPrefix("A,selected,,liquidity unknown,1,"))
    #expect(lines[2].hasPrefix("B,eligible,"))
  }
}
