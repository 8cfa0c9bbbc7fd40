import Dispatch
import Foundation
import Synchronization
import Tradeable

#if canImport(Glibc)
import Glibc
#endif

// Load throughput of a generated data folder against the plain baseline on the same files in the same process: a pass
// that reads every price file and only counts its lines with memchr, on every core, as the loader reads them. No
// parser can read faster than that pass, so the ratio says how close loading comes to the disk (or page cache).
//
//     LoadTimer DIR [REPEATS]
//
// Prints one Markdown row: instruments, GB of price CSV, the line-count pass, loading the summaries `select` keeps
// (PriceLoading.summaries with the default settings), loading whole histories — each the best of REPEATS (default 3)
// runs, in seconds and GB/s —, the ratio of the summaries load to the line count, and the first summaries load of the
// process with its ratio. Each universe is let go after its timing (a command keeps what it loaded: freeing is no part
// of loading), so the later loads reuse memory the process already has, where the first asks the system for all of
// it: the difference between the two is the cost of new pages.
//
// With LOAD_ONLY_SUMMARIES set, it only loads the summaries REPEATS times (a steady load to profile with `perf`).
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  print("usage: LoadTimer DIR [REPEATS]")
  exit(2)
}
let folder = arguments[1]
let repeats = arguments.count > 2 ? Int(arguments[2])! : 3
let pricesFolder = folder + "/prices"
let names = try! FileBytes.listDirectory(pricesFolder, displayName: pricesFolder).filter { $0.hasSuffix(".csv") }

func seconds(_ body: () -> Void) -> Double {
  let a = DispatchTime.now().uptimeNanoseconds
  body()
  return Double(DispatchTime.now().uptimeNanoseconds - a) * 1e-9
}

/// Reads every file into a reusable buffer and counts its newlines with memchr, 16 files at a time per worker.
func countLines() -> (lines: Int, bytes: Int) {
  let next = Atomic<Int>(0)
  let lines = Atomic<Int>(0)
  let bytes = Atomic<Int>(0)
  let chunk = 16
  let workers = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  DispatchQueue.concurrentPerform(iterations: workers) { _ in
    var capacity = 1 << 16
    var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
    defer { buffer.deallocate() }
    var myLines = 0, myBytes = 0
    while true {
      let first = next.add(chunk, ordering: .relaxed).oldValue
      if first >= names.count { break }
      for k in first..<min(names.count, first + chunk) {
        let fd = open(pricesFolder + "/" + names[k], O_RDONLY)
        var info = stat()
        fstat(fd, &info)
        let size = Int(info.st_size)
        if size > capacity {
          buffer.deallocate()
          capacity = size * 2
          buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        }
        var done = 0
        while done < size {
          let n = read(fd, buffer + done, size - done)
          if n <= 0 { break }
          done += n
        }
        close(fd)
        var p = UnsafeRawPointer(buffer)
        let end = p + done
        while p < end, let hit = memchr(p, 0x0A, end - p) {
          myLines += 1
          p = UnsafeRawPointer(hit) + 1
        }
        myBytes += done
      }
    }
    lines.add(myLines, ordering: .relaxed)
    bytes.add(myBytes, ordering: .relaxed)
  }
  return (lines.load(ordering: .relaxed), bytes.load(ordering: .relaxed))
}

var counted = (lines: 0, bytes: 0)
var best = (count: Double.infinity, summaries: Double.infinity, whole: Double.infinity)
let retention = PipelineSettings().priceRetention
if ProcessInfo.processInfo.environment["LOAD_ONLY_SUMMARIES"] != nil {
  for _ in 0..<repeats { _ = try! Universe.load(folder: folder, keeping: .summaries(retention)) }
  exit(0)
}
var firstSummaries = 0.0
for run in 0..<repeats {
  best.count = min(best.count, seconds { counted = countLines() })
  var universe: Universe? = nil
  let summaries = seconds { universe = try! Universe.load(folder: folder, keeping: .summaries(retention)) }
  if run == 0 { firstSummaries = summaries }
  best.summaries = min(best.summaries, summaries)
  precondition(universe?.count == names.count)
  universe = nil
  best.whole = min(best.whole, seconds { universe = try! Universe.load(folder: folder, keeping: .wholeHistories) })
  precondition(universe?.count == names.count)
  universe = nil
}
let gigabytes = Double(counted.bytes) / 1e9
func cell(_ s: Double) -> String {
  let rate = gigabytes / s
  return String(format: "%.3f s (%.2f GB/s)", s, rate)
}
print(
  "| \(names.count) | \(String(format: "%.2f", gigabytes)) | \(counted.lines) | \(cell(best.count)) | "
    + "\(cell(best.summaries)) | \(cell(best.whole)) | \(String(format: "%.2f", best.summaries / best.count)) | "
    + "\(cell(firstSummaries)) | \(String(format: "%.2f", firstSummaries / best.count)) |")
