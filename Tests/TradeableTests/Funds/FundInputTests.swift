import Foundation
import Testing
import Tradeable
import _TestSupport

/// NAV input in its three layouts, ragged and missing values, and the errors bad input gives.
@Suite("Fund NAV input")
struct FundInputTests {
  static func contents(_ text: String, file: String = "navs.csv") throws(InputError) -> NAVFileReader.Contents {
    try NAVFileReader.parse(Array(text.utf8), file: file, singleCode: "ONE")
  }

  static func error(_ text: String) -> InputError? {
    do {
      _ = try contents(text)
      Issue.record("expected an input error")
      return nil
    } catch { return error }
  }

  @Test("wide, ragged, with missing values: each series keeps its own dates")
  func raggedWide() throws {
    let c = try Self.contents(
      """
      date,A,B,C
      2023-01-02,,10,5
      2023-01-03,100,NaN,5.5
      2023-01-04,101,10.5,
      2023-01-05,102, ,6
      2023-01-06,103,11,null

      """)
    #expect(c.series.map(\.code) == ["A", "B", "C"])
    #expect(c.series[0].dates.map(\.description) == ["2023-01-03", "2023-01-04", "2023-01-05", "2023-01-06"])
    #expect(c.series[1].navs == [10, 10.5, 11])
    #expect(c.series[2].navs == [5, 5.5, 6])
    #expect(c.origins[1] == InputLocation(file: "navs.csv", line: 1, column: 3))
    // Returns skip the gaps: B's second return is 11 / 10.5 − 1 (2023-01-04 → 2023-01-06).
    #expect(approximately(c.series[1].returns, [0.05, 11 / 10.5 - 1], relative: 1e-14))
  }

  @Test("long and wide layouts give the same series; a one-series file takes its code from the file name")
  func layouts() throws {
    let long = try Self.contents(
      "date,code,nav\n2023-01-03,B,10\n2023-01-03,A,100\n2023-01-04,A,101\n2023-01-05,B,11\n2023-01-04,B,10.5\n"
        .replacingOccurrences(of: "2023-01-05,B,11\n2023-01-04,B,10.5", with: "2023-01-04,B,10.5\n2023-01-05,B,11"))
    let wide = try Self.contents("date,B,A\n2023-01-03,10,100\n2023-01-04,10.5,101\n2023-01-05,11,\n")
    #expect(long.series.map(\.code) == ["B", "A"] && wide.series.map(\.code) == ["B", "A"])
    #expect(long.series == wide.series)
    let single = try Self.contents("Date,NAV\n2023-01-03,1.5\n2023-01-04 00:00:00,1.6\n")
    #expect(single.series.map(\.code) == ["ONE"] && single.series[0].navs == [1.5, 1.6])
    #expect(single.series[0].dates.last == CalendarDay(iso: "2023-01-04"))
    let close = try Self.contents("date,code,close\n2023-01-03T16:00,A,7\n")
    #expect(close.series[0].code == "A" && close.series[0].navs == [7])
    let folder = TemporaryDataFolder("navs")
    folder.write("navs/X.csv", "date,nav\n2023-01-03,1\n2023-01-04,1.1\n")
    folder.write("navs/Y.csv", "date,price\n2023-01-03,2\n")
    let loaded = try FundUniverse.load(navs: folder.path("navs"))
    #expect(loaded.series.map(\.code) == ["X", "Y"] && loaded.series[1].navs == [2])
  }

  @Test("non-positive NAV: file, line, column")
  func nonPositive() throws {
    let e = try #require(Self.error("date,A,B\n2023-01-03,1,2\n2023-01-04,0,2\n"))
    #expect(e.file == "navs.csv" && e.line == 3 && e.column == 2 && e.message.contains("not positive"))
    let negative = try #require(Self.error("date,code,nav\n2023-01-03,A,1\n2023-01-04,A,-1.5\n"))
    #expect(negative.line == 3 && negative.column == 3)
  }

  @Test("duplicate and unsorted dates")
  func dates() throws {
    let wide = try #require(Self.error("date,A\n2023-01-03,1\n2023-01-03,2\n"))
    #expect(wide.line == 3 && wide.column == 1 && wide.message.contains("duplicate date 2023-01-03 (also on line 2)"))
    let long = try #require(Self.error("date,code,nav\n2023-01-03,A,1\n2023-01-03,B,1\n2023-01-03,A,2\n"))
    #expect(long.line == 4 && long.message.contains("duplicate date 2023-01-03 for 'A'"))
    let unsorted = try #require(Self.error("date,A\n2023-01-04,1\n2023-01-03,2\n"))
    #expect(unsorted.line == 3 && unsorted.message.contains("not sorted"))
    let bad = try #require(Self.error("date,A\n2023-02-30,1\n"))
    #expect(bad.line == 2 && bad.column == 1 && bad.message.contains("2023-02-30"))
    let text = try #require(Self.error("date,A\n2023-01-03,1.2.3\n"))
    #expect(text.line == 2 && text.column == 2 && text.message.contains("'1.2.3'"))
    let fields = try #require(Self.error("date,A,B\n2023-01-03,1\n"))
    #expect(fields.line == 2 && fields.message.contains("2 fields"))
    #expect(Self.error("")?.message == "the file is empty")
    #expect(Self.error("day,A\n2023-01-03,1\n")?.message.contains("no 'date' column") == true)
  }

