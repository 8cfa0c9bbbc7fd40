import ArgumentParser
import FundResearch
import Tradeable

/// `tradeable funds score`: rank products by trailing return and Sharpe ratio at a date.
struct FundsScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Rank products by trailing 3-year return and Sharpe ratio; keep the top 20% (at least 2).",
    discussion: """
      Scored at --date (default: the latest NAV date) with the NAVs on or before it only. Products still reporting \
      with a full window ending at their latest NAV are ranked twice (1 = highest trailing cumulative return; 1 = highest \
      trailing Sharpe ratio); rank i of N scores (N − i)/N; the total is the mean of the two scores. Ties go to the \
      code first in byte order.
      """)

  @OptionGroup(title: "Input") var input: FundsInputOptions
  @OptionGroup(title: "Scoring") var scoring: RankScoreOptions

  func run() throws {
    try reportingErrors {
      let (universe, entries) = try input.load()
      guard let at = input.date ?? universe.lastDate else { return }
      let score = RankScore(entries: entries, at: at, settings: scoring.settings)
      switch input.format {
      case .table: emit(score.table(entries: entries, style: .automatic))
      case .json: emit(score.json.rendered())
      case .csv: emit(score.csv)
      }
    }
  }
}
