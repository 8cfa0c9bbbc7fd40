import ArgumentParser
import Tradeable

/// A command that loads a futures data folder and runs the capital-independent analysis: `select`, `costs`,
/// `sweep`, `report`, `reserve`. They declare the same five option groups; this is the one place that turns them
/// into settings and an analysis.
protocol AnalysisCommand: ParsableCommand {
  var dataOptions: DataOptions { get }
  var method: MethodOptions { get }
  var conventions: ConventionOptions { get }
  var searchOptions: SearchOptions { get }
  var runOptions: RunOptions { get }
  /// Whether the command needs whole price histories (see the extension).
  static var needsHistories: Bool { get }
}

extension AnalysisCommand {
  /// The run's settings: `--settings FILE` (or the library's defaults), then every option given.
  func pipelineSettings() throws -> PipelineSettings {
    var settings = try method.base()
    method.apply(to: &settings)
    conventions.apply(to: &settings)
    searchOptions.apply(to: &settings.selection)
    runOptions.apply(to: &settings)
    return settings
  }

  /// Whether the command reads whole price histories after the analysis (the reserve replays the chosen set's daily
  /// differences); the others load only what the pipeline reads (`PriceSummary`), a fraction of the memory.
  static var needsHistories: Bool { false }

  /// Loads the data (printing a pysystemtrade import's notes on standard error), and measures and screens the
  /// universe under the run's settings.
  func analyse() throws -> (analysis: UniverseAnalysis, observer: PipelineObserver?, imported: PysystemtradeImport?) {
    let settings = try pipelineSettings()
    let observer = runOptions.observer()
    let (universe, imported) = try dataOptions.loadData(
      observer: observer, keeping: Self.needsHistories ? .wholeHistories : .summaries(settings.priceRetention))
    if let imported { printImportNotes(imported) }
    let analysis = UniverseAnalysis(universe: consume universe, settings: settings, observer: observer)
    if let check = analysis.lastDateCheck { printError(check.message) }
    return (analysis, observer, imported)
  }
}
