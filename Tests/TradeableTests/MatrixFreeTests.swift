import Foundation
import Testing
import Tradeable
import _TestSupport

/// Matrix-free selection against the full path (DESIGN.md §6, issue: identical within 1e-10 without gaps).
@Suite("Matrix-free selection")
struct MatrixFreeTests {
  /// A 2,000-instrument synthetic universe without gaps: 2.5 years of business days; the correlation window is
  /// shortened to 100 weeks so that every instrument has every week (a complete panel, the one-dsyrk path).
  static let folder: TemporaryDataFolder = {
    let f = TemporaryDataFolder("matrix-free")
    _ = try! UniverseGenerator(instruments: 2_000, years: 2.5, seed: 3, gaps: false).write(to: f.path)
    return f
  }()

  static func settings(_ mode: CorrelationMode, _ scheme: WeightingScheme) -> PipelineSettings {
    var s = comparable(mode, scheme)
    s.filters.history.minimumPrices = 500
    s.correlation.weeks = 100
    return s
  }

  /// Settings under which the full and the matrix-free paths can be compared (also `MatrixFreeGapsTests`'s).
  static func comparable(_ mode: CorrelationMode, _ scheme: WeightingScheme) -> PipelineSettings {
    var s = PipelineSettings()
    s.correlation.mode = mode
    s.selection.weighting = scheme
    // The full path would repair its matrix; matrix-free never has the matrix, so it cannot: compare like with like.
    s.correlation.repair = false
    // Refinement with handcrafted or max-Sharpe weights re-weights every candidate set of every move: minutes in a
    // debug build on these pools, so those two compare the greedy path and set; equal weights are refined (DESIGN.md
    // §6b) on both paths.
    s.selection.search.mode = scheme == .equal ? .refined : .greedy
    return s
  }

  @Test("N = 2,000 without gaps: identical selection, numbers within 1e-10", arguments: WeightingScheme.allCases)
  func identical(_ scheme: WeightingScheme) throws {
    let universe = try Universe.load(folder: Self.folder.path)
    let full = UniverseAnalysis(universe: universe, settings: Self.settings(.full, scheme))
    let free = UniverseAnalysis(universe: universe, settings: Self.settings(.matrixFree, scheme))
    #expect(!full.poolPanel.hasGaps)
    #expect(full.pool.count > 1_000)
    #expect(!full.matrixFree && free.matrixFree && free.poolCorrelation == nil)
    let capital = 20_000_000.0
    let a = try full.select(capital: capital), b = try free.select(capital: capital)
    #expect(a.path.steps.count >= 5)
    #expect(a.path.steps.map(\.added) == b.path.steps.map(\.added))
    #expect(a.path.stopReason == b.path.stopReason)
    for (x, y) in zip(a.path.steps, b.path.steps) {
      #expect(approximately(x.sharpe, y.sharpe, relative: 1e-10))
      #expect(approximately(x.idm, y.idm, relative: 1e-10))
      #expect(approximately(x.minimumCapital, y.minimumCapital, relative: 1e-10))
      #expect(approximately(x.weights, y.weights, relative: 1e-10))
    }
    #expect(approximately(a.correlation.selected.storage, b.correlation.selected.storage, relative: 1e-10, absolute: 1e-12))
    // The chosen set (refined with equal weights): the same on both paths.
    #expect(a.portfolio.codes == b.portfolio.codes)
    #expect(approximately(a.portfolio.sharpe!, b.portfolio.sharpe!, relative: 1e-10))
    #expect(a.search.moves.map(\.added) == b.search.moves.map(\.added))
  }

  @Test("the automatic mode goes matrix-free above the threshold")
  func automatic() throws {
    let universe = try Universe.load(folder: Self.folder.path)
    var settings = Self.settings(.automatic, .equal)
    settings.correlation.matrixFreeThreshold = 500
    #expect(UniverseAnalysis(universe: universe, settings: settings).matrixFree)
    settings.correlation.matrixFreeThreshold = 5_000
    #expect(!UniverseAnalysis(universe: universe, settings: settings).matrixFree)
  }
}
