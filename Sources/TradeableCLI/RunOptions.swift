import ArgumentParser
import Tradeable

extension WeightingScheme: ExpressibleByArgument {}
extension CorrelationMode: ExpressibleByArgument {}
extension CorrelationMatrices.Scope: ExpressibleByArgument {}

/// How the selection runs: weighting, full or matrix-free correlation, progress and timings. Left out, a setting
/// keeps its value from `--settings FILE`, else the library's default, which the help text shows.
struct RunOptions: ParsableArguments {
  static var defaults: PipelineSettings { MethodOptions.defaults }

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Risk weights within a set: equal (DESIGN.md default), handcrafted or max-sharpe (default: "
        + "\(defaults.selection.weighting.rawValue)).", valueName: "scheme"))
  var weights: WeightingScheme?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Full correlation matrix, or only the rows of selected instruments (default: "
        + "\(defaults.correlation.mode.rawValue)).",
      discussion: "automatic: full up to --matrix-free-threshold instruments in the pool, matrix-free above.",
      valueName: "mode"))
  var correlationMode: CorrelationMode?

  @Flag(name: .long, help: "Same as --correlation-mode matrix-free.")
  var matrixFree = false

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Pool size above which automatic mode goes matrix-free (default: "
        + "\(NumberFormat.integer(defaults.correlation.matrixFreeThreshold)); \(valid(CorrelationSettings.matrixFreeThresholdRange))).", valueName: "n"),
    transform: ArgumentValue.count)
  var matrixFreeThreshold: Int?

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
    var settings = PipelineSettings()
    apply(to: &settings)
    try OptionCheck.settings(settings.violations, names: Self.optionKeys)
  }

  /// The settings key each option sets, for messages (`OptionCheck`) and the test that every option reaches its key.
  static let optionKeys: [(option: String, key: String)] = [
    ("--weights", "selection.weighting"), ("--correlation-mode", "correlation.mode"),
    ("--matrix-free-threshold", "correlation.matrixFreeThreshold"), ("--no-correlation-repair", "correlation.repair"),
  ]

  /// `settings` with every option given applied.
  func apply(to settings: inout PipelineSettings) {
    if let weights { settings.selection.weighting = weights }
    if let correlationMode { settings.correlation.mode = correlationMode }
    if matrixFree { settings.correlation.mode = .matrixFree }
    if let matrixFreeThreshold { settings.correlation.matrixFreeThreshold = matrixFreeThreshold }
    if noCorrelationRepair { settings.correlation.repair = false }
  }

  /// The observer for this run: progress on a terminal unless quiet, timings when asked; `nil` when neither.
  func observer() -> StageReporter? {
    let progress = !quiet && StageReporter.standardErrorIsTerminal
    guard progress || timings else { return nil }
    return StageReporter(showProgress: progress, printTimings: timings)
  }
}
