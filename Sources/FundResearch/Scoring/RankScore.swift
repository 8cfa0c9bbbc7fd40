import Tradeable

/// Settings of the rank score (issue 4 item 4, DESIGN.md §8).
public struct RankScoreSettings: Sendable, Equatable {
  /// Calendar months of the trailing window (36).
  public var windowMonths: Int = 36
  /// Fraction of the ranked products kept (0.2), rounded up.
  public var keepFraction: Double = 0.2
  /// Keep at least this many (2), when that many are ranked.
  public var minimumKept: Int = 2
  /// Annual risk-free rate for the Sharpe ratio (0).
  public var riskFree: Double = 0

  public init(windowMonths: Int = 36, keepFraction: Double = 0.2, minimumKept: Int = 2, riskFree: Double = 0) {
    self.windowMonths = windowMonths
    self.keepFraction = keepFraction
    self.minimumKept = minimumKept
    self.riskFree = riskFree
  }

  /// Number kept out of `n` ranked: `ceil(keepFraction × n)`, at least `minimumKept`, at most `n`.
  public func keepCount(ranked n: Int) -> Int {
    // 1e-9 absorbs the rounding of keepFraction × n (0.2 × 15 = 3.0000000000000004 must give 3).
    let fraction = Int((keepFraction * Double(n) - 1e-9).rounded(.up))
    return min(n, max(minimumKept, fraction))
  }
}

/// Products ranked at a date by trailing return and trailing Sharpe ratio (DESIGN.md §8).
///
/// Among the kept products with a full window at the date (a NAV on or before `date − 36 months`, and one after),
/// rank 1 is the highest trailing cumulative return and scores `(N − i)/N` for rank i of N; likewise for the trailing
/// Sharpe ratio; the total is the mean of the two scores. Ties in a ranking, and in the total, go to the code first in
/// byte order. The top `ceil(0.2 N)` (at least 2) are selected.
public struct RankScore: Sendable {
  /// One entry's result.
  public struct Row: Sendable, Equatable {
    /// Index in the entries scored.
    public var entry: Int
    public var code: String
    /// Trailing window's first (base) and last NAV dates.
    public var windowStart: CalendarDay?
    public var windowEnd: CalendarDay?
    /// Trailing cumulative return and annualised Sharpe ratio.
    public var trailingReturn: Double?
    public var trailingSharpe: Double?
    /// 1-based ranks and their scores `(N − i)/N`.
    public var returnRank: Int?
    public var returnScore: Double?
    public var sharpeRank: Int?
    public var sharpeScore: Double?
    /// Mean of the two scores.
    public var score: Double?
    /// 1-based position by total score.
    public var overallRank: Int?
    /// Whether it is among the top kept.
    public var selected: Bool
    /// Why it was not ranked (cleaning reasons, `window`, `volatility`); empty when ranked.
    public var reasons: [ExclusionReason]
  }

  /// The date scored at.
  public var date: CalendarDay
  /// Settings used.
  public var settings: RankScoreSettings
  /// One row per entry, in entry order.
  public var rows: [Row]
  /// Number ranked, N.
  public var rankedCount: Int
  /// Entry indices of the selected products, best first.
  public var selected: [Int]

  /// Ranks `entries` at `date` using only NAVs on or before it. `eligible` may restrict the entries considered
  /// (the others get no rank and no reason beyond their cleaning ones — the backtest passes the products still
  /// reporting).
  public init(
    entries: [FundEntry], at date: CalendarDay, settings: RankScoreSettings = RankScoreSettings(),
    eligible: ((Int) -> Bool)? = nil
  ) {
    self.date = date
    self.settings = settings
    var rows: [Row] = []
    var ranked: [Int] = []
    for (i, entry) in entries.enumerated() {
      var row = Row(entry: i, code: entry.code, selected: false, reasons: entry.reasons)
      if entry.isKept, eligible?(i) ?? true, let p = entry.periodsPerYear {
        if let w = entry.series.window(months: settings.windowMonths, endingAt: date) {
          row.windowStart = w.firstDate
          row.windowEnd = w.lastDate
          row.trailingReturn = FundMetrics.cumulativeReturn(w.navs)
          row.trailingSharpe = FundMetrics.sharpe(w.returns, periodsPerYear: p, riskFree: settings.riskFree)
          if row.trailingSharpe == nil { row.reasons.append(.volatility) } else { ranked.append(rows.count) }
        } else {
          row.reasons.append(.window)
        }
      }
      rows.append(row)
    }
    let n = ranked.count
    let codeBytes = rows.map { Array($0.code.utf8) }
    func byCode(_ a: Int, _ b: Int) -> Bool { codeBytes[a].lexicographicallyPrecedes(codeBytes[b]) }
    func order(_ value: (Row) -> Double) -> [Int] {
      ranked.sorted { a, b in
        let x = value(rows[a])
        let y = value(rows[b])
        return x != y ? x > y : byCode(a, b)
      }
    }
    for (position, k) in order({ $0.trailingReturn! }).enumerated() {
      rows[k].returnRank = position + 1
      rows[k].returnScore = Double(n - position - 1) / Double(n)
    }
    for (position, k) in order({ $0.trailingSharpe! }).enumerated() {
      rows[k].sharpeRank = position + 1
      rows[k].sharpeScore = Double(n - position - 1) / Double(n)
    }
    for k in ranked { rows[k].score = (rows[k].returnScore! + rows[k].sharpeScore!) / 2 }
    let overall = order { $0.score! }
    for (position, k) in overall.enumerated() { rows[k].overallRank = position + 1 }
    let keep = settings.keepCount(ranked: n)
    for k in overall.prefix(keep) { rows[k].selected = true }
    self.rows = rows
    self.rankedCount = n
    self.selected = overall.prefix(keep).map { rows[$0].entry }
  }
}
