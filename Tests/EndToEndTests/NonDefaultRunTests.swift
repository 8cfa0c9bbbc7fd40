import Foundation
import Testing
import _TestSupport

/// A run with every DESIGN.md default changed and max-Sharpe weights, through the binary: its JSON against the numpy
/// reference (Tests/References, fixture bundled-non-default, whose `arguments` are the options used here), and the
/// HTML report of the same run showing those numbers and settings.
@Suite("select and report with non-default settings and max-Sharpe weights (end to end)")
struct NonDefaultRunTests {
  static var fixture: [String: Any] { try! ReferenceFixtures.load("bundled-non-default") }
  /// The reference implements §6's greedy path: `--search greedy`.
  static let arguments = ["--capital", "2000000", "--search", "greedy"] + (fixture["arguments"] as! [String])

  @Test("JSON: settings block, every instrument's numbers and status, the path and the portfolio match the reference")
  func json() throws {
    let out = try SelectCommandTests.run(["select"] + Self.arguments + ["--format", "json"])
    #expect(out.status == 0, "stderr: \(out.standardError)")
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.standardOutput.utf8)) as? [String: Any])
    // The settings block holds what was asked for.
    let settings = try #require(doc["settings"] as? [String: [String: Any]])
    #expect(settings["selection"]?["weighting"] as? String == "max-sharpe")
    #expect(number(settings["correlation"]!, "floor") == 0.1 && settings["correlation"]?["weeks"] as? Int == 156)
    #expect(number(settings["costs"]!, "preCostSR") == 0.5 && settings["costs"]?["rebalanceSpan"] as? Int == 25)
    #expect(number(settings["risk"]!, "businessDaysPerYear") == 252 && settings["risk"]?["volatilityWindow"] as? Int == 256)
    #expect(number(settings["sizing"]!, "maxContracts") == 3 && number(settings["sizing"]!, "idmCap") == 2.2)
    #expect(number(settings["sizing"]!, "targetVolatility") == 0.25)
    let filters = try #require(settings["filters"] as? [String: [String: Any]])
    #expect(filters["history"]?["minimumPrices"] as? Int == 600 && filters["stale"]?["maximumWeekdays"] as? Int == 15)
    #expect(number(filters["cost"]!, "maximumSRCost") == 0.08 && number(filters["capital"]!, "maximumWeight") == 0.25)

    // Every instrument: §3–§5 numbers under these settings (1e-12: sums of ≤ 256 differences in two orders).
    let instruments = try #require(doc["instruments"] as? [[String: Any]])
    let metrics = try #require(Self.fixture["metrics"] as? [[String: Any]])
    let screening = try #require(Self.fixture["instruments"] as? [[String: Any]])
    #expect(instruments.count == metrics.count)
    for ((out, expected), status) in zip(zip(instruments, metrics), screening) {
      let code = out["code"] as! String
      #expect(code == expected["code"] as? String)
      for key in ["currencyVolatility", "costPerTradeSR", "tradesPerYear", "annualSRCost", "minimumCapital", "netSR"] {
        switch (number(out, key), number(expected, key)) {
        case (nil, nil): break
        case (let a?, let b?): #expect(approximately(a, b, relative: 1e-12, absolute: 1e-300), "\(code) \(key)")
        case (let a, let b): Issue.record("\(code) \(key): \(String(describing: a)) vs \(String(describing: b))")
        }
      }
      #expect(out["status"] as? String == status["status"] as? String, "\(code)")
      #expect(out["reasons"] as? [String] == status["reasons"] as? [String], "\(code)")
    }
    // The path and the portfolio (1e-11: through the floored, repaired correlations and dense solves).
    let steps = try #require(doc["steps"] as? [[String: Any]])
    let golden = try #require(Self.fixture["steps"] as? [[String: Any]])
    #expect(steps.map { $0["added"] as! String } == golden.map { $0["added"] as! String })
    for (step, e) in zip(steps, golden) {
      for key in ["sharpe", "idm", "minimumCapital"] {
        #expect(approximately(number(step, key)!, number(e, key)!, relative: 1e-11), "\(key)")
      }
    }
    let portfolio = try #require(doc["portfolio"] as? [String: Any])
    let expected = try #require(Self.fixture["portfolio"] as? [String: Any])
    let members = try #require(portfolio["instruments"] as? [[String: Any]])
    #expect(members.map { $0["code"] as! String } == expected["codes"] as? [String])
    #expect(approximately(members.map { number($0, "weight")! }, expected["weights"] as! [Double], relative: 1e-11))
    #expect(
      approximately(members.map { number($0, "minimumCapital")! }, expected["memberCapital"] as! [Double], relative: 1e-11))
    for key in ["sharpe", "idm", "minimumCapital"] {
      #expect(approximately(number(portfolio, key)!, number(expected, key)!, relative: 1e-11), "\(key)")
    }
    if let smallest = number(portfolio, "smallestCapital") {
      #expect(approximately(smallest, number(expected, "smallestCapital")!, relative: 1e-11))
    }
  }

  @Test("HTML report: the max-Sharpe path, the chosen set and the settings of the run, as the reference has them")
  func report() throws {
    let folder = TemporaryDataFolder("non-default-report")
    let file = folder.path("report.html")
    let out = try SelectCommandTests.run(["report"] + Self.arguments + ["--no-sweep", "--html", file])
    #expect(out.status == 0, "stderr: \(out.standardError)")
    let page = try String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8)
    let text = Self.visibleText(page)
    #expect(text.contains("max-Sharpe risk weights") && !text.contains("equal risk weights"))
    // Each step's row: number, code, class, Sharpe (4 decimals), IDM (3), capital needed (whole, rounded up, grouped).
    let steps = try #require(Self.fixture["steps"] as? [[String: Any]])
    for (k, step) in steps.enumerated() {
      let row = [
        "\(k + 1)", step["added"] as! String, String(format: "%.4f", number(step, "sharpe")!),
        String(format: "%.3f", number(step, "idm")!), Self.grouped(number(step, "minimumCapital")!.rounded(.up)),
      ]
      let code = row[1]
      let pattern = "\(row[0]) \(code) "
      let start = try #require(text.range(of: pattern), "no step row for \(code)")
      let rowText = text[start.upperBound...].prefix(80)
      for cell in row[2...] { #expect(rowText.contains(cell), "step \(k + 1) \(code): \(cell) not in '\(rowText)'") }
    }
    // The settings table lists the run's values, each beside its JSON key (label, value with its unit, key).
    for entry in [
      "at least 0.1 correlation.floor", "156 ISO weeks correlation.weeks", "0.5 costs.preCostSR",
      "600 daily prices filters.history.minimumPrices", "2.2 sizing.idmCap", "0.25 (25%) sizing.targetVolatility",
      "max-sharpe selection.weighting",
    ] {
      #expect(text.contains(entry), "settings table: \(entry)")
    }
  }

  /// The page's text outside tags, styles and charts, whitespace collapsed to single spaces.
  static func visibleText(_ page: String) -> String {
    var text = ""
    var inTag = false
    var skipping: String? = nil
    var index = page.startIndex
    while index < page.endIndex {
      if let end = skipping {
        if page[index...].hasPrefix(end) {
          index = page.index(index, offsetBy: end.count)
          skipping = nil
        } else {
          index = page.index(after: index)
        }
        continue
      }
      if page[index...].hasPrefix("<svg") {
        skipping = "</svg>"
        continue
      }
      if page[index...].hasPrefix("<style") {
        skipping = "</style>"
        continue
      }
      let c = page[index]
      if c == "<" {
        inTag = true
        text.append(" ")
      } else if c == ">" {
        inTag = false
      } else if !inTag {
        text.append(c)
      }
      index = page.index(after: index)
    }
    return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// A whole amount with thousands separators: 1997456.7 → "1,997,457".
  static func grouped(_ value: Double) -> String {
    let digits = String(Int(value.rounded()))
    var out = ""
    for (k, c) in digits.reversed().enumerated() {
      if k > 0 && k % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return String(out.reversed())
  }
}
