import Foundation
import Testing
import Tradeable
import _TestSupport

/// The walk-forward of DESIGN.md §9 on a made-up universe (the synthetic generator, 60 instruments over 8 years to
/// 2024-12-31): point-in-time selections, baselines, no look-ahead, determinism, every instrument accounted for.
@Suite("Walk-forward")
struct WalkForwardTests {
  /// The generated universe, written once per test value and loaded.
  static func universe(seed: UInt64 = 3) throws -> Universe {
    let folder = TemporaryDataFolder("walkforward")
    _ = try UniverseGenerator(instruments: 60, years: 8, seed: seed).write(to: folder.path)
    return try Universe.load(folder: folder.path)
  }

  static var trading: TradingSettings {
    var t = TradingSettings()
    t.random.paths = 8
    return t
  }

  static let capital = 5_000_000.0

  /// Whether two runs hold the same members in every period with the same weights and IDM (to rounding).
  static func same(_ a: [Holding], _ b: [Holding]) -> Bool {
    a.count == b.count
      && zip(a, b).allSatisfy {
        $0.members == $1.members && approximately($0.weights, $1.weights, relative: 1e-15)
          && approximately($0.idm, $1.idm, relative: 1e-15)
      }
  }

  @Test("rebalance dates: the last weekday of each year with a price; periods start the day after")
  func rebalanceDates() throws {
    let u = try Self.universe()
    let (dates, skipped) = WalkForward.rebalanceDates(u, from: 2019, to: 2023)
    #expect(skipped.isEmpty)
    #expect(dates.map(\.description) == ["2019-12-31", "2020-12-31", "2021-12-31", "2022-12-30", "2023-12-29"])
    for d in dates { #expect(d.isWeekday && u.histories.contains { $0.dates.contains(d) }) }
    // A year without data is skipped and said so.
    #expect(WalkForward.rebalanceDates(u, from: 2030, to: 2031).skipped == [2030, 2031])
    // Defaults: from the first year some instrument has 512 prices, to the year before the last date (2024).
    let (from, to) = WalkForward.defaultYears(u, settings: PipelineSettings())
    #expect(to == 2023 && from >= 2017 && from <= 2019)
  }

  @Test("look-ahead guard: data after a date change neither the selections made before it nor the trades up to it")
  func noLookAhead() throws {
    let full = try Self.universe()
    let a = try WalkForward(universe: full, trading: Self.trading, capitals: [Self.capital], from: 2019, to: 2021)
    // Cut the data 100 days into 2022 (the period after the 2021 rebalance date), as if it ended there.
    let cutDate = CalendarDay(iso: "2022-04-11")!
    let b = try WalkForward(
      universe: full.cut(through: cutDate), trading: Self.trading, capitals: [Self.capital], from: 2019, to: 2021)
    #expect(a.rebalanceDates == b.rebalanceDates)
    let days = b.schedule.calendar.days
    #expect(days.last == cutDate && Array(a.schedule.calendar.days.prefix(days.count)) == days)
    // The same computation on the same prices in the same order: the numbers must be reproduced, to the last bit.
    for (x, y) in zip(a.runs[0].strategies, b.runs[0].strategies) where x.strategy != .inSample {
      #expect(Self.same(x.holdings, y.holdings), "\(x.strategy): the same set at every rebalance date")
      let prefix = Array(x.account.returns.prefix(days.count))
      #expect(zip(prefix, y.account.returns).allSatisfy { identical($0, $1) }, "\(x.strategy): returns")
      #expect(zip(x.account.tradeCosts.prefix(days.count), y.account.tradeCosts).allSatisfy { identical($0, $1) })
    }
    #expect(zip(a.runs[0].random.holdings, b.runs[0].random.holdings).allSatisfy { Self.same($0, $1) })
    // In-sample does look ahead: its set was chosen with data the cut does not have.
    #expect(a.universe.lastDate! > b.universe.lastDate!)
  }

  @Test("random baselines are deterministic for a seed and change with it")
  func randomDeterministic() throws {
    let u = try Self.universe()
    let a = try WalkForward(universe: u, trading: Self.trading, capitals: [Self.capital], from: 2019, to: 2022)
    let b = try WalkForward(universe: u, trading: Self.trading, capitals: [Self.capital], from: 2019, to: 2022)
    #expect(zip(a.runs[0].random.holdings, b.runs[0].random.holdings).allSatisfy { Self.same($0, $1) })
    #expect(
      approximately(
        a.runs[0].random.paths.map { $0.sharpe ?? .nan }, b.runs[0].random.paths.map { $0.sharpe ?? .nan },
        relative: 1e-15))
    var other = Self.trading
    other.random.seed = 2
    let c = try WalkForward(universe: u, trading: other, capitals: [Self.capital], from: 2019, to: 2022)
    #expect(!zip(a.runs[0].random.holdings, c.runs[0].random.holdings).allSatisfy { Self.same($0, $1) })
    // Every draw is a feasible equal-weight set of the main strategy's size (or smaller when none is), drawn from
    // that date's eligible instruments.
    #expect(a.mainStrategy == .refined)  // the default search (DESIGN.md §6b)
    let main = a.runs[0].run(.refined)!
    for path in a.runs[0].random.holdings {
      for (y, holding) in path.enumerated() {
        #expect(holding.members.count <= main.holdings[y].members.count)
        #expect(holding.weights.allSatisfy { approximately($0, 1 / Double(holding.members.count), relative: 1e-15) })
        let status = a.runs[0].periods[y].statuses
        #expect(holding.members.allSatisfy { status[$0] != .excluded })
        #expect(holding.members == holding.members.sorted())
      }
    }
    // The median and band come from the paths: numpy's default percentile of each statistic.
    let sharpes = a.runs[0].random.paths.compactMap(\.sharpe)
    #expect(approximately(a.runs[0].random.median.sharpe!, percentile(sharpes, 50)!, relative: 1e-15))
    #expect(approximately(a.runs[0].random.lower.sharpe!, percentile(sharpes, 5)!, relative: 1e-15))
    // numpy.percentile([1, 2, 3, 4], 5) = 1.15 (h = 3 × 0.05 = 0.15); 95 → 3.85; 50 → 2.5.
    #expect(approximately(percentile([4, 1, 3, 2], 5)!, 1.15, relative: 1e-14))
    #expect(approximately(percentile([4, 1, 3, 2], 95)!, 3.85, relative: 1e-14))
    #expect(approximately(percentile([4, 1, 3, 2], 50)!, 2.5, relative: 1e-15))
  }

