#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file and folder writes through POSIX calls, for the generator and reports.
public enum FileWriter {
  /// Writes `bytes` to `path`, replacing any file there (or after its end, `appending`: a file written in parts).
  public static func write(_ bytes: [UInt8], to path: String, appending: Bool = false) throws(InputError) {
    let fd = open(path, O_WRONLY | O_CREAT | (appending ? O_APPEND : O_TRUNC), 0o644)
    guard fd >= 0 else {
      throw InputError(
        file: path, message: "cannot create the file (\(String(cString: strerror(errno))))",
        suggestion: "Check that the folder exists and is writable.")
    }
    defer { close(fd) }
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
      if n < 0 {
        if errno == EINTR { continue }
        throw InputError(
          file: path, message: "writing failed (\(String(cString: strerror(errno))))",
          suggestion: "Check the free disk space.")
      }
      done += n
    }
  }

  /// Writes `text` as UTF-8 to `path`.
  public static func write(_ text: String, to path: String) throws(InputError) {
    try write(Array(text.utf8), to: path)
  }

  /// Removes the file at `path` (not a folder); a file already gone is not an error.
  public static func remove(_ path: String) throws(InputError) {
    if unlink(path) != 0 && errno != ENOENT {
      throw InputError(
        file: path, message: "cannot remove the file (\(String(cString: strerror(errno))))",
        suggestion: "Check the folder's permissions.")
    }
  }

  /// Creates the folder at `path` and any missing parents.
  public static func createDirectory(_ path: String) throws(InputError) {
    var current = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      current += "/" + component
      if FileBytes.exists(current).isDirectory { continue }
      if mkdir(current, 0o755) != 0 && errno != EEXIST {
        throw InputError(
          file: path, message: "cannot create the folder (\(String(cString: strerror(errno))))",
          suggestion: "Check the path and permissions.")
      }
    }
  }
}

/// Appends ASCII text and numbers to a byte buffer quickly (the generator writes hundreds of millions of fields).
public struct ByteBuffer {
  public var bytes: [UInt8] = []

  public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  @inline(__always) public mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }
  @inline(__always) public mutating func append(byte: UInt8) { bytes.append(byte) }

  /// Appends a non-negative or negative integer in decimal.
  @inline(__always) public mutating func append(integer value: Int64) {
    var v = value
    if v < 0 {
      bytes.append(UInt8(ascii: "-"))
      v = -v
    }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { d in
      repeat {
        d[count] = UInt8(v % 10) + 48
        v /= 10
        count += 1
      } while v > 0
      for k in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[k]) }
    }
  }

  /// Appends `units / 10^decimals` with exactly `decimals` digits after the point (`units` an integer count of the
  /// smallest decimal unit), e.g. units 12345, decimals 2 → `123.45`.
  @inline(__always) public mutating func append(fixedUnits units: Int64, decimals: Int) {
    if decimals == 0 {
      append(integer: units)
      return
    }
    var scale: Int64 = 1
    for _ in 0..<decimals { scale *= 10 }
    let negative = units < 0
    let magnitude = negative ? -units : units
    if negative { bytes.append(UInt8(ascii: "-")) }
    append(integer: magnitude / scale)
    bytes.append(UInt8(ascii: "."))
    var fraction = magnitude % scale
    var divisor = scale / 10
    for _ in 0..<decimals {
      bytes.append(UInt8(fraction / divisor) + 48)
      fraction %= divisor
      divisor = max(divisor / 10, 1)
    }
  }

  /// Appends an ISO date.
  @inline(__always) public mutating func append(date: CalendarDay) { append(date.description) }
}
