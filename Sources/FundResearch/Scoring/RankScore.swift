import Tradeable

/// Settings of the rank score (DESIGN.md §8).
public struct RankScoreSettings: Sendable, Equatable {
  /// Calendar months of the trailing window (36).
  public var windowMonths: Int = 36
  /// Fraction of the ranked products kept (0.2), rounded up.
  public var keepFraction: Double = 0.2
  /// Keep at least this many (2), when that many are ranked.
  public var minimumKept: Int = 2
  /// Annual risk-free rate for the Sharpe ratio (0).
  public var riskFree: Double = 0
  /// A product whose latest NAV on or before the date is older than this many of its frequency's longest gaps
  /// (`ReportingFrequency.longestGapDays`: 4, 10, 17, 35 days) has stopped reporting and is not ranked, reason `stale`
  /// (2: 8 days for a daily series, 20 weekly, 34 biweekly, 70 monthly — one missed report is tolerated, two are not).
  public var staleGaps: Double = 2

  public init(
    windowMonths: Int = 36, keepFraction: Double = 0.2, minimumKept: Int = 2, riskFree: Double = 0,
    staleGaps: Double = 2
  ) {
    self.windowMonths = windowMonths
    self.keepFraction = keepFraction
    self.minimumKept = minimumKept
    self.riskFree = riskFree
    self.staleGaps = staleGaps
  }

  /// Whether a series of `frequency` whose latest NAV is `last` still reports at `date` (see `staleGaps`).
  public func isReporting(frequency: ReportingFrequency?, last: CalendarDay, at date: CalendarDay) -> Bool {
    guard let longest = frequency?.longestGapDays else { return false }
    return Double(last.days(to: date)) <= staleGaps * longest
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
/// Point in time: the entries are those of the universe as of the date (`FundUniverse.asOf(_:)`, then cleaning), so
/// screens, counts and windows use only NAVs on or before it. A product's window ends at its latest NAV on or before
/// the date (DESIGN.md §8's window of the series cut at the date). Among the kept products still reporting at the
/// date (`RankScoreSettings.staleGaps`) with a full window, rank 1 is the highest trailing cumulative return and scores
/// `(N − i)/N` for rank i of N; likewise for the trailing Sharpe ratio; the total is the mean of the two scores. Ties
/// in a ranking, and in the total, go to the code first in byte order. The top `ceil(0.2 N)` (at least 2) are
/// selected.
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
    /// Why it was not ranked (cleaning reasons, `stale`, `window`, `volatility`); empty when ranked.
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

  /// Ranks `entries` — cleaned as of `date` — at `date`, using only NAVs on or before it.
  public init(entries: [FundEntry], at date: CalendarDay, settings: RankScoreSettings = RankScoreSettings()) {
    self.date = date
    self.settings = settings
    var rows: [Row] = []
    var ranked: [Int] = []
    for (i, entry) in entries.enumerated() {
      var row = Row(entry: i, code: entry.code, selected: false, reasons: entry.reasons)
      if entry.isKept, let p = entry.periodsPerYear, let through = entry.series.lastIndex(onOrBefore: date) {
        let last = entry.series.dates[through]
        if !settings.isReporting(frequency: entry.frequency, last: last, at: date) {
          row.reasons.append(.stale)
        } else if let w = entry.series.window(months: settings.windowMonths, endingAt: last) {
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