  @Test("unknown product, product without NAVs, empty series, duplicate series")
  func products() throws {
    let folder = TemporaryDataFolder("funds")
    folder.write("products.csv", "code,min_subscription\nA,1000\nB,1000\n")
    folder.write("navs.csv", "date,code,nav\n2023-01-03,A,1\n2023-01-04,Z,1\n")
    do {
      _ = try FundUniverse.load(navs: folder.path("navs.csv"), products: folder.path("products.csv"))
      Issue.record("expected an error")
    } catch {
      #expect(error.file.hasSuffix("navs.csv") && error.line == 3 && error.column == 2)
      #expect(error.message.contains("unknown product 'Z'"))
    }
    folder.write("navs.csv", "date,A,Z\n2023-01-03,1,2\n")
    do {
      _ = try FundUniverse.load(navs: folder.path("navs.csv"), products: folder.path("products.csv"))
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 1 && error.column == 3 && error.message.contains("unknown product 'Z'"))
    }
    folder.write("navs.csv", "date,A\n2023-01-03,1\n")
    do {
      _ = try FundUniverse.load(navs: folder.path("navs.csv"), products: folder.path("products.csv"))
      Issue.record("expected an error")
    } catch {
      #expect(error.file.hasSuffix("products.csv") && error.line == 3 && error.message.contains("'B' has no NAVs"))
    }
    folder.write("navs.csv", "date,A,B\n2023-01-03,1,\n")
    do {
      _ = try FundUniverse.load(navs: folder.path("navs.csv"), products: folder.path("products.csv"))
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 1 && error.column == 3 && error.message.contains("no NAVs"))
    }
    folder.write("navs.csv", "date,A,B\n2023-01-03,1,2\n")
    do {
      _ = try FundUniverse.loadSeries([folder.path("navs.csv"), folder.path("navs.csv")])
      Issue.record("expected an error")
    } catch {
      #expect(error.message.contains("appears twice"))
    }
  }

  @Test("cleaning: frequency and history reasons; every product accounted for")
  func cleaning() throws {
    let monthly = FundFixtures.monthEnds(count: 45, last: "2023-12-31")
    let quarterly = (0..<45).map { CalendarDay(iso: "2012-03-31")!.addingMonths(3 * $0) }
    let short = FundFixtures.monthEnds(count: 20, last: "2023-12-31")
    let universe = FundUniverse(
      products: ["M", "Q", "S", "QS"].map { .bare($0) },
      series: [
        NAVSeries(code: "M", dates: monthly, navs: FundFixtures.alternating(step: 0.01, returns: 44)),
        NAVSeries(code: "Q", dates: quarterly, navs: FundFixtures.alternating(step: 0.01, returns: 44)),
        NAVSeries(code: "S", dates: short, navs: FundFixtures.alternating(step: 0.01, returns: 19)),
        NAVSeries(code: "QS", dates: Array(quarterly.prefix(3)), navs: [1, 2, 3]),
      ])
    let entries = try universe.cleaned()
    #expect(entries.map(\.code) == ["M", "Q", "S", "QS"])
    #expect(entries[0].isKept && entries[0].frequency == .monthly && entries[0].periodsPerYear == 12)
    #expect(entries[1].reasons == [.frequency] && entries[1].periodsPerYear == nil)
    #expect(entries[2].reasons == [.history] && entries[2].periodsPerYear == 12)
    #expect(entries[3].reasons == [.frequency, .history])
    let twenty = FundCleaningRules(history: HistoryFilter(minimumPrices: 20))
    #expect(try universe.cleaned(twenty).filter(\.isKept).map(\.code) == ["M", "S"])
  }

  @Test("manager merge: equal-weight returns, dropped products keep their own entries")
  func managerMerge() throws {
    let dates = FundFixtures.monthEnds(count: 3, last: "2023-03-31")
    // A: 100, 110, 121 (+10%, +10%); B: 100, 90, 99 (−10%, +10%): equal weight 0%, +10% → 1, 1, 1.1.
    // C (same manager) starts a month late: 50, 55 (+10% in March) → March: mean(10%, 10%, 10%) = 10%.
    let universe = FundUniverse(
      products: [
        FundProduct(code: "A", manager: "M", minimumSubscription: 100, managementFee: 0.01),
        FundProduct(code: "X", manager: "N"),
        FundProduct(code: "B", manager: "M", minimumSubscription: 300, managementFee: 0.02),
        FundProduct(code: "C", manager: "M", minimumSubscription: 200, managementFee: 0.03),
      ],
      series: [
        NAVSeries(code: "A", dates: dates, navs: [100, 110, 121]),
        NAVSeries(code: "X", dates: [dates[0]], navs: [1]),
        NAVSeries(code: "B", dates: dates, navs: [100, 90, 99]),
        NAVSeries(code: "C", dates: Array(dates[1...]), navs: [50, 55]),
      ])
    let entries = try universe.cleaned(FundCleaningRules(history: HistoryFilter(minimumPrices: 2), mergeManagers: true))
    #expect(entries.map(\.code) == ["M", "X"])
    #expect(entries[0].members == [0, 2, 3] && entries[0].isKept && entries[0].isMerged)
    #expect(approximately(entries[0].series.navs, [1, 1, 1.1], relative: 1e-14))
    #expect(entries[1].reasons == [.frequency, .history])
    // Fees are means; the unit is 3 products × the largest minimum subscription (300).
    #expect(approximately(entries[0].product.managementFee, 0.02, relative: 1e-14))
    #expect(entries[0].product.minimumSubscription == 900)
  }
}
