import ArgumentParser
import Testing
import Tradeable
import _TestSupport

@testable import TradeableCLI

/// The trading options of `backtest`, `walkforward` and `report --walkforward`, parsed in-process (no binary, no data).
@Suite("Trading options: defaults, keys and ranges")
struct TradingOptionTests {
  /// A valid value other than the default for every trading option.
  static let values: [String: String] = [
    "--slow-span-multiple": "3", "--forecast-vol-span": "25", "--fdm": "1.1", "--forecast-cap": "15",
    "--warmup": "300", "--recent-risk-weight": "0.5", "--long-run-window": "1000", "--buffer": "0.2",
    "--random-paths": "7", "--seed": "3", "--random-tries": "50", "--random-band": "10,90",
  ]

  @Test("parsed with nothing but the required options, every command holds the library's trading defaults")
  func defaults() throws {
    #expect(try BacktestCommand.parse(["--capital", "1"]).trading.settings(file: nil) == TradingSettings())
    #expect(try WalkForwardCommand.parse(["--capital", "1"]).trading.settings(file: nil) == TradingSettings())
    let report = try ReportCommand.parse(["--capital", "1", "--html", "x.html"])
    #expect(try report.walkForwardOptions.trading.settings(file: nil) == TradingSettings())
  }

  @Test("each option sets the settings key it names")
  func optionsReachTheirKeys() throws {
    let defaults = OptionParsingTests.leaves(TradingSettings().json)
    for option in Set(TradingOptions.optionKeys.map(\.option)) {
      let settings = try BacktestCommand.parse(["--capital", "1", option, Self.values[option]!]).trading.settings(file: nil)
      let changed = Set(OptionParsingTests.leaves(settings.json).filter { $0.value != defaults[$0.key] }.keys)
      let expected = Set(TradingOptions.optionKeys.filter { $0.option == option }.map(\.key))
      #expect(changed == expected, "\(option) changed \(changed.sorted())")
    }
    let rules = try BacktestCommand.parse(["--capital", "1", "--ewmac", "4:7.5,16:3.75"]).trading.settings(file: nil)
    #expect(rules.forecast.rules == [EWMACRule(fastSpan: 4, scalar: 7.5), EWMACRule(fastSpan: 16, scalar: 3.75)])
  }

  @Test("values outside the library's ranges are refused before any work, naming the option")
  func ranges() {
    let capital = ["--capital", "1000000"]
    #expect(OptionParsingTests.refuses(BacktestCommand.self, capital + ["--buffer", "-1"], "--buffer -1 must be 0 or more"))
    #expect(OptionParsingTests.refuses(BacktestCommand.self, capital + ["--buffer", "10"], "did you mean 0.10?"))
    #expect(OptionParsingTests.refuses(BacktestCommand.self, capital + ["--recent-risk-weight", "70"], "did you mean 0.70?"))
    #expect(OptionParsingTests.refuses(BacktestCommand.self, capital + ["--slow-span-multiple", "1"], "--slow-span-multiple 1"))
    #expect(OptionParsingTests.refuses(BacktestCommand.self, capital + ["--ewmac", "8:0"], "--ewmac (rules.0.scalar)"))
    #expect(OptionParsingTests.refuses(BacktestCommand.self, capital + ["--ewmac", "8"], "FAST:SCALAR"))
    #expect(OptionParsingTests.refuses(WalkForwardCommand.self, capital + ["--random-paths", "5000"], "--random-paths 5000"))
    #expect(OptionParsingTests.refuses(WalkForwardCommand.self, capital + ["--random-band", "95,5"], "--random-band"))
    #expect(OptionParsingTests.refuses(WalkForwardCommand.self, ["--capital", "1M,-2"], "--capital -2 must be positive"))
    #expect(OptionParsingTests.refuses(WalkForwardCommand.self, capital + ["--from", "0"], "--from 0 is out of range"))
    #expect(OptionParsingTests.refuses(WalkForwardCommand.self, capital + ["--from", "2015", "--to", "2012"], "must not be after"))
    #expect(
      OptionParsingTests.refuses(
        ReportCommand.self, capital + ["--html", "x", "--walkforward-from", "2015", "--walkforward-to", "2012"],
        "--walkforward-from (2015) must not be after --walkforward-to (2012)"))
  }

  @Test("a trading settings file outside a range is refused at its line and column")
  func settingsFile() {
    let text = "{\n  \"tradingSettings\": {\n    \"buffer\": -1\n  }\n}\n"
    #expect {
      _ = try TradingSettings.load(Array(text.utf8), file: "t.json")
    } throws: { error in
      let e = error as? InputError
      return e?.line == 3 && e?.message.contains("'tradingSettings.buffer': -1 must be 0 or more") == true
    }
  }
}
