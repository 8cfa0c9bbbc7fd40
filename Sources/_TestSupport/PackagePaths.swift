import Foundation

/// Paths of the package under test.
public enum PackagePaths {
  /// The repository root (this file is `Sources/_TestSupport/PackagePaths.swift`).
  public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The bundled futures data, `data/futures`.
  public static let bundledFutures: URL = root.appendingPathComponent("data/futures")

  /// The built `tradeable` executable next to the running test bundle (SwiftPM builds it because the end-to-end
  /// tests depend on its target).
  public static var tradeableExecutable: URL {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = testBinary.deletingLastPathComponent()
    // The runner may sit inside an .xctest bundle folder; walk up until the executable is found.
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("tradeable")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return root.appendingPathComponent(".build/debug/tradeable")
  }
}
