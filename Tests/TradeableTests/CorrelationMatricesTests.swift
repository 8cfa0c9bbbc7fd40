import LinearAlgebra
import Testing
import Tradeable
import _TestSupport

@Suite("Correlation matrices for output and the repair's size")
struct CorrelationMatricesTests {
  @Test("largest repair change by hand: the largest |repaired − floored| over the pairs, and which pair")
  func largestChangeByHand() throws {
    let floored = Matrix([[1, 0.9, 0], [0.9, 1, 0.9], [0, 0.9, 1]])
    let repaired = Matrix([[1, 0.85, 0.02], [0.85, 1, 0.88], [0.02, 0.88, 1]])
    let summary = CorrelationSummary(
      matrixFree: false, poolSize: 3, weeks: 10, panelHasGaps: false, eligibleCount: 3, undefinedPairs: 0,
      repair: CorrelationRepair(smallestEigenvalue: -0.27, repaired: true, clippedEigenvalues: 1), selected: repaired,
      selectedFloored: floored)
    // |0.85 − 0.9| = 0.05 (pair 0–1) beats |0.02 − 0| = 0.02 and |0.88 − 0.9| = 0.02.
    let change = try #require(summary.largestRepairChange)
    #expect(approximately(change.change, 0.05, relative: 1e-12) && change.first == 0 && change.second == 1)
    let unrepaired = CorrelationSummary(
      matrixFree: true, poolSize: 3, weeks: 10, panelHasGaps: false, eligibleCount: 3, undefinedPairs: nil,
      repair: nil, selected: floored)
    #expect(unrepaired.largestRepairChange?.change == 0)
  }

  @Test("the chosen set's matrices on the bundled data: raw, floored = floor(raw), repaired = what selection used")
  func chosenOnBundledData() throws {
    let analysis = UniverseAnalysis(universe: try Universe.load(folder: PackagePaths.bundledFutures.path))
    let result = try analysis.select(capital: 1_000_000)
    let m = try analysis.correlationMatrices(.chosen, of: result)
    let k = result.portfolio.members.count
    #expect(m.codes == result.portfolio.codes && m.raw.rows == k && m.floored.rows == k)
    let repaired = try #require(m.repaired)
    #expect(repaired == result.correlation.selected && m.floored == result.correlation.selectedFloored)
    var clamped = 0
    for j in 0..<k {
      #expect(m.raw[j, j] == 1 && repaired[j, j] == 1)
      for i in 0..<k where i != j {
        // The raw rows come from the panel's matrix-free kernel, the floored pairs from the blocked full matrix:
        // the same sums in another order, so they agree to rounding.
        let expected = m.raw[i, j].isNaN ? 0 : max(m.raw[i, j], analysis.settings.correlation.floor)
        #expect(approximately(m.floored[i, j], expected, relative: 1e-12, absolute: 1e-14))
        if m.raw[i, j] < 0 { clamped += 1 }
        #expect(repaired[i, j] == repaired[j, i] && abs(repaired[i, j]) <= 1)
      }
    }
    #expect(clamped > 0)  // some pairs are negative before the floor (NASDAQ_micro–GBPEUR is −0.24)
    #expect(approximately(m.largestRepairChange!, result.correlation.largestRepairChange!.change, relative: 1e-15))
    #expect(try repaired.smallestEigenvalue() > 0)
  }

  @Test("the pool's matrices: every pool instrument, the repair of DESIGN.md §3 positive definite")
  func poolOnBundledData() throws {
    let analysis = UniverseAnalysis(universe: try Universe.load(folder: PackagePaths.bundledFutures.path))
    let result = try analysis.select(capital: 1_000_000)
    let m = try analysis.correlationMatrices(.pool, of: result)
    #expect(m.indices == analysis.pool && m.raw.rows == 170)
    #expect(m.floored == analysis.poolCorrelation!.matrix)
    let repaired = try #require(m.repaired)
    #expect(try repaired.smallestEigenvalue() > 0 && (0..<170).allSatisfy { repaired[$0, $0] == 1 })
    #expect(try m.floored.smallestEigenvalue() < 0)
    let json = m.json
    guard case .object(let members) = json else { Issue.record("not an object"); return }
    #expect(members.map(\.0) == ["scope", "codes", "raw", "floored", "repaired", "largestRepairChange"])
  }
}