  @Test("every instrument of every period is accounted for; selections, baselines and pool agree")
  func accounting() throws {
    let u = try Self.universe()
    let w = try WalkForward(
      universe: u, trading: Self.trading, capitals: [Self.capital, 20_000_000], from: 2019, to: 2022)
    #expect(w.runs.count == 2)
    for run in w.runs {
      #expect(run.periods.count == w.rebalanceDates.count)
      // The statuses are the main strategy's: refined, the default search.
      let refined = run.run(.refined)!, lowest = run.run(.lowestCost)!, ideal = run.run(.ideal)!
      for (y, period) in run.periods.enumerated() {
        #expect(period.statuses.count == u.count && period.reasons.count == u.count)
        for i in 0..<u.count {
          // Excluded exactly when some filter gives a reason; selected exactly when the refined set holds it.
          #expect((period.statuses[i] == .excluded) == !period.reasons[i].isEmpty)
          #expect((period.statuses[i] == .selected) == refined.holdings[y].members.contains(i))
        }
        #expect(
          approximately(refined.holdings[y].weights.reduce(0, +), 1, relative: 1e-14) || refined.holdings[y].isEmpty)
        // Lowest-cost and ideal draw from the eligible instruments and from the pool.
        #expect(lowest.holdings[y].members.allSatisfy { period.statuses[$0] != .excluded })
        #expect(ideal.holdings[y].members.count == period.poolSize)
        #expect(ideal.account.rounding == .unrounded)
      }
      // Same days for every strategy.
      for s in run.strategies { #expect(s.account.returns.count == w.schedule.calendar.count) }
    }
    // The ideal is unrounded: its returns do not depend on the capital.
    let small = w.runs[0].run(.ideal)!.account.returns, large = w.runs[1].run(.ideal)!.account.returns
    #expect(approximately(small, large, relative: 1e-9, absolute: 1e-15))
  }

