/// Stages of a run, for progress reports and timings.
public enum PipelineStage: String, Sendable, CaseIterable {
  /// Reading instruments, prices and FX.
  case load
  /// Volatility, costs, liquidity and the filters that do not depend on capital.
  case measure
  /// The weekly panel, and the correlation matrix when it is formed.
  case correlation
  /// On the full path, the positive-definite repair of the eligible instruments' correlation matrix (DESIGN.md §3): an
  /// eigen-decomposition, `O(N³)`, the largest cost of a selection on a pool of a few thousand instruments. Timed
  /// apart from the selection so that each stage shows what it costs.
  case repair
  /// The capital filter and the greedy selection.
  case selection
  /// The walk-forward's point-in-time selections, one rebalance date after another.
  case walkForward
  /// Trading the selections over the account's days, one instrument after another.
  case trading
}

/// Receives progress from the library. Methods may be called from any thread; implementations must be thread-safe.
/// The library never prints: the command-line tool decides what to show (and only on a terminal).
public protocol PipelineObserver: AnyObject, Sendable {
  /// A stage begins; `total` is the number of units of work when known (files, steps).
  func stageStarted(_ stage: PipelineStage, total: Int?)
  /// `done` units of the stage are finished.
  func stageAdvanced(_ stage: PipelineStage, done: Int)
  /// The stage is over.
  func stageFinished(_ stage: PipelineStage)
}
