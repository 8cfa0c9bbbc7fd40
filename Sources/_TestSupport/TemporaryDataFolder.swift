import Foundation

/// A data folder written by a test and deleted when the value goes away.
public final class TemporaryDataFolder: @unchecked Sendable {
  /// The folder.
  public let url: URL
  /// Its path.
  public var path: String { url.path }

  /// A new, empty folder under the system's temporary folder.
  public init(_ label: String = "tradeable") {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `text` to `relativePath`, creating folders as needed.
  public func write(_ relativePath: String, _ text: String) {
    let file = url.appendingPathComponent(relativePath)
    try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try! Data(text.utf8).write(to: file)
  }

  /// Full path of `relativePath` inside the folder.
  public func path(_ relativePath: String) -> String { url.appendingPathComponent(relativePath).path }

  /// Copies the whole folder at `source` into this one (as its contents).
  public static func copy(of source: URL) -> TemporaryDataFolder {
    let folder = TemporaryDataFolder()
    let items = try! FileManager.default.contentsOfDirectory(atPath: source.path)
    for item in items {
      try! FileManager.default.copyItem(
        at: source.appendingPathComponent(item), to: folder.url.appendingPathComponent(item))
    }
    return folder
  }
}
