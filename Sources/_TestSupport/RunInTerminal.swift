import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs `executable` with its standard output on a new pseudo-terminal (so `isatty(1)` is true in the child, as in a
/// user's terminal) and its standard error on a pipe, and waits for it. The terminal turns each `\n` into `\r\n`;
/// `standardOutput` is given back with `\n` again.
///
/// Tests of terminal behaviour (colour, `NO_COLOR`, `TERM=dumb`) need this: in a pipe, colour is off whatever the
/// environment says, so a test that only ever runs the binary in a pipe cannot fail.
public func runInTerminal(
  _ executable: URL, _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil
) throws -> ProcessOutput {
  if executable.standardizedFileURL == TradeableExecutable.location.standardizedFileURL {
    try TradeableExecutable.check()
  }
  let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
  guard master >= 0, PseudoTerminal.grant(master) == 0, PseudoTerminal.unlock(master) == 0,
    let name = PseudoTerminal.name(master)
  else {
    throw TerminalProblem(description: "cannot open a pseudo-terminal (errno \(errno))")
  }
  let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
  guard slave >= 0 else {
    close(master)
    throw TerminalProblem(description: "cannot open the pseudo-terminal's other end (errno \(errno))")
  }
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  var env = ProcessInfo.processInfo.environment
  for (k, v) in environment { env[k] = v }
  process.environment = env
  if let currentDirectory { process.currentDirectoryURL = currentDirectory }
  let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
  let err = Pipe()
  process.standardOutput = terminal
  process.standardError = err
  do {
    try process.run()
  } catch {
    close(slave)
    close(master)
    throw error
  }
  // The child holds its own copy; closing ours lets the read below end (EIO) when the child exits.
  close(slave)
  let group = DispatchGroup()
  nonisolated(unsafe) var outData = Data()
  group.enter()
  DispatchQueue.global().async {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
      if count > 0 {
        outData.append(contentsOf: buffer[0..<count])
      } else if count < 0 && errno == EINTR {
        continue
      } else {
        break  // 0 or EIO: every writer has closed the terminal
      }
    }
    group.leave()
  }
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  group.wait()
  close(master)
  let text = String(decoding: outData, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
  return ProcessOutput(
    status: process.terminationStatus, standardOutput: text, standardError: String(decoding: errData, as: UTF8.self))
}

/// `grantpt`, `unlockpt` and `ptsname`, which Glibc's Swift module leaves out (they sit behind `_XOPEN_SOURCE`), looked up at run
/// time in the C library.
private enum PseudoTerminal {
  typealias Unlock = @convention(c) (Int32) -> Int32
  typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

  static func symbol<T>(_ name: String, as type: T.Type) -> T? {
    #if canImport(Glibc)
      guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else { return nil }
    #else
      guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: -2), name) else { return nil }
    #endif
    return unsafeBitCast(pointer, to: type)
  }

  static func grant(_ fd: Int32) -> Int32 { symbol("grantpt", as: Unlock.self)?(fd) ?? -1 }
  static func unlock(_ fd: Int32) -> Int32 { symbol("unlockpt", as: Unlock.self)?(fd) ?? -1 }
  static func name(_ fd: Int32) -> UnsafeMutablePointer<CChar>? { symbol("ptsname", as: Name.self)?(fd) }
}

/// A pseudo-terminal could not be set up.
public struct TerminalProblem: Error, CustomStringConvertible {
  public var description: String
}
