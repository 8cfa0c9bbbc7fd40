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

  @Option(name: .long, help: ArgumentHelp("Currency every amount is reported in.", valueName: "code"))
  var baseCurrency: String = "USD"

  @Option(name: .long, help: "Output format.")
  var format: OutputFormat = .table

  /// The data folder to read: `--data`, else `data/futures` under the current folder, else the package's own.
  var folder: String { data ?? BundledData.futures }

  /// Loads the folder, printing a located error and exiting non-zero on bad input.
  func loadUniverse(observer: PipelineObserver? = nil) throws -> Universe {
    do {
      observer?.stageStarted(.load, total: nil)
      defer { observer?.stageFinished(.load) }
      return try Universe.load(folder: folder, baseCurrency: baseCurrency, observer: observer)
    } catch {
      throw InputFailure(error)
    }
  }
}

/// Output formats of every command.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv
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
