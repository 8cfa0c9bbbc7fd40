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

  /// The modules `tradeable` is built from, and their source folders (not `_TestSupport`, whose changes do not
  /// relink it).
  public static let modules = ["TradeableCLI", "Tradeable", "LinearAlgebra"]
  public static let sourceFolders = ["Sources/TradeableCLI", "Sources/Tradeable", "Sources/LinearAlgebra", "Sources/_CBLASLAPACK"]

  /// The newest file under `folders` whose extension is one of `kinds`, with its modification date.
  static func newest(in folders: [URL], kinds: Set<String>) -> (path: String, date: Date)? {
    var newest: (path: String, date: Date)? = nil
    for folder in folders {
      guard
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey])
      else { continue }
      for case let url as URL in walker where kinds.contains(url.pathExtension) {
        guard let date = try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
        else { continue }
        if newest == nil || date > newest!.date { newest = (url.path, date) }
      }
    }
    return newest
  }

  static func modificationDate(_ url: URL) -> Date? {
    try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
  }

  /// Whether the executable was built from the sources as they are, computed once per test run (the build happens
  /// before the tests start). Modification times, two ways:
  /// - no source of its modules changed after the last build of its build folder began (SwiftPM rewrites
  ///   `description.json` when it plans a build): else the tests would run what was built before the change;
  /// - no object file of its modules is newer than the executable: else something recompiled them without relinking
  ///   it (`swift build --target …`, an interrupted build).
  /// A source touched without a change is fine once a build has seen it: the compiler skips it by content and leaves
  /// the executable as it is, which is then still current.
  public static let status: Result<URL, Problem> = {
    let url = location
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
      return .failure(
        Problem(
          description: "no tradeable executable at \(url.path): build it with `swift build` (or run the tests with "
            + "`swift test`, which builds it) and run the end-to-end tests again."))
    }
    guard let built = modificationDate(url) else { return .success(url) }
    let buildFolder = url.deletingLastPathComponent()
    let lastBuild = modificationDate(buildFolder.appendingPathComponent("description.json")) ?? built
    if let source = newest(
      in: sourceFolders.map { PackagePaths.root.appendingPathComponent($0) }, kinds: ["swift", "h", "c", "modulemap"]),
      source.date > lastBuild
    {
      return .failure(
        Problem(
          description: "\(source.path) changed (\(source.date)) after the last build of \(url.path) (\(lastBuild)): "
            + "the end-to-end tests would check an old binary. Run `swift build` (or `swift test` without "
            + "--skip-build) and then the tests again."))
    }
    if let object = newest(
      in: modules.map { buildFolder.appendingPathComponent("\($0).build") }, kinds: ["o"]), object.date > built
    {
      return .failure(
        Problem(
          description: "\(url.path) (linked \(built)) is older than \(object.path) (\(object.date)): it was not "
            + "relinked after its code was recompiled. Run `swift build` and then the tests again."))
    }
    return .success(url)
  }()

  /// Throws when the executable is missing or older than the sources.
  public static func check() throws {
    if case .failure(let problem) = status { throw problem }
  }
}
