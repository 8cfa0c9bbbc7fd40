import LinearAlgebra
import Dispatch

/// Correlations of a set of instruments, ready for selection: weekly, pairwise complete, floored (DESIGN.md §3).
public struct CorrelationEstimate: Sendable {
  /// `N × N`, unit diagonal, symmetric; undefined pairs set to 0 before the floor.
  public var matrix: Matrix
  /// Pairs (i < j) without a defined correlation: fewer than two common weeks, or no variation over them.
  public var undefinedPairs: Int
  /// Pairs (i < j) raised to the floor.
  public var flooredPairs: Int
  /// Whether the weekly panel had gaps (the four-product path) or not (one `dsyrk`).
  public var hadGaps: Bool
}

extension Universe {
  /// The weekly panel of the instruments at `indices`, prepared for correlations (DESIGN.md §3): weekly differences
  /// over the `settings.weeks` ISO weeks ending with the week of the universe's last date.
  ///
  /// A window longer than the data is the data: it starts no earlier than the week of the first price of any of these
  /// instruments, since no weekly difference can fall before it. The correlations are the same, and the panel's
  /// memory is bounded by the data's span whatever `settings.weeks` says.
  public func correlationPanel(of indices: [Int], settings: CorrelationSettings) -> CorrelationPanel {
    let retention = PriceSummary.Retention(differences: 1, volumeRows: 0, weeks: settings.weeks)
    let selected =
      keepsHistories
      ? indices.map { PriceSummary(histories[$0], keeping: retention) } : indices.map { self.summaries[$0] }
    return Self.correlationPanel(selected, lastDate: lastDate, settings: settings)
  }

  /// The weekly panel of `summaries` (their weekly closes; `lastDate` is the universe's last date).
  public static func correlationPanel(
    _ summaries: [PriceSummary], lastDate: CalendarDay?, settings: CorrelationSettings
  ) -> CorrelationPanel {
    guard let lastDate else { return CorrelationPanel(values: Matrix(rows: 0, columns: 0), mask: nil) }
    precondition(summaries.allSatisfy { $0.retention.weeks >= settings.weeks }, "the summaries keep the window")
    return PeriodicPanel(
      series: summaries.map { ($0.weekDates, $0.weeklyCloses) }, lastDate: lastDate,
      periods: windowWeeks(settings.weeks, firstDate: summaries.compactMap(\.firstDate).min(), lastDate),
      period: .isoWeek, change: .difference
    ).correlationPanel()
  }

  /// `weeks`, or the weeks from `first` (the earliest first price) to `lastDate` (both weeks included) when that is
  /// fewer.
  static func windowWeeks(_ weeks: Int, firstDate first: CalendarDay?, _ lastDate: CalendarDay) -> Int {
    guard let first else { return min(weeks, 1) }
    return max(1, min(weeks, lastDate.isoWeekNumber - first.isoWeekNumber + 1))
  }

  /// The floored weekly correlation matrix of the instruments at `indices` (in that order).
  public func correlation(of indices: [Int], settings: CorrelationSettings) -> CorrelationEstimate {
    flooredCorrelation(correlationPanel(of: indices, settings: settings), floor: settings.floor)
  }
}

/// The full matrix of `panel` with undefined pairs set to 0 and every pair raised to `floor`: the kernel writes the
/// upper triangle, and one tiled pass floors it and mirrors it to the lower triangle.
///
/// Pairs whose correlation is undefined (fewer than two common weeks, or one of the two flat over them) get 0 — no
/// evidence of co-movement — and then the floor like every other pair.
public func flooredCorrelation(_ panel: CorrelationPanel, floor: Double) -> CorrelationEstimate {
  var c = panel.matrix(triangle: .upper)
  let n = c.rows
  let tile = 64
  let tiles = (n + tile - 1) / tile
  let counts = ConcurrentResults<(Int, Int)>(count: tiles)
  c.storage.withUnsafeMutableBufferPointer { buffer in
    nonisolated(unsafe) let a = buffer.baseAddress!
    DispatchQueue.concurrentPerform(iterations: tiles) { tj in
      var undefined = 0, floored = 0
      let j0 = tj * tile, j1 = min(n, j0 + tile)
      // Floor the upper entries of this tile column, then mirror them into the lower triangle tile by tile.
      for j in j0..<j1 {
        for i in 0..<j {
          var r = a[i + j * n]
          if r.isNaN {
            undefined += 1
            r = 0
          }
          if r < floor {
            floored += 1
            r = floor
          }
          a[i + j * n] = min(r, 1)  // rounding can leave a unit-length Gram entry a few ulps above 1
        }
      }
      counts[tj] = (undefined, floored)
    }
  }
  c.symmetrizeFromUpper()
  var undefined = 0, floored = 0
  for t in 0..<tiles {
    undefined += counts[t]?.0 ?? 0
    floored += counts[t]?.1 ?? 0
  }
  return CorrelationEstimate(matrix: c, undefinedPairs: undefined, flooredPairs: floored, hadGaps: panel.hasGaps)
}

