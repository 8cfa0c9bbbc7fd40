import Foundation
import Testing
@testable import Tradeable
import _TestSupport

/// The pysystemtrade config fragment (`select --format pysystemtrade`): its YAML scalars, and the fragment of a real
/// selection read back by a small reader of the YAML it writes. `python/tests/test_pysystemtrade.py` reads the same
/// output with PyYAML.
@Suite("pysystemtrade config fragment")
struct PysystemtradeConfigTests {
  /// The YAML the fragment is made of, read back: comments and blank lines skipped; `key: scalar`, `key: []`,
  /// `key: {}`, and `key:` followed by `  - item` lines (a list) or `  name: scalar` lines (a mapping). Anything else
  /// fails the test, so the fragment cannot drift outside what this reader (and so a plain YAML reader) understands.
  enum Value: Equatable {
    case scalar(String)
    case list([String])
    case mapping([(String, String)])

    static func == (a: Value, b: Value) -> Bool {
      switch (a, b) {
      case (.scalar(let x), .scalar(let y)): return x == y
      case (.list(let x), .list(let y)): return x == y
      case (.mapping(let x), .mapping(let y)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
      default: return false
      }
    }
  }

  static func read(_ text: String) throws -> [(String, Value)] {
    struct Malformed: Error { let line: String }
    var out: [(String, Value)] = []
    var emptyFlow: Set<Int> = []  // keys written `key: {}` or `key: []`, which take no block lines
    for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
      if line.hasPrefix("#") { continue }
      if line.hasPrefix("  - ") {
        // `key:` opens an empty block; its first `  - ` line makes it a list.
        let items: [String]
        switch out.last?.1 {
        case .list(let existing)?: items = existing
        case .mapping(let entries)? where entries.isEmpty && !emptyFlow.contains(out.count - 1): items = []
        default: throw Malformed(line: line)
        }
        out[out.count - 1].1 = .list(items + [String(line.dropFirst(4))])
      } else if line.hasPrefix("  ") {
        let parts = line.dropFirst(2).split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[1].hasPrefix(" "), case .mapping(let entries)? = out.last?.1,
          !emptyFlow.contains(out.count - 1)
        else {
          throw Malformed(line: line)
        }
        out[out.count - 1].1 = .mapping(entries + [(parts[0], String(parts[1].dropFirst()))])
      } else {
        let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[0].contains(" ") else { throw Malformed(line: line) }
        let value = parts[1].hasPrefix(" ") ? String(parts[1].dropFirst()) : parts[1]
        switch value {
        case "": out.append((parts[0], .mapping([])))
        case "{}":
          emptyFlow.insert(out.count)
          out.append((parts[0], .mapping([])))
        case "[]":
          emptyFlow.insert(out.count)
          out.append((parts[0], .list([])))
        default: out.append((parts[0], .scalar(value)))
        }
      }
    }
    return out
  }

  @Test("the bundled data at 1,000,000 USD: keys, the chosen codes, weights summing to 1, the IDM to the last digit")
  func bundledFragment() throws {
    let result = try BundledDataTests.analysis.select(capital: 1_000_000)
    let day = try #require(CalendarDay(iso: "2023-11-14"))
    let text = result.pysystemtradeConfig(writtenOn: day, command: "tradeable select --capital 1000000")
    let document = try Self.read(text)
    #expect(
      document.map(\.0) == [
        "instruments", "instrument_weights", "instrument_div_multiplier", "use_instrument_weight_estimates",
        "use_instrument_div_mult_estimates",
      ])
    let portfolio = result.portfolio
    #expect(document[0].1 == .list(portfolio.codes))
    guard case .mapping(let weights) = document[1].1 else {
      Issue.record("instrument_weights is not a mapping")
      return
    }
    #expect(weights.map(\.0) == portfolio.codes)
    // Every digit written: the text reads back as exactly the selection's weight.
    let read = weights.map { Double($0.1)! }
    #expect(identical(read, portfolio.weights))
    #expect(weights.allSatisfy { $0.1.contains(".") && !$0.1.contains("e") })
    #expect(abs(read.reduce(0, +) - 1) <= SelectionResult.pysystemtradeWeightSumTolerance)
    #expect(document[2].1 == .scalar(YAMLText.number(portfolio.idm!)))
    #expect(identical(Double(YAMLText.number(portfolio.idm!))!, portfolio.idm!))
    #expect(document[3].1 == .scalar("False") && document[4].1 == .scalar("False"))
    // The comments: capital, data, date and command, every setting of the run, the sizing keys to uncomment.
    #expect(text.hasPrefix("# Tradeable: the instruments to trade with 1,000,000 USD, for pysystemtrade.\n"))
    #expect(text.contains("# Capital:   1,000,000 USD at a volatility target of 20% a year; this set needs at least "))
    #expect(text.contains("instruments, prices to 2023-08-31; "))
    #expect(text.contains("# Written:   2023-11-14 by `tradeable select --capital 1000000`"))
    for (key, _) in PipelineSettings.flattened(result.settings.json) { #expect(text.contains("\n#   \(key): ")) }
    #expect(text.contains("\n# notional_trading_capital: 1000000\n# percentage_vol_target: 20.0\n"))
    #expect(text.contains("\n# base_currency: \"USD\"\n") && text.hasSuffix("False\n"))
  }

