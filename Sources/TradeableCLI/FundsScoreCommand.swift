import ArgumentParser
import FundResearch
import Tradeable

/// `tradeable funds score`: rank products by trailing return and Sharpe ratio at a date.
struct FundsScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Rank products by trailing 3-year return and Sharpe ratio; keep the top 20% (at least 2).",
    discussion: """
      Products with a full window at the date are ranked twice (1 = highest trailing cumulative return; 1 = highest \
      trailing Sharpe ratio); rank i of N scores (N − i)/N; the total is the mean of the two scores. Ties go to the \
      code first in byte order.
      """)

  @OptionGroup(title: "Input") var input: FundsInputOptions
  @OptionGroup(title: "Scoring") var scoring: RankScoreOptions

  @Option(name: .long, help: ArgumentHelp("Score at this date (default: the latest NAV date).", valueName: "date"))
  var date: CalendarDay?

  func run() throws {
    try reportingErrors {
      let (universe, entries) = try input.load()
      guard let at = date ?? universe.lastDate else { return }
      let score = RankScore(entries: entries, at: at, settings: scoring.settings)
      switch input.format {
      case .table: emit(score.table(entries: entries, style: .automatic))
      case .json: emit(score.json.rendered())
      case .csv: emit(score.csv)
      }
    }
  }
}
