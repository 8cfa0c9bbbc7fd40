#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `message` and a newline to standard error (file descriptor 2, unbuffered).
func printError(_ message: String, newline: Bool = true) {
  var text = message + (newline ? "\n" : "")
  text.withUTF8 { bytes in
    var offset = 0
    while offset < bytes.count {
      let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
      if written <= 0 { break }
      offset += written
    }
  }
}
