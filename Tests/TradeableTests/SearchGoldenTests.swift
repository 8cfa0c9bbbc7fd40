import Testing
import Tradeable
import _TestSupport

/// The greedy path and the refinement on the bundled futures data against the independent numpy implementation
/// `Tests/References/search_reference.py` (weekly correlations recomputed pair by pair from the price files, the pool
/// repaired once, every set evaluated from scratch; DESIGN.md §3, §6, §6b). Sets, starts and moves must be
/// identical;
/// Sharpe ratios agree to ~1e-15 and are checked at 1e-12.
@Suite("Search on the bundled data against the numpy reference")
struct SearchGoldenTests {
  struct Golden: Sendable {
    var capital: Double
    /// The greedy path (DESIGN.md §6), codes in the order added.
    var path: [String]
    var greedySharpe: Double
    /// The ladder capital whose greedy set won; `nil` when the greedy set at the capital won.
    var ladderStart: Double?
    /// The winning start's moves: added, removed, the Sharpe ratio after the move.
    var moves: [(String?, String?, Double)]
    /// The refined set's Sharpe ratio.
    var sharpe: Double
  }

  static let goldens: [Golden] = [
    Golden(
      capital: 100000, path: ["EUR_micro", "ETHER-micro", "GBP_micro", "CAD_micro", "CHF_micro"],
      greedySharpe: 0.48523975891060434, ladderStart: nil,
      moves: [(nil, "EUR_micro", 0.49482142271683344)],
      sharpe: 0.49482142271683344),
    Golden(
      capital: 150000, path: ["NIKKEI400", "CORN_mini", "CHF_micro", "ETHER-micro", "EU-BANKS", "MUMMY"],
      greedySharpe: 0.6348969167908326, ladderStart: nil,
      moves: [(nil, "NIKKEI400", 0.6569911456166782)],
      sharpe: 0.6569911456166782),
    Golden(
      capital: 250000, path: ["DOW", "SHATZ", "CORN_mini", "FTSECHINAA", "KOSDAQ", "CANOLA", "CHF_micro", "KR3"],
      greedySharpe: 0.757136878107843, ladderStart: nil,
      moves: [("EU-BANKS", "DOW", 0.7819260647930928), ("ETHER-micro", nil, 0.7963441737242744)],
      sharpe: 0.7963441737242744),
    Golden(
      capital: 1000000,
      path: ["NASDAQ_micro", "CORN", "US10U", "CNH", "COCOA_LDN", "EURCHF", "GBPEUR", "HANGTECH", "LEANHOG",
        "GAS_US_mini"],
      greedySharpe: 1.0505697479584912, ladderStart: 140280.3534705272,
      moves: [
        ("CNH", "EUR_micro", 0.7461457040657541), ("GBPEUR", nil, 0.8110252729387258),
        ("SHATZ", nil, 0.8689026262031918), ("COCOA_LDN", nil, 0.9164321518008656),
        ("GAS_US_mini", "ETHER-micro", 0.9597873649986011), ("EURCHF", "EU-BANKS", 0.9888834548244244),
        ("LEANHOG", nil, 1.020920451787578), ("ROBUSTA", nil, 1.0441269914909797),
        ("MILLWHEAT", "CORN_mini", 1.0604900521091558), ("SOYMEAL", nil, 1.081558886355783),
        ("JPY", "CHF_micro", 1.094256296585906), ("EU-HEALTH", "MUMMY", 1.099466657601285),
      ],
      sharpe: 1.099466657601285),
    Golden(
      capital: 2050000,
      path: ["IBEX", "JPY", "WHEAT", "CNH", "GBPEUR", "HANGTECH", "COCOA_LDN", "GAS_US_mini", "KR10", "LEANHOG",
        "ROBUSTA", "EURCHF", "VIX", "SOYMEAL", "SHATZ"],
      greedySharpe: 1.130128202963174, ladderStart: 99193.1892062556,
      moves: [
        ("CNH", "EUR_micro", 0.5899496070367349), ("WHEAT", "CAD_micro", 0.6939519007395397),
        ("FEEDCOW", "GBP_micro", 0.7720891464672696), ("GBPEUR", nil, 0.8322810832045757),
        ("HANGTECH", nil, 0.8886464321330962), ("EURIBOR-ICE", nil, 0.9414396550745457),
        ("COCOA_LDN", nil, 0.9891828306807184), ("GAS_US_mini", nil, 1.025426240066846),
        ("ROBUSTA", nil, 1.054552598844421), ("EURCHF", nil, 1.0771840732639495),
        ("SOYMEAL", "ETHER-micro", 1.1002235612511895), ("EU-HEALTH", nil, 1.112408860623206),
        ("VIX", nil, 1.1269047023161114), ("CAD10", nil, 1.1369007293155968),
        ("BTP3", "EURIBOR-ICE", 1.150008425733715), ("CRUDE_W_micro", nil, 1.159181591895177),
        ("LEANHOG", nil, 1.1661512164049974), ("JPY", "CHF_micro", 1.1718341101582948),
        ("MILLWHEAT", "WHEAT", 1.175542694858743), ("ETHER-micro", nil, 1.179244072730858),
        ("IRON", nil, 1.1794369881501012), ("YENEUR", "ETHER-micro", 1.1817102440147091),
        ("JGB-SGX-mini", nil, 1.1824514978375449),
      ],
      sharpe: 1.1824514978375449),
    Golden(
      capital: 2920000,
      path: ["IBEX", "BUXL", "WHEAT", "GBPEUR", "HANGTECH", "SGD", "COFFEE", "GAS_US_mini", "EURCHF", "COCOA_LDN"],
      greedySharpe: 1.0413189502601363, ladderStart: 396772.7568250224,
      moves: [
        ("CNH", nil, 0.947093289279202), ("GBPEUR", nil, 0.9948756898824946), ("YENEUR", "DOW", 1.0326408200630455),
        ("LEANHOG", nil, 1.0582209005052552), ("GAS_US_mini", nil, 1.0831600639113126),
        ("EURCHF", nil, 1.0997474639764506), ("VIX", nil, 1.1149993873649149),
        ("HANGTECH", "FTSECHINAA", 1.128174625559607), ("SOYMEAL", "CANOLA", 1.1358960413713572),
        ("EU-HEALTH", "KOSDAQ", 1.1448952213816916), ("JPY", "CAD5", 1.158847763041904),
        ("CRUDE_W_micro", nil, 1.1664643475214889), ("CAD10", "JGB-SGX-mini", 1.172000617457231),
        ("MILLWHEAT", "WHEAT_mini", 1.1767808910005395), ("FEEDCOW", nil, 1.1786980468513577),
        ("IRON", nil, 1.1817102440147091), ("JGB-SGX-mini", nil, 1.1824514978375449),
        ("SGD", nil, 1.1849657601532821), ("ETHER-micro", nil, 1.1865237841141287),
      ],
      sharpe: 1.1865237841141287),
  ]

