import Foundation
import Testing
import Tradeable
import _TestSupport

@Suite("Synthetic universe generator")
struct GeneratorTests {
  @Test("deterministic for a seed; a different seed differs")
  func deterministic() throws {
    let a = TemporaryDataFolder(), b = TemporaryDataFolder(), c = TemporaryDataFolder()
    _ = try UniverseGenerator(instruments: 40, years: 3, seed: 9).write(to: a.path)
    _ = try UniverseGenerator(instruments: 40, years: 3, seed: 9).write(to: b.path)
    _ = try UniverseGenerator(instruments: 40, years: 3, seed: 10).write(to: c.path)
    let codes = try String(contentsOfFile: a.path("instruments.csv"), encoding: .utf8).split(whereSeparator: \.isNewline)
      .dropFirst().map { $0.split(separator: ",")[0] }
    #expect(codes.count == 40)
    for file in ["instruments.csv", "prices/\(codes.first!).csv", "prices/\(codes.last!).csv"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: a.path(file)))
      #expect(x == (try Data(contentsOf: URL(fileURLWithPath: b.path(file)))))
      #expect(x != (try Data(contentsOf: URL(fileURLWithPath: c.path(file)))))
    }
  }

  @Test("realistic features: classes, negative prices, ragged starts, gaps, volumes; loads cleanly")
  func features() throws {
    let f = TemporaryDataFolder()
    let summary = try UniverseGenerator(instruments: 400, years: 5, seed: 4).write(to: f.path)
    #expect(summary.perClass.allSatisfy { $0.1 > 0 })
    #expect(summary.negativePriceInstruments > 0)
    let universe = try Universe.load(folder: f.path)
    #expect(universe.count == 400)
    let counts = universe.histories.map(\.count)
    // Regional holidays take about nine days a year out of every series; no series is longer than the calendar.
    #expect(counts.max()! <= summary.days && counts.max()! > summary.days - 80)
    #expect(counts.contains { $0 < 512 })  // some fail the history filter
    #expect(counts.filter { $0 < summary.days }.count > 50)  // ragged starts and missing days
    #expect(universe.histories.contains { $0.volumes == nil })  // no volume for some
    #expect(universe.histories.filter { $0.volumes != nil }.count > 300)
    let analysis = UniverseAnalysis(universe: universe, settings: PipelineSettings())
    #expect(analysis.poolPanel.hasGaps)
    for reason in [ExclusionReason.history, .stale, .liquidity, .cost] {
      #expect(analysis.screening.contains { $0.reasons.contains(reason) }, "no \(reason) exclusion")
    }
    // Volatilities in a realistic range: median annual volatility 5–40%.
    let vols = analysis.metrics.compactMap(\.annualVolatility).filter { $0 < 5 }.sorted()
    #expect(vols[vols.count / 2] > 0.05 && vols[vols.count / 2] < 0.4)
    // Within-class correlation above across-class correlation, on average.
    let c = try #require(analysis.poolCorrelation).matrix
    var within = (0.0, 0), across = (0.0, 0)
    let classes = analysis.pool.map { universe.instruments[$0].assetClass }
    for i in 0..<classes.count {
      for j in (i + 1)..<classes.count {
        if classes[i] == classes[j] { within = (within.0 + c[i, j], within.1 + 1) } else { across = (across.0 + c[i, j], across.1 + 1) }
      }
    }
    #expect(within.0 / Double(within.1) > across.0 / Double(across.1) + 0.2)
  }
}
