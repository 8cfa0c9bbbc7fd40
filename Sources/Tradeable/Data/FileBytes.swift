#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and directory listings through POSIX calls (no Foundation on the loading path: it is the hot
/// path of every run, and the whole process should start and finish in well under a second).
public enum FileBytes {
  /// The bytes of the file at `path`. Errors name `displayName`.
  public static func read(_ path: String, displayName: String) throws(InputError) -> [UInt8] {
    let (fd, size) = try openRegularFile(path, displayName: displayName)
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: size)
    var done = 0
    if size > 0 {
      // `withUnsafeMutableBytes` rethrows untyped errors: the typed one travels in a `Result`.
      let result = bytes.withUnsafeMutableBytes { buffer in
        Result { () throws(InputError) in
          try readFully(fd, into: buffer.baseAddress!, count: size, displayName: displayName)
        }
      }
      done = try result.get()
    }
    if done < bytes.count { bytes.removeLast(bytes.count - done) }
    return bytes
  }

  /// Opens the regular file at `path` for reading: its descriptor (the caller closes it) and size in bytes. Errors
  /// name `displayName`: the file cannot be opened, its size cannot be read, or it is a folder.
  static func openRegularFile(_ path: String, displayName: String) throws(InputError) -> (descriptor: Int32, size: Int)
  {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw InputError(
        file: displayName, message: "cannot open the file (\(String(cString: strerror(errno))))",
        suggestion: "Check that the path exists and is readable.")
    }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      close(fd)
      throw InputError(file: displayName, message: "cannot read the file's size", suggestion: "Check the file.")
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw InputError(
        file: displayName, message: "this is a folder, not a file", suggestion: "Point at the CSV file itself.")
    }
    return (fd, Int(info.st_size))
  }

  /// Reads up to `count` bytes of `fd` into `buffer`, retrying interrupted reads; returns how many it read (fewer
  /// when the file is shorter than its size said).
  static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, displayName: String)
    throws(InputError) -> Int
  {
    var done = 0
    while done < count {
      let n = Glibc.read(fd, buffer + done, count - done)
      if n < 0 {
        if errno == EINTR { continue }
        throw InputError(
          file: displayName, message: "reading failed (\(String(cString: strerror(errno))))",
          suggestion: "Check the file and the disk.")
      }
      if n == 0 { break }
      done += n
    }
    return done
  }

  /// Whether `path` exists; `isDirectory` tells which kind.
  public static func exists(_ path: String) -> (exists: Bool, isDirectory: Bool) {
    var info = stat()
    guard stat(path, &info) == 0 else { return (false, false) }
    return (true, (info.st_mode & S_IFMT) == S_IFDIR)
  }

  /// Names of the entries of the folder at `path` (not `.` or `..`), sorted by their bytes (so that results never
  /// depend on the file system's listing order) unless `sorted` is false (for a caller that uses them as a set).
  public static func listDirectory(_ path: String, displayName: String, sorted: Bool = true) throws(InputError)
    -> [String]
  {
    guard let dir = opendir(path) else {
      throw InputError(
        file: displayName, message: "cannot open the folder (\(String(cString: strerror(errno))))",
        suggestion: "Check that the folder exists and is readable.")
    }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    guard sorted else { return names }
    // Byte order, keys computed once (a 100,000-file folder sorts in milliseconds).
    let keys = names.map { Array($0.utf8) }
    return keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }.map { names[$0] }
  }
}

/// Joins path components with `/`.
func joinPath(_ base: String, _ name: String) -> String {
  if base.isEmpty { return name }
  return base.hasSuffix("/") ? base + name : base + "/" + name
}
