import Foundation

/// Paths of the package under test.
public enum PackagePaths {
  /// The repository root (this file is `Sources/_TestSupport/PackagePaths.swift`).
  public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The bundled futures data, `data/futures`.
  public static let bundledFutures: URL = root.appendingPathComponent("data/futures")

  /// The `tradeable` executable next to the running test binary: `swift test` builds it with the tests (the
  /// end-to-end tests depend on its target), into the same folder. `runProcess` refuses to run it when it is missing
  /// or older than the sources (`TradeableExecutable.check()`), so an end-to-end test can never pass on a stale binary.
  public static var tradeableExecutable: URL { TradeableExecutable.location }
}

/// Finding the built `tradeable` and checking that it was built from the sources as they are.
public enum TradeableExecutable {
  /// Why the end-to-end tests cannot run the binary.
  public struct Problem: Error, CustomStringConvertible {
    public var description: String
  }

  /// The folder of the running test binary and up to three above it (the runner may sit inside an `.xctest`
  /// bundle): the first that holds an executable `tradeable`; else where it should be, next to the test binary.
  public static let location: URL = {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = testBinary.deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("tradeable")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return testBinary.deletingLastPathComponent().appendingPathComponent("tradeable")
  }()

  /// The folders of the modules `tradeable` is built from (not `_TestSupport`, whose changes do not relink it).
  public static let sourceFolders = ["Sources/TradeableCLI", "Sources/Tradeable", "Sources/LinearAlgebra", "Sources/_CBLASLAPACK"]

  /// The newest source file of `sourceFolders` (Swift, C headers, module maps), with its modification date.
  public static func newestSource() -> (path: String, date: Date)? {
    var newest: (path: String, date: Date)? = nil
    let fm = FileManager.default
    let kinds: Set<String> = ["swift", "h", "c", "modulemap"]
    for folder in sourceFolders {
      guard
        let walker = fm.enumerator(
          at: PackagePaths.root.appendingPathComponent(folder), includingPropertiesForKeys: [.contentModificationDateKey])
      else { continue }
      for case let url as URL in walker where kinds.contains(url.pathExtension) {
        guard let date = try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
        else { continue }
        if newest == nil || date > newest!.date { newest = (url.path, date) }
      }
    }
    return newest
  }

  /// Whether the executable exists and is at least as new as every source; the answer is computed once per test run
  /// (the build happens before the tests start).
  public static let status: Result<URL, Problem> = {
    let url = location
    let fm = FileManager.default
    guard fm.isExecutableFile(atPath: url.path) else {
      return .failure(
        Problem(
          description: "no tradeable executable at \(url.path): build it with `swift build` (or run the tests with "
            + "`swift test`, which builds it) and run the end-to-end tests again."))
    }
    guard let built = try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate,
      let newest = newestSource()
    else { return .success(url) }
    if built < newest.date {
      return .failure(
        Problem(
          description: "\(url.path) (built \(built)) is older than \(newest.path) (changed \(newest.date)): the "
            + "end-to-end tests would check an old binary. Run `swift build` and then the tests again."))
    }
    return .success(url)
  }()

  /// Throws when the executable is missing or older than the sources.
  public static func check() throws {
    if case .failure(let problem) = status { throw problem }
  }
}
