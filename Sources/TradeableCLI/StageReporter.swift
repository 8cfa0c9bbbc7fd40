import Dispatch
import Synchronization
import Tradeable

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress and timings on standard error.
///
/// Progress: a stage that has run for more than a second gets a status line, redrawn five times a second
/// (`loading prices: 41,216 / 100,000`, `selection: step 37`), cleared when the stage ends; only when standard error is
/// a terminal. Timings: when a stage ends, its wall time and the process's peak resident memory so far
/// (`getrusage`), one line per stage.
final class StageReporter: PipelineObserver, @unchecked Sendable {
  static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

  let showProgress: Bool
  let printTimings: Bool
  private let state = Mutex(State())
  private var timer: DispatchSourceTimer?

  struct State {
    var stage: PipelineStage? = nil
    var started: UInt64 = 0
    var total: Int? = nil
    var done = 0
    var lineShown = false
    var timings: [(PipelineStage, Double, Double)] = []
  }

  init(showProgress: Bool, printTimings: Bool) {
    self.showProgress = showProgress
    self.printTimings = printTimings
    if showProgress {
      let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
      timer.schedule(deadline: .now() + .milliseconds(200), repeating: .milliseconds(200))
      timer.setEventHandler { [weak self] in self?.redraw() }
      timer.resume()
      self.timer = timer
    }
  }

  deinit { timer?.cancel() }

  func stageStarted(_ stage: PipelineStage, total: Int?) {
    state.withLock {
      $0.stage = stage
      $0.started = DispatchTime.now().uptimeNanoseconds
      $0.total = total
      $0.done = 0
    }
  }

  func stageAdvanced(_ stage: PipelineStage, done: Int) {
    state.withLock { if $0.stage == stage { $0.done = max($0.done, done) } }
  }

  func stageFinished(_ stage: PipelineStage) {
    let (elapsed, clear) = state.withLock { s -> (Double, Bool) in
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - s.started) * 1e-9
      let clear = s.lineShown
      s.lineShown = false
      s.stage = nil
      s.timings.append((stage, elapsed, Self.peakMemoryMegabytes()))
      return (elapsed, clear)
    }
    if clear { printError("\r\u{1B}[K", newline: false) }
    if printTimings {
      printError(
        "timing: \(stage.rawValue.padding(12)) \(NumberFormat.fixed(elapsed, decimals: 3)) s   peak memory "
          + "\(NumberFormat.money(Self.peakMemoryMegabytes())) MB")
    }
  }

  private func redraw() {
    let line = state.withLock { s -> String? in
      guard let stage = s.stage else { return nil }
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - s.started) * 1e-9
      guard elapsed > 1 else { return nil }
      s.lineShown = true
      let what: String
      switch stage {
      case .load: what = "loading prices"
      case .measure: what = "measuring volatility and costs"
      case .correlation: what = "correlations"
      case .repair: what = "repairing the correlation matrix"
      case .selection: what = "selection"
      case .walkForward: what = "walk-forward selections, rebalance dates"
      case .trading: what = "trading, instruments"
      }
      var amount = ""
      if stage == .selection {
        amount = ": step \(s.done)"
      } else if let total = s.total {
        amount = ": \(NumberFormat.money(Double(s.done))) / \(NumberFormat.money(Double(total)))"
      } else if s.done > 0 {
        amount = ": \(NumberFormat.money(Double(s.done))) files"
      }
      return "\(what)\(amount)  (\(NumberFormat.fixed(elapsed, decimals: 0)) s)"
    }
    if let line { printError("\r\u{1B}[K" + line, newline: false) }
  }

  /// Peak resident memory of the process so far, megabytes (Linux reports `ru_maxrss` in kilobytes).
  static func peakMemoryMegabytes() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    #if os(Linux)
    return Double(usage.ru_maxrss) / 1024
    #else
    return Double(usage.ru_maxrss) / 1_048_576
    #endif
  }
}

extension String {
  func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
