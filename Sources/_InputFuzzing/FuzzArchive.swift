import Tradeable

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Several files in one fuzz input, so that a fuzzer can mutate a whole data folder: each file starts with a line
/// `=== PATH` and holds the bytes up to the next such line (or the end). A path the target does not allow (see
/// `dataFolderPaths`) is skipped, so mutations never write outside the scratch folder.
///
///     === instruments.csv
///     code,currency,multiplier,tick_size
///     ES,USD,50,0.25
///     === prices/ES.csv
///     date,price
///     2023-08-31,4505
public struct FuzzArchive: Sendable {
  /// `(path, bytes)` in input order; a path given twice keeps its last contents.
  public var files: [(path: String, bytes: [UInt8])]

  /// Splits `bytes` into files.
  public init(_ bytes: [UInt8]) {
    files = []
    var path: String? = nil
    var start = 0
    var i = 0
    let marker = Array("=== ".utf8)
    func isMarker(at k: Int) -> Bool {
      (k == 0 || bytes[k - 1] == UInt8(ascii: "\n")) && bytes.count - k >= marker.count
        && bytes[k..<(k + marker.count)].elementsEqual(marker)
    }
    while i <= bytes.count {
      if i == bytes.count || isMarker(at: i) {
        if let path { files.append((path, Array(bytes[start..<i]))) }
        if i == bytes.count { break }
        var e = i + marker.count
        while e < bytes.count, bytes[e] != UInt8(ascii: "\n") { e += 1 }
        path = String(decoding: bytes[(i + marker.count)..<e], as: UTF8.self)
        start = min(e + 1, bytes.count)
        i = start
        continue
      }
      i += 1
    }
  }

  /// Files of a Tradeable data folder (`Universe.load`): the three tables, a long price file, and price files of codes
  /// made of letters, digits and `_` under `prices/`.
  public static func dataFolderPaths(_ path: String) -> Bool {
    ["instruments.csv", "fx.csv", "prices.csv"].contains(path) || isCodeFile(path, under: "prices/")
  }

  /// Files of a pysystemtrade folder: its three configuration tables and price files of plain codes.
  public static func pysystemtradePaths(_ path: String) -> Bool {
    ["csvconfig/instrumentconfig.csv", "csvconfig/spreadcosts.csv", "csvconfig/rollconfig.csv"].contains(path)
      || isCodeFile(path, under: "adjusted_prices_csv/") || isCodeFile(path, under: "fx_prices_csv/")
  }

  static func isCodeFile(_ path: String, under folder: String) -> Bool {
    guard path.hasPrefix(folder), path.hasSuffix(".csv") else { return false }
    let code = path.dropFirst(folder.count).dropLast(4)
    return !code.isEmpty && code.count <= 32
      && code.unicodeScalars.allSatisfy { $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || $0 == "_" }
  }

  /// Writes the allowed files into a fresh scratch folder, runs `body` on it, and removes the folder again.
  public func withFolder<T>(allowed: (String) -> Bool, _ body: (String) throws -> T) throws -> T {
    let folder = Self.scratchFolder()
    var written: [String] = []
    var made: [String] = []
    defer {
      for file in written { unlink(file) }
      for directory in made.reversed() { rmdir(directory) }
    }
    for (path, bytes) in files where allowed(path) {
      let parts = path.split(separator: "/")
      var directory = folder
      for part in parts.dropLast() {
        directory += "/" + part
        if mkdir(directory, 0o755) == 0 { made.append(directory) }
      }
      let file = folder + "/" + path
      try FileWriter.write(bytes, to: file)
      if !written.contains(file) { written.append(file) }
    }
    return try body(folder)
  }

  /// A folder of this process's own under the system's memory-backed scratch space (`/dev/shm`) when there is one,
  /// else under `TMPDIR` or `/tmp`.
  static func scratchFolder() -> String {
    var base = "/dev/shm"
    var info = stat()
    if stat(base, &info) != 0 {
      base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    }
    let folder = base + "/tradeable-fuzz-\(getpid())"
    mkdir(folder, 0o700)
    return folder
  }
}