  static let analysis: UniverseAnalysis = {
    let universe = try! Universe.load(folder: PackagePaths.bundledFutures.path)
    return UniverseAnalysis(universe: universe)
  }()

  @Test("greedy path, winning start, moves and refined Sharpe ratio equal the reference", arguments: 0..<6)
  func refined(_ index: Int) throws {
    let golden = Self.goldens[index]
    let result = try Self.analysis.select(capital: golden.capital)
    let code = { (i: Int) in Self.analysis.metrics[i].code }
    #expect(result.path.steps.map { code($0.added) } == golden.path)
    #expect(approximately(try #require(result.path.final).sharpe, golden.greedySharpe, relative: 1e-12))
    switch (result.search.start, golden.ladderStart) {
    case (.greedy, nil): break
    case (.ladder(let capital), let expected?): #expect(approximately(capital, expected, relative: 1e-12))
    default: Issue.record("start \(result.search.start), expected \(String(describing: golden.ladderStart))")
    }
    #expect(result.search.moves.count == golden.moves.count)
    for (move, expected) in zip(result.search.moves, golden.moves) {
      #expect(move.added.map(code) == expected.0 && move.removed.map(code) == expected.1)
      #expect(approximately(move.set.sharpe, expected.2, relative: 1e-12))
    }
    #expect(approximately(try #require(result.portfolio.sharpe), golden.sharpe, relative: 1e-12))
    #expect(result.search.refinementStop == .noImprovement)
    // Never below the greedy set, exactly.
    #expect(result.portfolio.sharpe! >= result.path.final!.sharpe)
  }
}
