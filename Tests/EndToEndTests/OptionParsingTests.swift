import ArgumentParser
import Testing
import FundResearch
import Tradeable
import _TestSupport

@testable import TradeableCLI

/// The command line's readers and checks, run in-process on the parsed commands (no binary, no data).
@Suite("Option values and defaults")
struct OptionParsingTests {
  @Test("money as people write it", arguments: [
    ("1000000", 1e6), ("1,000,000", 1e6), ("1_000_000", 1e6), ("1 000 000", 1e6), ("250k", 250e3), ("250K", 250e3),
    ("2.5M", 2.5e6), ("2.5m", 2.5e6), ("1.2bn", 1.2e9), ("3B", 3e9), ("1e6", 1e6), ("1E6", 1e6), ("1.5e3", 1500),
    ("12,400.50", 12_400.5), ("+5", 5), ("-5", -5), (".5", 0.5), (" 42 ", 42),
  ])
  func money(_ text: String, _ value: Double) throws {
    #expect(try ArgumentValue.money(text) == value)
  }

  @Test("what is not an amount is refused with a reason", arguments: [
    ("0x10", "hexadecimal"), ("nan", "cannot read"), ("inf", "cannot read"), ("1,5", "a comma groups thousands"),
    ("1,00,000", "cannot read"), ("1__000", "cannot read"), ("_1000", "cannot read"), ("1e6k", "exponent and a suffix"),
    ("abc", "cannot read"), ("", "empty"), ("1e999", "too large"), ("1.2.3", "cannot read"), ("10%", "cannot read"),
  ])
  func notMoney(_ text: String, _ reason: String) {
    #expect {
      _ = try ArgumentValue.money(text)
    } throws: { error in
      "\(error)".contains(reason)
    }
  }

  @Test("fractions and percentages, counts, plain numbers")
  func otherReaders() throws {
    #expect(try ArgumentValue.fraction("0.2") == 0.2)
    #expect(try ArgumentValue.fraction("20%") == 0.2)
    #expect(try ArgumentValue.fraction("60 %") == 0.6)
    #expect(try ArgumentValue.count("512") == 512 && ArgumentValue.count("1,000") == 1_000)
    #expect(try ArgumentValue.count("-3") == -3)
    #expect(throws: ArgumentValueError.self) { _ = try ArgumentValue.count("1.5") }
    #expect(throws: ArgumentValueError.self) { _ = try ArgumentValue.count("99999999999999999999") }
    #expect(throws: ArgumentValueError.self) { _ = try ArgumentValue.number("0x10") }
    #expect(try ArgumentValue.number("-0.2") == -0.2)
    #expect(throws: ArgumentValueError.self) { _ = try ArgumentValue.number("2k") }
  }

  @Test("capital lists: commas separate, suffixes read; a comma-grouped amount is refused with the reason")
  func capitalLists() throws {
    #expect(try CapitalList.parse("25000,50000,1e6") == [25_000, 50_000, 1e6])
    #expect(try CapitalList.parse("25k, 50k,1M") == [25_000, 50_000, 1e6])
    #expect {
      _ = try CapitalList.parse("1,000,000")
    } throws: { error in
      "\(error)".contains("commas separate the capitals")
    }
    #expect(throws: ArgumentValueError.self) { _ = try CapitalList.parse("25k,,50k") }
  }

  /// `Type.parse(arguments)` throws and its message contains `needle`.
  static func refuses<T: ParsableArguments>(_ type: T.Type, _ arguments: [String], _ needle: String) -> Bool {
    do {
      _ = try type.parse(arguments)
      return false
    } catch {
      let message = type.message(for: error)
      return message.contains(needle) ? true : { print("message: \(message)"); return false }()
    }
  }

  @Test("every range is checked before any work, with the option, the value and the range")
  func rangesChecked() {
    let capital = ["--capital", "1000000"]
    #expect(
      Self.refuses(SelectCommand.self, capital + ["--target-vol", "20"], "--target-vol 20 is 2,000% a year; did you mean 0.20?"))
    #expect(Self.refuses(SelectCommand.self, ["--capital", "-5"], "--capital -5 must be positive"))
    #expect(Self.refuses(SelectCommand.self, ["--capital", "0x10"], "hexadecimal"))
    #expect(Self.refuses(SelectCommand.self, capital + ["--vol-window", "1"], "--vol-window 1 is out of range"))
    #expect(Self.refuses(SelectCommand.self, capital + ["--min-history", "1"], "--min-history 1 is out of range"))
    #expect(Self.refuses(SelectCommand.self, capital + ["--max-weight", "10"], "--max-weight 10 is 1,000%"))
    #expect(Self.refuses(SelectCommand.self, capital + ["--correlation-floor", "-2"], "--correlation-floor -2"))
    #expect(Self.refuses(SelectCommand.self, capital + ["--business-days", "0"], "--business-days 0 must be positive"))
    #expect(Self.refuses(SelectCommand.self, capital + ["--max-instruments", "0"], "--max-instruments 0"))
    #expect(Self.refuses(SelectCommand.self, capital + ["--matrix-free-threshold", "-1"], "must be 0 or more"))
    #expect(Self.refuses(SelectCommand.self, capital + ["--idm-cap", "0.5"], "--idm-cap 0.5 is out of range"))
    #expect(Self.refuses(CostsCommand.self, ["--capital", "0"], "--capital 0 must be positive"))
    #expect(Self.refuses(ReserveCommand.self, capital + ["--quantile", "98"], "did you mean 0.98?"))
    #expect(Self.refuses(ReserveCommand.self, capital + ["--reserve-window", "1"], "--reserve-window 1"))
    #expect(Self.refuses(SweepCommand.self, ["--from", "10k", "--to", "5k"], "--to 5,000 is not above --from 10,000"))
    #expect(Self.refuses(SweepCommand.self, ["--capital", "1M,2M,1M"], "lists 1,000,000 twice"))
    #expect(Self.refuses(SweepCommand.self, ["--from", "1k", "--to", "5k", "--steps", "1"], "--steps 1"))
    // Nothing is ignored in silence: --steps with a list, a range with --no-sweep.
    #expect(Self.refuses(SweepCommand.self, ["--capital", "1M", "--steps", "3"], "exclude each other"))
    #expect(Self.refuses(ReportCommand.self, capital + ["--html", "x", "--no-sweep", "--steps", "3"], "do not apply"))
    #expect(Self.refuses(FundsScoreCommand.self, ["--window-months", "100000000"], "--window-months 100000000"))
    #expect(Self.refuses(FundsBacktestCommand.self, ["--rebalance-months", "100000000"], "from 1 to 1,200"))
    #expect(Self.refuses(FundsSelectCommand.self, capital + ["--vol-months", "100000000"], "--vol-months"))
    #expect(Self.refuses(FundsSelectCommand.self, capital + ["--correlation-months", "100000000"], "to 1,200"))
    #expect(Self.refuses(FundsSelectCommand.self, capital + ["--target-vol", "10"], "did you mean 0.10?"))
    #expect(Self.refuses(FundsScoreCommand.self, ["--risk-free", "5"], "--risk-free 5 is 500% a year; did you mean 0.05?"))
    #expect(Self.refuses(FundsMetricsCommand.self, ["--min-observations", "1"], "--min-observations 1"))
    #expect(Self.refuses(GenerateCommand.self, ["--instruments", "0", "--out", "x"], "--instruments 0"))
    #expect(Self.refuses(GenerateCommand.self, ["--instruments", "5", "--out", "x", "--years", "1000"], "--years"))
    #expect(Self.refuses(BlendCommand.self, ["--weights", "A=0.6,B=0.3", "f.csv"], "sum to 0.9 (90%), not 1"))
    #expect(Self.refuses(BlendCommand.self, ["--weights", "A=1", "--band", "5", "f.csv"], "did you mean 0.05?"))
  }

  @Test("values an option reads: negative numbers, percentages, money; blend weights as percentages")
  func valuesRead() throws {
    let select = try SelectCommand.parse(["--capital", "2.5M", "--correlation-floor", "-0.2", "--target-vol", "25%"])
    #expect(select.capital == 2.5e6)
    let settings = try select.pipelineSettings()
    #expect(settings.correlation.floor == -0.2 && settings.sizing.targetVolatility == 0.25)
    let blend = try BlendCommand.parse(["--weights", "SP500=60%,USMV=0.2,MTUM=20%", "f.csv"])
    #expect(try blend.parsedWeights().map(\.1) == [0.6, 0.2, 0.2])
  }

  @Test("every command, parsed with nothing but its required options, holds the library's defaults")
  func defaultsFromTheLibrary() throws {
    let capital = ["--capital", "1"]
    #expect(try SelectCommand.parse(capital).pipelineSettings() == PipelineSettings())
    #expect(try CostsCommand.parse([]).pipelineSettings() == PipelineSettings())
    #expect(try SweepCommand.parse(capital).pipelineSettings() == PipelineSettings())
    let report = try ReportCommand.parse(capital + ["--html", "x.html"])
    #expect(try report.pipelineSettings() == PipelineSettings())
    let reserve = try ReserveCommand.parse(capital)
    #expect(try reserve.pipelineSettings() == PipelineSettings())
    for options in [reserve.reserveOptions, report.reserveOptions] {
      #expect(options.quantile == CapitalReserve.defaultQuantile && options.reserveWindow == CapitalReserve.defaultWindow)
    }
    #expect(try FundsSelectCommand.parse(capital).selectionSettings() == FundSelectionSettings())
    #expect(try FundsScoreCommand.parse([]).scoring.settings == RankScoreSettings())
    #expect(try FundsBacktestCommand.parse([]).settings == RankBacktestSettings())
    #expect(try FundsMetricsCommand.parse([]).input.rules == FundCleaningRules())
    let generate = try GenerateCommand.parse(["--instruments", "3", "--out", "x"])
    let generator = UniverseGenerator(instruments: 3)
    #expect(generate.years == generator.years && generate.seed == generator.seed && generate.end == "\(generator.endDate)")
  }

  @Test("each option sets the settings key it names (so messages name the right option)")
  func optionsReachTheirKeys() throws {
    // A valid value other than the default for every option of the three groups.
    let values: [String: String] = [
      "--pre-cost-sr": "0.3", "--max-sr-cost": "0.2", "--max-contracts": "3", "--idm-cap": "2",
      "--max-weight": "0.25", "--target-vol": "0.15", "--correlation-floor": "-0.5", "--max-instruments": "7",
      "--min-history": "300", "--vol-window": "100", "--stale-weekdays": "4", "--correlation-weeks": "52",
      "--liquidity-days": "10", "--min-volume": "5", "--min-traded-value": "2000000", "--rebalance-span": "20",
      "--business-days": "252", "--weights": "max-sharpe", "--correlation-mode": "full",
      "--matrix-free-threshold": "10",
    ]
    let keys = MethodOptions.optionKeys + ConventionOptions.optionKeys + RunOptions.optionKeys
    for (option, key) in keys {
      let arguments = ["--capital", "1"] + (option == "--no-correlation-repair" ? [option] : [option, values[option]!])
      let settings = try SelectCommand.parse(arguments).pipelineSettings()
      let changed = Self.leaves(settings.json).filter { $0.value != Self.leaves(PipelineSettings().json)[$0.key] }
      #expect(Array(changed.keys) == [key], "\(option) changed \(changed.keys.sorted())")
    }
  }

  /// Every leaf of a JSON object by its dotted key.
  static func leaves(_ json: JSONValue, prefix: String = "") -> [String: JSONValue] {
    guard case .object(let members) = json else { return [prefix: json] }
    var result: [String: JSONValue] = [:]
    for (key, value) in members {
      result.merge(leaves(value, prefix: prefix.isEmpty ? key : prefix + "." + key)) { a, _ in a }
    }
    return result
  }

  @Test("typos: the closest option or command is suggested; known names and values are never flagged")
  func typos() {
    let root = TradeableCommand.self
    #expect(
      CommandLineTypo.diagnose(["select", "--captial", "1000000"], root: root)?
        .hasPrefix("Error: unknown option '--captial'; did you mean '--capital'?\nUsage: tradeable select") == true)
    #expect(
      CommandLineTypo.diagnose(["selct", "--capital", "1"], root: root)?
        .hasPrefix("Error: unknown command 'selct'; did you mean 'select'?") == true)
    #expect(
      CommandLineTypo.diagnose(["funds", "scor"], root: root)?.hasPrefix("Error: unknown command 'scor'; did you "
        + "mean 'score'?") == true)
    #expect(
      CommandLineTypo.diagnose(["sweep", "--from", "1k", "--to", "2k", "--steeps", "3"], root: root)?
        .contains("did you mean '--steps'?") == true)
    #expect(
      CommandLineTypo.diagnose(["select", "--capital", "1", "--correlation-wekes", "9"], root: root)?
        .contains("did you mean '--correlation-weeks'?") == true)
    #expect(CommandLineTypo.diagnose(["select", "--zzzzzzzz"], root: root)?.contains("unknown option '--zzzzzzzz'\n") == true)
    // Valid command lines: nothing to report (negative values, `=` values, positional files, --window lists).
    for arguments in [
      ["select", "--capital", "-5"], ["select", "--capital=1", "--correlation-floor", "-0.2"],
      ["funds", "metrics", "navs.csv", "--window", "3m", "6m", "--format", "json"], ["blend", "--weights", "A=1", "f"],
      ["select", "--include-correlation", "--capital", "1"], ["help", "select"], ["--version"],
    ] {
      #expect(CommandLineTypo.diagnose(arguments, root: root) == nil, "\(arguments)")
    }
  }
}