  @Test("matrix-free: the same selections, baselines and trades as the full path without the repair")
  func matrixFree() throws {
    // The full path with the repair off reads the floored matrix in place; matrix-free computes the same floored
    // correlations from the weekly panel (rows for the selection, sub-panels for the baselines' sets), so every set
    // is the same and every return equal to rounding.
    let u = try Self.universe()
    var full = PipelineSettings()
    full.correlation.mode = .full
    full.correlation.repair = false
    var free = full
    free.correlation.mode = .matrixFree
    let a = try WalkForward(universe: u, settings: full, trading: Self.trading, capitals: [Self.capital], from: 2019, to: 2022)
    let b = try WalkForward(universe: u, settings: free, trading: Self.trading, capitals: [Self.capital], from: 2019, to: 2022)
    for (x, y) in zip(a.runs[0].strategies, b.runs[0].strategies) {
      #expect(zip(x.holdings, y.holdings).allSatisfy { $0.members == $1.members }, "\(x.strategy)")
      #expect(zip(x.holdings, y.holdings).allSatisfy { approximately($0.idm, $1.idm, relative: 1e-10) }, "\(x.strategy)")
      #expect(approximately(x.account.returns, y.account.returns, relative: 1e-8, absolute: 1e-15), "\(x.strategy)")
    }
    #expect(
      zip(a.runs[0].random.holdings, b.runs[0].random.holdings).allSatisfy {
        zip($0, $1).allSatisfy { $0.members == $1.members }
      })
  }

  @Test("unrounded at a huge capital equals whole contracts within half a contract")
  func unroundedAtHugeCapital() throws {
    // With the buffer at 0 whole contracts trade to round(N*) at every close, at most half a contract from N*.
    // At 10¹² USD positions are ~10⁶–10⁸ contracts, so daily returns agree to about 10⁻⁶ of their own size.
    let u = try Self.universe()
    var trading = TradingSettings()
    trading.buffer = 0
    trading.random.paths = 0
    let analysis = UniverseAnalysis(universe: u)
    let selection = try analysis.select(capital: 1e12)
    let backtest = try Backtest(selection: selection, universe: u, settings: trading)
    let rounded = backtest.wholeContracts.returns, unrounded = backtest.unrounded.returns
    let scale = backtest.statistics.volatility! / 16
    let worst = zip(rounded, unrounded).map { abs($0 - $1) }.max()!
    #expect(worst < 1e-5 * scale, "largest daily difference \(worst) against a daily volatility \(scale)")
    #expect(approximately(backtest.statistics.sharpe!, backtest.counterpartStatistics.sharpe!, relative: 1e-4))
    // With the default buffer the two differ by the band: a tracking error well below the volatility.
    let buffered = try Backtest(selection: selection, universe: u)
    #expect(buffered.trackingError! < 0.2 * buffered.statistics.volatility!)
  }

  @Test("trading settings: JSON round trip, partial documents, unknown keys are errors")
  func settingsDocument() throws {
    var t = TradingSettings()
    t.buffer = 0.2
    t.random.seed = 7
    let text = t.json.rendered()
    #expect(try TradingSettings.load(Array(text.utf8), file: "t.json") == t)
    let partial = #"{ "tradingSettings": { "recentRiskWeight": 0.5 }, "settings": {} }"#
    #expect(try TradingSettings.load(Array(partial.utf8), file: "p.json").recentRiskWeight == 0.5)
    // A document of the pipeline's settings only gives the defaults.
    let pipeline = PipelineSettings().json.rendered()
    #expect(try TradingSettings.load(Array(pipeline.utf8), file: "s.json") == TradingSettings())
    #expect(throws: InputError.self) { try TradingSettings.load(Array(#"{ "bufer": 0.1 }"#.utf8), file: "x.json") }
  }
}
