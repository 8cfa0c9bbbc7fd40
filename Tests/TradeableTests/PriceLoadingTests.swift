import Foundation
import Testing
import Tradeable
import _TestSupport

/// Loading keeps what the pipeline reads (`PriceSummary`) or whole histories, in parallel, through a fast path for the
/// common layout: none of it may change a result or an error.
@Suite("Price loading")
struct PriceLoadingTests {
  static let bundled = PackagePaths.root.appendingPathComponent("data/futures").path

  @Test("summaries made while loading equal summaries of the whole histories, and the selections agree exactly")
  func summariesAgree() throws {
    var settings = PipelineSettings()
    for (window, days, weeks) in [(512, 20, 260), (64, 3, 30), (100_000, 100_000, 100_000), (2, 1, 2)] {
      settings.risk.volatilityWindow = window
      settings.filters.liquidity.days = days
      settings.correlation.weeks = weeks
      let retention = settings.priceRetention
      let whole = try Universe.load(folder: Self.bundled)
      let summarised = try Universe.load(folder: Self.bundled, keeping: .summaries(retention))
      #expect(whole.keepsHistories && !summarised.keepsHistories)
      #expect(summarised.summaries == whole.priceSummaries(keeping: retention), "window \(window)")
      #expect(summarised.lastDate == whole.lastDate)
      let a = try UniverseAnalysis(universe: whole, settings: settings).select(capital: 10_000_000)
      let b = try UniverseAnalysis(universe: summarised, settings: settings).select(capital: 10_000_000)
      #expect(a.json.rendered() == b.json.rendered(), "window \(window)")
    }
  }

  @Test("a summary keeps the last window + 1 prices, the last liquidity days' volumes and the weekly closes")
  func summaryContents() throws {
    // Ten weekdays from Monday 2023-08-14 to Friday 2023-08-25 (two ISO weeks), then Monday 2023-08-28.
    var dates: [CalendarDay] = []
    var day = CalendarDay(iso: "2023-08-14")!
    while dates.count < 11 {
      if day.isWeekday { dates.append(day) }
      day = day.adding(days: 1)
    }
    let prices = (0..<11).map { Double($0) * 10 }
    let volumes = (0..<11).map { $0 == 9 ? Double.nan : Double($0) }
    let history = PriceHistory(dates: dates, prices: prices, volumes: volumes)
    let two = PriceSummary(history, keeping: .init(differences: 3, volumeRows: 2, weeks: 2))
    #expect(two.count == 11 && two.firstDate == dates[0] && two.lastDate == dates[10])
    #expect(two.recentPrices == [70, 80, 90, 100])  // window 3 → 4 prices
    #expect(two.recentVolumes!.count == 2 && two.recentVolumes![0].isNaN && two.recentVolumes![1] == 10)
    // Weeks of 2023-08-21 and 2023-08-28 (the window of 2), and the close before: Friday 2023-08-18 at 40.
    #expect(two.weekDates == [dates[4], dates[9], dates[10]])
    #expect(two.weeklyCloses == [40, 90, 100])
    // A window longer than the data keeps every week; the liquidity window can need more prices than the volatility.
    let all = PriceSummary(history, keeping: .init(differences: 2, volumeRows: 6, weeks: 1_000_000))
    #expect(all.weeklyCloses == [40, 90, 100] && all.recentPrices.count == 6)
    // Huge settings keep everything and do not overflow.
    let huge = PriceSummary(history, keeping: .init(differences: .max, volumeRows: .max, weeks: .max))
    #expect(Array(huge.recentPrices) == prices && huge.recentVolumes!.count == 11)
    #expect(PriceSummary.Retention(differences: .max, volumeRows: 0, weeks: 1).prices == .max)
  }

  /// A folder of `count` instruments with generated prices; `broken` maps instrument numbers to file contents.
  static func folder(count: Int, broken: [Int: String] = [:]) -> TemporaryDataFolder {
    let f = TemporaryDataFolder()
    var instruments = "code,currency,multiplier,tick_size\n"
    for k in 0..<count {
      let code = "I\(1000 + k)"
      instruments += "\(code),USD,10,0.01\n"
      if let text = broken[k] {
        f.write("prices/\(code).csv", text)
        continue
      }
      var text = "date,price,volume\n"
      var day = CalendarDay(iso: "2021-01-04")!
      var random = RandomSource(seed: UInt64(k))
      var price = 100.0
      for _ in 0..<80 {
        if day.isWeekday {
          price += (random.normal() * 100).rounded() / 100
          text += "\(day),\(price),\(Int(random.uniform(0, 500)))\n"
        }
        day = day.adding(days: 1)
      }
      f.write("prices/\(code).csv", text)
    }
    f.write("instruments.csv", instruments)
    return f
  }

  @Test("parallel loading reports the first broken file in instruments.csv order, every time")
  func firstErrorIsDeterministic() throws {
    let f = Self.folder(
      count: 300,
      broken: [
        37: "date,price\n2021-01-04,1\n2021-01-04,2\n", 150: "date,price\n2021-01-04,x\n",
        299: "date,price\n",
      ])
    for loading in [PriceLoading.wholeHistories, .summaries(PipelineSettings().priceRetention)] {
      for _ in 0..<5 {
        do {
          _ = try Universe.load(folder: f.path, keeping: loading)
          Issue.record("expected an error")
        } catch {
          #expect(error.file.hasSuffix("prices/I1037.csv") && error.line == 3 && error.column == 1)
          #expect(error.message.contains("duplicate date 2021-01-04"))
        }
      }
    }
  }

  @Test("the fast path and the general reader read the same histories, whatever the layout's variations")
  func fastPathAgrees() throws {
    let plain = "date,price,volume\n2021-01-04,100.25,10\n2021-01-05,-0.5,\n2021-01-06,1e3,7\n2021-01-07,-0,0\n"
      + "2021-01-08,12345678901234567890.5,3\n2021-01-11,000123.4500,1.5\n"
    let variants = [
      plain,
      plain.replacingOccurrences(of: "\n", with: "\r\n"),
      plain.replacingOccurrences(of: "\n", with: "\r"),
      plain.replacingOccurrences(of: ",", with: " , "),
      "\u{FEFF}" + plain,
      "price,date,volume\n" + plain.split(separator: "\n").dropFirst().map { line -> String in
        let f = line.split(separator: ",", omittingEmptySubsequences: false)
        return "\(f[1]),\(f[0]),\(f[2])"
      }.joined(separator: "\n"),
      plain.replacingOccurrences(of: "2021-01-05,-0.5,", with: "\"2021-01-05\",\"-0.5\",\"\""),
    ]
    let reference = try PriceFileReader.readInstrumentFile(Array(plain.utf8), file: "ES.csv")
    #expect(reference.count == 6 && reference.prices[2] == 1000 && reference.prices[3].sign == .minus)
    for (k, text) in variants.enumerated() {
      let f = Self.folder(count: 1, broken: [0: text])
      let whole = try Universe.load(folder: f.path)
      #expect(whole.histories[0] == reference, "variant \(k)")
    }
  }

  @Test("the reserve and report load whole histories; select, costs and sweep summaries")
  func commandsKeepWhatTheyRead() throws {
    let f = Self.folder(count: 3)
    let summarised = try Universe.load(folder: f.path, keeping: .summaries(PipelineSettings().priceRetention))
    #expect(summarised.histories.isEmpty && summarised.summaries.count == 3)
    // A summary keeps at most the volatility window + 1 prices, whatever the history's length.
    #expect(summarised.summaries.allSatisfy { $0.recentPrices.count <= 513 && $0.count == 58 })
  }
}
