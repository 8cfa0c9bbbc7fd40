import Foundation
import Testing
import Tradeable
import _TestSupport

/// Matrix-free selection against the full path on a panel *with gaps* (ragged starts, holidays, missing days, stale
/// instruments): the pairwise-complete path, where each pair has its own weeks.
///
/// Tolerance 1e-11 and why: both paths form the same six pairwise sums (Σx, Σy, Σx², Σy², Σxy, common weeks) through
/// BLAS, but grouped differently (tiles of `[X | M]ᵀ[X | M]` for the matrix, `Xᵀ[X_S | M_S]` and friends for rows), so
/// each correlation differs by summation order only, ~1e-16. The one-pass combination `Σxy − ΣxΣy/n` over a pair's
/// common weeks (whose mean is not zero) loses a digit or two, and max-Sharpe weights solve with the set's
/// correlation matrix (condition number up to ~10²): observed differences ≤ 1e-13, asserted at 1e-11.
@Suite("Matrix-free selection with gaps")
struct MatrixFreeGapsTests {
  static let folder: TemporaryDataFolder = {
    let f = TemporaryDataFolder("matrix-free-gaps")
    _ = try! UniverseGenerator(instruments: 600, years: 5.5, seed: 5, gaps: true).write(to: f.path)
    return f
  }()

  static func settings(_ mode: CorrelationMode, _ scheme: WeightingScheme) -> PipelineSettings {
    MatrixFreeTests.comparable(mode, scheme)
  }

  @Test("N = 600 with gaps: identical selection, numbers within 1e-11", arguments: WeightingScheme.allCases)
  func identical(_ scheme: WeightingScheme) throws {
    let universe = try Universe.load(folder: Self.folder.path)
    let full = UniverseAnalysis(universe: universe, settings: Self.settings(.full, scheme))
    let free = UniverseAnalysis(universe: universe, settings: Self.settings(.matrixFree, scheme))
    #expect(full.poolPanel.hasGaps && free.poolPanel.hasGaps)
    #expect(full.pool.count > 300)
    #expect(!full.matrixFree && free.matrixFree)
    let capital = 10_000_000.0
    let a = try full.select(capital: capital), b = try free.select(capital: capital)
    #expect(a.path.steps.count >= 3, "a path long enough to compare")
    #expect(a.path.steps.map(\.added) == b.path.steps.map(\.added))
    #expect(a.path.stopReason == b.path.stopReason)
    for (x, y) in zip(a.path.steps, b.path.steps) {
      #expect(approximately(x.sharpe, y.sharpe, relative: 1e-11))
      #expect(approximately(x.idm, y.idm, relative: 1e-11))
      #expect(approximately(x.minimumCapital, y.minimumCapital, relative: 1e-11))
      #expect(approximately(x.weights, y.weights, relative: 1e-11))
    }
    #expect(
      approximately(a.correlation.selected.storage, b.correlation.selected.storage, relative: 1e-11, absolute: 1e-13))
  }
}
