import Foundation

/// The bundled sample in pysystemtrade's layout, `data/pysystemtrade-sample`.
extension PackagePaths {
  public static let pysystemtradeSample: URL = root.appendingPathComponent("data/pysystemtrade-sample")
  /// Made-up folders in each of pysystemtrade's layouts, `Tests/Fixtures/pysystemtrade` (see its README).
  public static let pysystemtradeFixtures: URL = root.appendingPathComponent("Tests/Fixtures/pysystemtrade")
}

/// Converts a pysystemtrade data folder into Tradeable's own format the slow, obvious way, as a second and independent
/// reading of the same files to compare the importer with: whole-file string splitting, no shared code with
/// `Universe.importPysystemtrade`.
///
/// Instruments with a configuration row, a non-empty spread cost and roll cycle, FX prices for their currency (or USD)
/// and at least one price are written, sorted by code; numbers are copied as text, so both readings parse the same
/// characters. A day's price is the text of its last row with a price (rows with an empty price or `nan` skipped).
/// `instrumentconfig.csv` columns other than the mapped ones are written as extra columns, in file order. Fields must
/// not contain commas (true of pysystemtrade's files and of the tests' fixtures).
public func convertPysystemtradeFolder(_ source: URL, into folder: TemporaryDataFolder) throws {
  func rows(_ relative: String) throws -> (header: [String], rows: [[String]]) {
    let text = try String(contentsOf: source.appendingPathComponent(relative), encoding: .utf8)
    let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return (
      header, lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    )
  }
  func keyed(_ table: (header: [String], rows: [[String]]), _ column: String) -> [String: String] {
    let k = table.header.firstIndex(of: column)!
    return Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0], $0[k]) })
  }
  let config = try rows("csvconfig/instrumentconfig.csv")
  let spreads = keyed(try rows("csvconfig/spreadcosts.csv"), "SpreadCost")
  let cycles = keyed(try rows("csvconfig/rollconfig.csv"), "HoldRollCycle")
  let fm = FileManager.default
  let priceFiles = Set(
    try fm.contentsOfDirectory(atPath: source.appendingPathComponent("adjusted_prices_csv").path).filter {
      $0.hasSuffix(".csv")
    }.map { String($0.dropLast(4)) })
  let fxFolder = source.appendingPathComponent("fx_prices_csv")
  let fxFiles = Set((try? fm.contentsOfDirectory(atPath: fxFolder.path)) ?? [])

  let column = { (name: String) in config.header.firstIndex(of: name)! }
  let mapped: Set<String> = [
    "Instrument", "Description", "Pointsize", "Currency", "AssetClass", "PerBlock", "Percentage", "PerTrade",
  ]
  let extras = config.header.enumerated().filter { !mapped.contains($0.element) }
  var instrumentLines = [
    ([
      "code", "name", "asset_class", "currency", "multiplier", "half_spread", "commission_per_contract",
      "commission_rate", "commission_per_trade", "rolls_per_year",
    ] + extras.map(\.element)).joined(separator: ",")
  ]
  var currencies = Set<String>()
  let sorted = config.rows.sorted { Array($0[0].utf8).lexicographicallyPrecedes(Array($1[0].utf8)) }
  for row in sorted {
    let code = row[0]
    let currency = row[column("Currency")]
    guard priceFiles.contains(code), let spread = spreads[code], !spread.isEmpty, let cycle = cycles[code],
      !cycle.isEmpty, currency == "USD" || fxFiles.contains(currency + "USD.csv")
    else { continue }
    // Daily prices: the last row with a price of each date.
    let text = try String(
      contentsOf: source.appendingPathComponent("adjusted_prices_csv/\(code).csv"), encoding: .utf8)
    var days: [String] = []
    var price: [String: String] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
      let parts = line.split(separator: ",", omittingEmptySubsequences: false)
      let value = String(parts[1]).trimmingCharacters(in: .whitespaces)
      if value.isEmpty || value.lowercased() == "nan" { continue }
      let day = String(parts[0].prefix(10))
      if price[day] == nil { days.append(day) }
      price[day] = value
    }
    guard !days.isEmpty else { continue }
    folder.write(
      "prices/\(code).csv", (["date,price"] + days.map { "\($0),\(price[$0]!)" }).joined(separator: "\n") + "\n")
    let letters = cycle.count
    instrumentLines.append(
      ([
        code, row[column("Description")], row[column("AssetClass")], currency, row[column("Pointsize")], spread,
        row[column("PerBlock")], row[column("Percentage")], row[column("PerTrade")], String(letters),
      ]
        + extras.map { row[$0.offset] }).joined(separator: ","))
    currencies.insert(currency)
  }
  folder.write("instruments.csv", instrumentLines.joined(separator: "\n") + "\n")
  var fxLines = ["currency,rate", "USD,1"]
  for currency in currencies.sorted() where currency != "USD" {
    let text = try String(contentsOf: fxFolder.appendingPathComponent("\(currency)USD.csv"), encoding: .utf8)
    let last = text.split(whereSeparator: \.isNewline).dropFirst().map {
      String($0.split(separator: ",", omittingEmptySubsequences: false)[1])
    }.last { !$0.isEmpty && $0.lowercased() != "nan" }!
    fxLines.append("\(currency),\(last)")
  }
  folder.write("fx.csv", fxLines.joined(separator: "\n") + "\n")
}
