import ArgumentParser
import Tradeable

extension WeightingScheme: ExpressibleByArgument {}
extension CorrelationMode: ExpressibleByArgument {}

/// How the selection runs: weighting, full or matrix-free correlation, progress and timings.
struct RunOptions: ParsableArguments {
  @Option(name: .long, help: "Risk weights within a set: equal (DESIGN.md default), handcrafted or max-sharpe.")
  var weights: WeightingScheme = .equal

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Full correlation matrix, or only the rows of selected instruments.",
      discussion: "automatic: full up to --matrix-free-threshold instruments in the pool, matrix-free above."))
  var correlationMode: CorrelationMode = .automatic

  @Flag(name: .long, help: "Same as --correlation-mode matrix-free.")
  var matrixFree = false

  @Option(name: .long, help: ArgumentHelp("Pool size above which automatic mode goes matrix-free.", valueName: "n"))
  var matrixFreeThreshold: Int = 2_500

  @Flag(name: .long, help: "Do not repair a correlation matrix that is not positive definite (full path only).")
  var noCorrelationRepair = false

  @Flag(name: .long, help: "No progress on standard error.")
  var quiet = false

  @Flag(name: .long, help: "Print each stage's time and the peak memory so far on standard error.")
  var timings = false

  func validate() throws {
    if matrixFree && correlationMode == .full {
      throw ValidationError("--matrix-free and --correlation-mode full contradict each other.")
    }
    guard matrixFreeThreshold >= 0 else { throw ValidationError("--matrix-free-threshold must be 0 or more.") }
  }

  /// `settings` with these options applied.
  func apply(to settings: SelectionSettings) -> SelectionSettings {
    var s = settings
    s.weighting = weights
    s.correlationMode = matrixFree ? .matrixFree : correlationMode
    s.matrixFreeThreshold = matrixFreeThreshold
    s.repairCorrelation = !noCorrelationRepair
    return s
  }

  /// The observer for this run: progress on a terminal unless quiet, timings when asked; `nil` when neither.
  func observer() -> StageReporter? {
    let progress = !quiet && StageReporter.standardErrorIsTerminal
    guard progress || timings else { return nil }
    return StageReporter(showProgress: progress, printTimings: timings)
  }
}
