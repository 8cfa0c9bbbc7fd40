#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes `text` to the file at `path` (created or truncated, mode 0644) through POSIX calls, so the command-line
/// tool does not link Foundation (whose start-up cost every command would pay). Returns the error text on failure.
func writeFile(_ path: String, _ text: String) -> String? {
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  guard fd >= 0 else { return String(cString: strerror(errno)) }
  defer { close(fd) }
  var text = text
  return text.withUTF8 { bytes -> String? in
    var offset = 0
    while offset < bytes.count {
      let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return String(cString: strerror(errno))
      }
      offset += written
    }
    return nil
  }
}
