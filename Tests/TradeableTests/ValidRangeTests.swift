import Foundation
import Testing
import Tradeable
import _TestSupport

@Suite("Valid ranges of settings")
struct ValidRangeTests {
  @Test("intervals: open and closed ends, no ends; NaN and ±∞ are never inside")
  func contains() {
    let fraction = ValidRange.above(0, unit: .fraction).atMost(1)
    #expect(!fraction.contains(0) && fraction.contains(1e-300) && fraction.contains(1) && !fraction.contains(1.0000001))
    let open = ValidRange.above(0).below(1)
    #expect(!open.contains(0) && open.contains(0.5) && !open.contains(1))
    let closed = ValidRange.between(-1, 1)
    #expect(closed.contains(-1) && closed.contains(1) && !closed.contains(-1.5))
    let count = ValidRange.atLeast(2, unit: .count)
    #expect(!count.contains(1) && count.contains(2) && count.contains(Int.max))
    for range in [fraction, open, closed, count, ValidRange(lower: nil, upper: nil)] {
      #expect(!range.contains(.nan) && !range.contains(.infinity) && !range.contains(-.infinity))
    }
    #expect(ValidRange(lower: nil, upper: nil).contains(-1e300))
  }

  @Test("ranges in words")
  func phrases() {
    #expect(ValidRange.atLeast(2, unit: .count).phrase == "at least 2")
    #expect(ValidRange.above(0, unit: .fraction).atMost(1).phrase == "above 0 and at most 1 (100%)")
    #expect(ValidRange.between(-1, 1).phrase == "from -1 to 1")
    #expect(ValidRange.above(0).below(1).phrase == "above 0 and below 1")
    #expect(ValidRange.positiveMoney.phrase == "above 0 and at most 1,000,000,000,000,000")
    #expect(ValidRange(lower: nil, upper: nil).phrase == "any finite number")
  }

