import Foundation
import LinearAlgebra
import Testing
import Tradeable
import _TestSupport

/// A correlation floor above zero (DESIGN.md §3), on the hand universe whose correlations are known exactly
/// (`HandUniverse`: corr(A,B) = 1, corr(A,C) = corr(B,C) = corr(C,D) = 0, corr(A,D) = corr(B,D) = −1,
/// corr(·,E) = ±1/√2).
@Suite("Correlation floor 0.3")
struct CorrelationFloorTests {
  static func settings(repair: Bool) -> PipelineSettings {
    var s = HandUniverse.settings
    s.correlation.floor = 0.3
    s.correlation.repair = repair
    return s
  }

  static let universe: Universe = {
    let folder = TemporaryDataFolder("floor")
    HandUniverse.write(to: folder)
    return try! Universe.load(folder: folder.path)
  }()

  @Test("every pair below 0.3 is raised to it, the others are kept; six pairs floored")
  func matrix() throws {
    let estimate = Self.universe.correlation(of: Array(0..<5), settings: Self.settings(repair: false).correlation)
    let c = estimate.matrix
    let half = 0.5.squareRoot()
    // Order A, B, C, D, E. Raised: A–C, B–C, C–D (0), A–D, B–D (−1), D–E (−1/√2).
    let expected: [[Double]] = [
      [1, 1, 0.3, 0.3, half],
      [1, 1, 0.3, 0.3, half],
      [0.3, 0.3, 1, 0.3, half],
      [0.3, 0.3, 0.3, 1, 0.3],
      [half, half, half, 0.3, 1],
    ]
    for i in 0..<5 {
      for j in 0..<5 { #expect(approximately(c[i, j], expected[i][j], relative: 1e-12), "(\(i), \(j))") }
    }
    #expect(estimate.flooredPairs == 6 && estimate.undefinedPairs == 0)
  }

  @Test("the floor changes the path: A, C, D with the Sharpe ratios of the floored matrix, worked by hand")
  func path() throws {
    // Net SR 0.39, 0.38, 0.37, 0.36, 0.35 (A … E); equal weights, wᵀCw = ΣC / k².
    // Step 2 from {A}: B: (2 + 2)/4 = 1 → 0.385; C, D: (2 + 0.6)/4 = 0.65 → 0.38/√0.65 = 0.47133, 0.375/√0.65 = 0.46513;
    //   E: (2 + √2)/4 → 0.37/0.92388 = 0.40049. C wins (with floor 0 it would be 0.38/√0.5 = 0.5374).
    // Step 3 from {A, C}: D: (3 + 2·0.9)/9 = 0.5333 → (1.12/3)/0.73030 = 0.51121; B: (3 + 3.2)/9 → 0.45784;
    //   E: (3 + 0.6 + 2√2)/9 → 0.43779. D wins.
    // Step 4 from {A, C, D}: B: (4 + 5)/16 → 0.375/0.75 = 0.5; E: (4 + 2.4 + 2√2)/16 → 0.3675/0.75946 = 0.48390.
    //   Neither beats 0.51121: stop.
    // The repair is off: A and B are perfectly correlated, so the repair would move these numbers by ~1e-6.
    let analysis = UniverseAnalysis(universe: Self.universe, settings: Self.settings(repair: false))
    let r = try analysis.select(capital: 1e9)
    #expect(r.path.steps.map { HandUniverse.codes[$0.added] } == ["A", "C", "D"])
    #expect(r.path.stopReason == .noImprovement)
    let sharpe = r.path.steps.map(\.sharpe)
    #expect(approximately(sharpe, [0.39, 0.4713319914389921, 0.5112077203381551], relative: 1e-12))
    // IDM = 1/√(wᵀCw): 1/√0.65 = 1.24035, 1/√(4.8/9) = 1.36931.
    #expect(approximately(r.path.steps.map(\.idm), [1, 1.2403473458920844, 1.3693063937629153], relative: 1e-12))
  }

  @Test("with the repair on, the floor comes first: the singular floored matrix is repaired and stays usable")
  func floorThenRepair() throws {
    let analysis = UniverseAnalysis(universe: Self.universe, settings: Self.settings(repair: true))
    // Every instrument is eligible at 1e9, so the eligible matrix is the pool's, repaired once (DESIGN.md §3).
    let matrix = try #require(analysis.eligibleCorrelation(capital: 1e9))
    let repair = try #require(analysis.poolRepair)
    // A and B are identical up to scale (corr 1): the floored matrix is singular, so it is repaired.
    #expect(repair.repaired && repair.smallestEigenvalue < 1e-10)
    #expect(try matrix.smallestEigenvalue() > 0)
    for i in 0..<5 { #expect(approximately(matrix[i, i], 1, relative: 1e-15)) }
    // The repair moves entries by at most what clipping one eigenvalue to 1e-6 can: here 1e-6 or so. (DESIGN.md: the
    // repaired matrix may hold entries slightly below the floor; nothing may assume it does not.)
    let floored = Self.universe.correlation(of: Array(0..<5), settings: Self.settings(repair: false).correlation).matrix
    for i in 0..<5 { for j in 0..<5 { #expect(abs(matrix[i, j] - floored[i, j]) < 1e-5) } }
    let r = try analysis.select(capital: 1e9)
    #expect(r.path.steps.map { HandUniverse.codes[$0.added] } == ["A", "C", "D"])
    #expect(approximately(r.path.final!.sharpe, 0.5112077203381551, relative: 1e-5))
  }
}