  @Test("nothing chosen: empty list and mapping, no IDM, still the same keys otherwise")
  func emptyFragment() throws {
    let result = try BundledDataTests.analysis.select(capital: 1_000)
    #expect(result.portfolio.isEmpty)
    let text = result.pysystemtradeConfig(writtenOn: CalendarDay(iso: "2023-11-14")!)
    let document = try Self.read(text)
    #expect(document.map(\.0) == [
      "instruments", "instrument_weights", "use_instrument_weight_estimates", "use_instrument_div_mult_estimates",
    ])
    #expect(document[0].1 == .list([]) && document[1].1 == .mapping([]))
    #expect(text.contains("# Chosen:    nothing"))
  }

  @Test("numbers: a point, no exponent, every digit; the percentage shifted in text, not multiplied")
  func numbers() {
    let cases: [(Double, Int, String)] = [
      (0.1, 0, "0.1"), (1, 0, "1.0"), (2.5, 0, "2.5"), (0, 0, "0.0"), (-0.5, 0, "-0.5"), (-0.0, 0, "0.0"),
      (1e-05, 0, "0.00001"), (1.2345e-05, 0, "0.000012345"), (1e16, 0, "10000000000000000.0"),
      (1.4142135623730951, 0, "1.4142135623730951"), (123.5, 0, "123.5"),
      (0.2, 2, "20.0"), (0.07, 2, "7.0"), (0.255, 2, "25.5"), (0.001, 2, "0.1"), (1, 2, "100.0"),
    ]
    for (x, shift, text) in cases { #expect(YAMLText.number(x, shift: shift) == text, "\(x)") }
    // 0.07 × 100 is 7.000000000000001 in floating point; shifting the text gives the 7 that was meant.
    #expect(0.07 * 100 != 7)
    #expect(YAMLText.amount(1_000_000) == "1000000" && YAMLText.amount(1234.5) == "1234.5")
    // The smallest subnormal: 323 zeros after the point, then 5.
    #expect(YAMLText.number(5e-324) == "0." + String(repeating: "0", count: 323) + "5")
  }

  @Test("numbers read back exactly, over every magnitude (10,000 random doubles)")
  func numbersRoundTrip() {
    var random = RandomSource(seed: 20_231_114)
    for _ in 0..<10_000 {
      let x = Double(sign: random.chance(0.5) ? .minus : .plus, exponent: Int(random.next() % 200) - 100,
        significand: 1 + random.uniform())
      let text = YAMLText.number(x)
      #expect(Double(text) == x, "\(x) → \(text)")
      #expect(text.contains(".") && !text.contains("e"))
    }
  }

  @Test("keys: pysystemtrade's codes plain; words YAML reads as booleans or null, and anything else, quoted")
  func keys() {
    for plain in ["SP500_micro", "EU-BANKS", "BRENT-LAST", "US10", "CRUDE_W", "_X", "V2X", "GOLD.mini"] {
      #expect(YAMLText.key(plain) == plain)
    }
    let quoted: [(String, String)] = [
      ("NO", "\"NO\""), ("yes", "\"yes\""), ("Off", "\"Off\""), ("y", "\"y\""), ("null", "\"null\""),
      ("1000", "\"1000\""), ("A B", "\"A B\""), ("-X", "\"-X\""), ("", "\"\""), ("a:b", "\"a:b\""),
      ("a\"b\\c", "\"a\\\"b\\\\c\""), ("tab\there", "\"tab\\there\""), ("bell\u{07}", "\"bell\\x07\""),
      ("Café", "\"Café\""),
    ]
    for (code, text) in quoted { #expect(YAMLText.key(code) == text, "\(code)") }
    #expect(YAMLText.comment("data/a\nb\r") == "data/a\\x0Ab\\x0D")
  }
}