  @Test("messages name the option, the value and the range; a percentage typed for a fraction gets the fraction")
  func messages() {
    #expect(
      PositionSizing.targetVolatilityRange.message(name: "--target-vol", value: 20)
        == "--target-vol 20 is 2,000% a year; did you mean 0.20? Give a fraction, above 0 and at most 1 (100%).")
    #expect(
      CapitalReserve.quantileRange.message(name: "--quantile", value: 98)
        == "--quantile 98 is 9,800%; did you mean 0.98? Give a fraction, above 0 and below 1 (100%).")
    #expect(
      RiskSettings.volatilityWindowRange.message(name: "--vol-window", value: 1)
        == "--vol-window 1 is out of range: give a whole number, at least 2 (a sample standard deviation needs two "
        + "daily differences; a window longer than a history uses all of it).")
    #expect(
      ValidRange.positiveMoney.message(name: "--capital", value: -5)
        == "--capital -5 must be positive: give an amount, above 0 and at most 1,000,000,000,000,000.")
    #expect(
      StaleFilter.maximumWeekdaysRange.message(name: "--stale-weekdays", value: -1)
        == "--stale-weekdays -1 must be 0 or more: give a whole number, at least 0.")
    #expect(
      CostSettings.preCostSRRange.message(name: "--pre-cost-sr", value: .nan)
        == "--pre-cost-sr nan is not a number: give a number, above 0 and at most 5.")
    // 150 is no percentage of a valid floor (1.5 is out of range too): a plain range message, with the user's text.
    #expect(
      CorrelationSettings.floorRange.message(name: "--correlation-floor", value: 150, given: "150")
        == "--correlation-floor 150 is out of range: give a number, from -1 to 1 (a correlation; -1 leaves every "
        + "pair as estimated).")
    // A fraction above 1 whose hundredth is valid is read as a percentage, whatever its size.
    #expect(
      PositionSizing.targetVolatilityRange.message(name: "--target-vol", value: 12.5)
        .hasPrefix("--target-vol 12.5 is 1,250% a year; did you mean 0.125?"))
  }

  @Test("every default is in range: pipeline, FOF selection, rank score, backtest, cleaning, reserve, generator")
  func defaultsAreValid() {
    #expect(PipelineSettings().violations.isEmpty)
    #expect(FundSelectionSettings().violations.isEmpty)
    #expect(FundCleaningRules().violations.isEmpty)
    #expect(UniverseGenerator(instruments: 100).violations.isEmpty)
    #expect(CapitalReserve.quantileRange.contains(CapitalReserve.defaultQuantile))
    #expect(CapitalReserve.windowRange.contains(CapitalReserve.defaultWindow))
  }

  @Test("every number of the settings document has a range, and each violation's key is a key of the document")
  func everyKeyChecked() throws {
    // Every numeric setting set far outside any range: each must be reported, under its document key.
    var s = PipelineSettings()
    s.risk = RiskSettings(businessDaysPerYear: -1, volatilityWindow: 0)
    s.correlation = CorrelationSettings(
      weeks: 0, floor: 3, matrixFreeThreshold: -1, positiveDefiniteThreshold: 2, eigenvalueFloor: 0)
    s.costs = CostSettings(preCostSR: 0, rebalanceSpan: 0)
    s.filters = FilterSettings(
      history: HistoryFilter(minimumPrices: 0), stale: StaleFilter(maximumWeekdays: -1),
      liquidity: LiquidityFilter(days: 0, minimumVolume: -1, minimumTradedValue: -1),
      cost: CostFilter(maximumSRCost: -1), capital: CapitalFilter(maximumWeight: 0))
    s.sizing = PositionSizing(maxContracts: 0, idmCap: 0, targetVolatility: 0)
    s.selection = SelectionRules(
      maxInstruments: 0, improvementTolerance: -1, search: SearchSettings(mode: .exact, budgetSeconds: -1))
    let keys = s.violations.map(\.key)
    let numericKeys = Self.numericKeys(PipelineSettings().json) + ["selection.maxInstruments"]
    #expect(Set(keys) == Set(numericKeys), "unchecked: \(Set(numericKeys).subtracting(keys))")
    #expect(keys.count == Set(keys).count)
  }

  /// Dotted paths of every number in `json` (an object of objects).
  static func numericKeys(_ json: JSONValue, prefix: String = "") -> [String] {
    guard case .object(let members) = json else { return [] }
    return members.flatMap { key, value -> [String] in
      let path = prefix.isEmpty ? key : prefix + "." + key
      switch value {
      case .number, .integer: return [path]
      case .object: return numericKeys(value, prefix: path)
      default: return []
      }
    }
  }

  @Test("a settings file outside the ranges is an error at the value's line and column")
  func settingsFile() throws {
    let text = "{\n  \"risk\": {\n    \"volatilityWindow\": 1\n  }\n}\n"
    #expect {
      _ = try PipelineSettings.load(Array(text.utf8), file: "settings.json")
    } throws: { error in
      (error as? InputError)?.description
        == "settings.json:3:25: error: 'risk.volatilityWindow': 1 is out of range: give a whole number, at least 2 "
        + "(a sample standard deviation needs two daily differences; a window longer than a history uses all of "
        + "it).\n  Change that value in the settings file."
    }
    // A run's whole JSON output works the same: the settings block's value is located.
    let output = "{\"capital\": 1, \"settings\": {\"sizing\": {\"targetVolatility\": 20}}}"
    #expect {
      _ = try PipelineSettings.load(Array(output.utf8), file: "run.json")
    } throws: { error in
      (error as? InputError)?.description.hasPrefix(
        "run.json:1:60: error: 'sizing.targetVolatility': 20 is 2,000% a year; did you mean 0.20?") == true
    }
    // In range: read as given.
    let valid = try PipelineSettings.load(Array("{\"risk\": {\"volatilityWindow\": 2}}".utf8), file: "ok.json")
    #expect(valid.risk.volatilityWindow == 2)
  }

  @Test("FOF settings report their own keys, in document order")
  func fundRanges() {
    var fof = FundSelectionSettings()
    fof.risk.volatilityMonths = 100_000_000
    fof.risk.correlationMonths = 1
    fof.filters.capital.maximumWeight = 40
    fof.cleaning.history.minimumPrices = 1
    fof.cleaning.periodsPerYear = 0
    #expect(
      fof.violations.map(\.key) == [
        "cleaning.history.minimumPrices", "cleaning.periodsPerYear", "risk.volatilityMonths", "risk.correlationMonths",
        "filters.capital.maximumWeight",
      ])
  }

  @Test("numbers in messages: twelve significant digits at most, separators, minimum decimals")
  func decimalFormat() {
    #expect(NumberFormat.decimal(0.8999999999999999) == "0.9")
    #expect(NumberFormat.decimal(2000) == "2,000")
    #expect(NumberFormat.decimal(0.2, minimumDecimals: 2) == "0.20")
    #expect(NumberFormat.decimal(0.125, minimumDecimals: 2) == "0.125")
    #expect(NumberFormat.decimal(-1.5) == "-1.5")
    #expect(NumberFormat.decimal(0) == "0")
    #expect(NumberFormat.decimal(1e15) == "1,000,000,000,000,000")
    #expect(NumberFormat.decimal(1e-6) == "0.000001")
    #expect(NumberFormat.decimal(.nan) == "—")
    #expect(NumberFormat.count(1, "instrument") == "1 instrument")
    #expect(NumberFormat.count(1_238, "instrument") == "1,238 instruments")
    #expect(NumberFormat.count(0, "pair") == "0 pairs")
    // A capital need shows rounded up: typed back, it is enough.
    #expect(NumberFormat.capitalNeeded(12_398.02) == "12,399" && NumberFormat.capitalNeeded(3_100) == "3,100")
  }
}
