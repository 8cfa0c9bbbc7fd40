import ArgumentParser
import Tradeable

/// Every default of DESIGN.md as an option.
struct MethodOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Pre-cost Sharpe ratio assumed for every instrument.", valueName: "sr"))
  var preCostSR: Double = 0.4

  @Option(name: .long, help: ArgumentHelp("Exclude instruments costing more than this, SR units a year.", valueName: "sr"))
  var maxSRCost: Double = 0.10

  @Option(name: .long, help: ArgumentHelp("Contracts held at the target position in capital tests.", valueName: "n"))
  var maxContracts: Double = 4

  @Option(name: .customLong("idm-cap"), help: ArgumentHelp("Cap on the instrument diversification multiplier.", valueName: "x"))
  var idmCap: Double = 2.5

  @Option(name: .long, help: ArgumentHelp("Largest weight in the standalone capital test, a fraction.", valueName: "w"))
  var maxWeight: Double = 0.10

  @Option(name: .long, help: ArgumentHelp("Portfolio volatility target, a fraction (0.20 = 20% a year).", valueName: "v"))
  var targetVol: Double = 0.20

  @Option(name: .long, help: ArgumentHelp("Correlations below this are raised to it.", valueName: "c"))
  var correlationFloor: Double = 0

  @Option(name: .long, help: ArgumentHelp("Select at most this many instruments (default: no limit).", valueName: "n"))
  var maxInstruments: Int?

  func validate() throws {
    guard preCostSR.isFinite else { throw ValidationError("--pre-cost-sr must be a number.") }
    guard maxSRCost.isFinite else { throw ValidationError("--max-sr-cost must be a number.") }
    guard maxContracts > 0, maxContracts.isFinite else { throw ValidationError("--max-contracts must be positive.") }
    guard idmCap >= 1, idmCap.isFinite else { throw ValidationError("--idm-cap must be at least 1.") }
    guard maxWeight > 0, maxWeight <= 1 else { throw ValidationError("--max-weight must be in (0, 1].") }
    guard targetVol > 0, targetVol.isFinite else { throw ValidationError("--target-vol must be positive.") }
    guard correlationFloor >= -1, correlationFloor <= 1 else {
      throw ValidationError("--correlation-floor must be in [-1, 1].")
    }
    if let maxInstruments, maxInstruments < 1 { throw ValidationError("--max-instruments must be at least 1.") }
  }

  /// The settings these options describe.
  func settings(capital: Double?) -> SelectionSettings {
    var s = SelectionSettings(capital: capital)
    s.preCostSR = preCostSR
    s.maxSRCost = maxSRCost
    s.maxContracts = maxContracts
    s.idmCap = idmCap
    s.maxWeight = maxWeight
    s.targetVolatility = targetVol
    s.correlationFloor = correlationFloor
    s.maxInstruments = maxInstruments
    return s
  }
}
