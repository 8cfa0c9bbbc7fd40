import Foundation

/// Output of a finished process.
public struct ProcessOutput: Sendable {
  public var status: Int32
  public var standardOutput: String
  public var standardError: String
}

/// Runs `executable` with `arguments` (and extra environment variables) and waits for it. When `executable` is the
/// package's `tradeable`, it must be at least as new as the sources (`TradeableExecutable.check()`), or this throws.
public func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
  currentDirectory: URL? = nil) throws -> ProcessOutput
{
  if executable.standardizedFileURL == TradeableExecutable.location.standardizedFileURL {
    try TradeableExecutable.check()
  }
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  var env = ProcessInfo.processInfo.environment
  for (k, v) in environment { env[k] = v }
  process.environment = env
  if let currentDirectory { process.currentDirectoryURL = currentDirectory }
  let out = Pipe(), err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  // Read both pipes fully before waiting, so a large output cannot block the child.
  let group = DispatchGroup()
  nonisolated(unsafe) var outData = Data(), errData = Data()
  group.enter()
  DispatchQueue.global().async {
    outData = out.fileHandleForReading.readDataToEndOfFile()
    group.leave()
  }
  errData = err.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  process.waitUntilExit()
  return ProcessOutput(
    status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
    standardError: String(decoding: errData, as: UTF8.self))
}
