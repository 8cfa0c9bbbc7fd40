import ArgumentParser
import LinearAlgebra
import Tradeable

/// Options shared by every command that reads a data folder.
struct DataOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Data folder with instruments.csv, prices/ (or prices.csv) and fx.csv.",
      discussion: "Default: the bundled real futures data, data/futures.", valueName: "dir"))
  var data: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "pysystemtrade data folder to import instead of --data.",
      discussion: "Reads csvconfig/instrumentconfig.csv, spreadcosts.csv, rollconfig.csv, adjusted_prices_csv/CODE.csv "
        + "and fx_prices_csv/CCYUSD.csv, or pysystemtrade's older layouts (a checkout's root, legacy csv; "
        + "docs/pysystemtrade.md); standard error says which layout and files were read, and lists every "
        + "instrument left out for lacking a piece.",
      valueName: "dir"))
  var pysystemtrade: String?

  @Option(name: .long, help: ArgumentHelp("Currency every amount is reported in.", valueName: "code"))
  var baseCurrency: String = "USD"

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Output format.",
      discussion: "pysystemtrade (select only): the chosen set as a pysystemtrade config fragment (YAML: "
        + "instrument_weights, instrument_div_multiplier).", valueName: "format"))
  var format: AnalysisOutputFormat = .table

  /// The data folder to read: `--data`, else `data/futures` under the current folder, else the package's own.
  var folder: String { data ?? BundledData.futures }

  func validate() throws {
    if data != nil && pysystemtrade != nil {
      throw ValidationError("--data and --pysystemtrade are mutually exclusive: give one data folder.")
    }
  }

  /// Refuses `--format pysystemtrade` for `command`, which prints no chosen set.
  func refusePysystemtradeFormat(_ command: String) throws {
    guard format == .pysystemtrade else { return }
    throw ValidationError(
      "--format pysystemtrade writes a chosen set as a pysystemtrade config, and \(command) prints none: use "
        + "`tradeable select --capital … --format pysystemtrade`, or give --format table, json or csv.")
  }

  /// Loads the folder (`--data`, or `--pysystemtrade`), printing a located error and exiting non-zero on bad input.
  /// A pysystemtrade import prints its summary and every instrument it left out on standard error.
  func loadUniverse(observer: PipelineObserver? = nil, keeping loading: PriceLoading = .wholeHistories) throws
    -> Universe
  {
    let (universe, imported) = try loadData(observer: observer, keeping: loading)
    if let imported { printImportNotes(imported) }
    return universe
  }

  /// The universe and, for `--pysystemtrade`, the import's account of what it read and left out (not printed).
  /// `loading` says what to keep of a data folder's histories; a pysystemtrade import keeps them whole.
  func loadData(observer: PipelineObserver? = nil, keeping loading: PriceLoading = .wholeHistories) throws
    -> (Universe, PysystemtradeImport?)
  {
    observer?.stageStarted(.load, total: nil)
    defer { observer?.stageFinished(.load) }
    do {
      if let pysystemtrade {
        let imported = try Universe.importPysystemtrade(folder: pysystemtrade, baseCurrency: baseCurrency)
        return (imported.universe, imported)
      }
      return (
        try Universe.load(folder: folder, baseCurrency: baseCurrency, keeping: loading, observer: observer), nil
      )
    } catch {
      throw InputFailure(error)
    }
  }
}

/// Prints a pysystemtrade import's summary on standard error, `note: ` first, so standard output stays the report.
func printImportNotes(_ imported: PysystemtradeImport) {
  // Headline lines get `note: `; the indented lists under them do not.
  let lines = imported.summary().map { $0.hasPrefix("  ") ? $0 : "note: " + $0 }
  printError(lines.joined(separator: "\n"))
}

/// Output formats of the fund commands and `blend`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv
}

/// Output formats of the commands that read a futures data folder (`DataOptions`): the three of every command, and
/// `pysystemtrade` for `select`, which has a chosen set to write as a pysystemtrade config.
enum AnalysisOutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv, pysystemtrade
}

/// An input error, reported as `file:line:column: error: …` on standard error with exit code 1.
struct InputFailure: Error, CustomStringConvertible {
  let error: InputError
  init(_ error: InputError) { self.error = error }
  var description: String { error.description }
}

extension ParsableCommand {
  /// Runs `body`, turning input and numerical errors into a message on standard error and exit code 1.
  func reportingErrors(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let failure as InputFailure {
      printError(failure.description)
      throw ExitCode(1)
    } catch let error as InputError {
      printError(error.description)
      throw ExitCode(1)
    } catch let error as LinearAlgebraError {
      printError("error: \(error.description)")
      throw ExitCode(1)
    }
  }
}
