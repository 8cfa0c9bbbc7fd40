import ArgumentParser
import Tradeable

/// A command that loads a futures data folder and runs the capital-independent analysis: `select`, `costs`,
/// `sweep`, `report`, `reserve`. They declare the same four option groups; this is the one place that turns them
/// into an analysis.
protocol AnalysisCommand: ParsableCommand {
  var dataOptions: DataOptions { get }
  var method: MethodOptions { get }
  var conventions: ConventionOptions { get }
  var runOptions: RunOptions { get }
}

extension AnalysisCommand {
  /// Loads the data (printing a pysystemtrade import's notes on standard error), applies every option to the
  /// settings, and measures and screens the universe. `capital` is only recorded in the settings; selections take
  /// their own.
  func analyse(capital: Double?) throws -> (
    analysis: UniverseAnalysis, observer: PipelineObserver?, imported: PysystemtradeImport?
  ) {
    let observer = runOptions.observer()
    let (universe, imported) = try dataOptions.loadData(observer: observer)
    if let imported { printImportNotes(imported) }
    let settings = runOptions.apply(to: conventions.apply(to: method.settings(capital: capital)))
    return (UniverseAnalysis(universe: universe, settings: settings, observer: observer), observer, imported)
  }
}
