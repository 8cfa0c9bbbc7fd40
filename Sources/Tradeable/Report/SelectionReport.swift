/// The one renderer of a selection's JSON document (DESIGN.md §7) and of its table, for futures (`SelectionResult`)
/// and funds (`FundSelection`) alike. Each fills this value with what differs — what its rows are called, the fields
/// it adds to each row, the columns of the chosen set, what each exclusion means, the correlation summary — and the
/// layout is written once.
struct SelectionReport {
  /// What the rows are: "instrument", "product".
  struct Noun {
    var singular: String
    var plural: String
    /// "an", "a".
    var article: String

    static let instrument = Noun(singular: "instrument", plural: "instruments", article: "an")
    static let product = Noun(singular: "product", plural: "products", article: "a")

    /// `n` followed by the noun, singular for one.
    func counted(_ n: Int) -> String { "\(NumberFormat.integer(n)) \(n == 1 ? singular : plural)" }
  }

  /// One input row (instrument or product) of the JSON `instruments` array: §7's fields, then `extra`.
  struct Row {
    var code: String
    var currencyVolatility: Double?
    var annualVolatility: Double?
    var costPerTrade: Double?
    var costPerTradeSR: Double?
    var tradesPerYear: Double?
    var annualSRCost: Double?
    var minimumCapital: Double?
    var status: InstrumentStatus
    var reasons: [ExclusionReason]
    var flags: [InstrumentFlag]
    /// Fields a reader may ignore, after §7's.
    var extra: [(String, JSONValue)]
  }

  var noun: Noun
  var capital: Double
  var baseCurrency: String
  var portfolio: Portfolio
  var path: SelectionPath
  /// How the chosen set was found (DESIGN.md §6b): the moves of `refinement`, the JSON `search`.
  var search: SearchOutcome
  /// Every input row, input order.
  var rows: [Row]
  var lastDate: CalendarDay?
  /// The smallest capital that admits a row, and the code the table names with it (`nil`: none named).
  var smallestWorkable: (capital: Double, code: String?)?
  /// The JSON `correlation` object.
  var correlation: JSONValue
  /// The JSON `settings` object.
  var settings: JSONValue

  // The table's parts.
  /// "which instruments to trade".
  var question: String
  /// What comes after "Data: ": the source, and anything said about it before the count.
  var source: String
  /// Said after the count ("(managers merged)"), with its leading space.
  var countQualifier: String = ""
  /// What one position unit is ("contract" for futures, "unit" of minimum subscription for funds), and how many of
  /// them a member holds at its target position in the capital tests (`PositionSizing.maxContracts`).
  var unit: String
  var maxUnits: Double
  /// Columns of the chosen-set table, and the cells of each member (its place in the set, the member).
  var chosenColumns: [(String, TextTable.Alignment)]
  var chosenCells: (Int, Portfolio.Member) -> [String]
  /// How the positions table's units and exposure are computed, in a sentence.
  var positionFormula: String
  /// What no row passes when nothing is selectable at any capital ("the history, stale, liquidity and cost filters").
  var screens: String
  /// The exclusion reasons the table lists, in order, with what each means.
  var exclusions: [(ExclusionReason, String)]
  /// Lines after the exclusion table (one per excluded row, for funds).
  var exclusionDetails: [String] = []
  /// Lines after the status counts.
  var notes: [String] = []
  /// The correlation paragraph, in lines of at most the given width.
  var correlationSummary: (Int) -> [String]

  /// Codes of every row, for the path.
  func code(_ i: Int) -> String { rows[i].code }

  /// DESIGN.md §7's document: `capital`, `baseCurrency`, `portfolio` (the final set), `steps` (the greedy path),
  /// `refinement` (the winning start's moves), `search` (how the set was found), `instruments` (every input row, input
  /// order), then extra keys a reader may ignore (`lastDate`, `stopReason`, `smallestWorkableCapital`, `correlation`,
  /// `settings`). Undefined numbers are `null`; when nothing is selected the portfolio's `sharpe`, `idm` and
  /// `minimumCapital` are `null` and its `instruments` and `steps` are empty.
  var json: JSONValue {
    let instruments: [JSONValue] = rows.map { row in
      .object(
        [
          ("code", .string(row.code)),
          ("currencyVolatility", .optional(row.currencyVolatility)),
          ("annualVolatility", .optional(row.annualVolatility)),
          ("costPerTrade", .optional(row.costPerTrade)),
          ("costPerTradeSR", .optional(row.costPerTradeSR)),
          ("tradesPerYear", .optional(row.tradesPerYear)),
          ("annualSRCost", .optional(row.annualSRCost)),
          ("minimumCapital", .optional(row.minimumCapital)),
          ("status", .string(row.status.rawValue)),
          ("reasons", .array(row.reasons.map { .string($0.rawValue) })),
          ("flags", .array(row.flags.map { .string($0.rawValue) })),
        ] + row.extra)
    }
    return .object([
      ("capital", .number(capital)),
      ("baseCurrency", .string(baseCurrency)),
      ("portfolio", portfolio.json),
      ("steps", path.stepsJSON(code: code)),
      ("refinement", search.refinementJSON(code: code)),
      ("search", search.searchJSON(code: code)),
      ("instruments", .array(instruments)),
      ("lastDate", lastDate.map { .string($0.description) } ?? .null),
      ("stopReason", .string(path.stopReason.rawValue)),
      ("smallestWorkableCapital", .optional(smallestWorkable?.capital)),
      ("correlation", correlation),
      ("settings", settings),
    ])
  }

  /// The selection as text: the greedy path step by step, the chosen set with its weights, each member's position and
  /// capital needs, the exclusions by reason and the state of the correlation matrix. Tables and paragraphs fit
  /// `style.width` when it is given.
  func table(style: TerminalStyle) -> String {
    let base = baseCurrency
    let money = NumberFormat.money
    let units = NumberFormat.quantity(maxUnits, unit)
    let width = style.width ?? 120
    var out: [String] = []
    out.append(style.bold("Tradeable — \(question) with \(money(capital)) \(base)"))
    let eligible = rows.filter { $0.status != .excluded }.count
    out.append(
      contentsOf: wrapped(
        "Data: \(source) — \(noun.counted(rows.count))\(countQualifier)"
          + "\(lastDate.map { ", last date \($0)" } ?? ""); \(NumberFormat.integer(eligible)) "
          + "\(eligible == 1 ? "passes" : "pass") every filter.", width: width, indent: ""))
    out.append("")

    if let sharpe = portfolio.sharpe, let idm = portfolio.idm, let needs = portfolio.smallestCapital {
      out.append(style.bold("Selection, step by step"))
      out.append(path.stepTable(code: code, baseCurrency: base, maxContracts: maxUnits, unit: unit, style: style))
      out.append("  Stopped: \(path.stopReason.rawValue.replacing("instrument", with: noun.singular)).")
      out.append(
        contentsOf: wrapped(
          "\(units) each: the capital at which every member of that step's set holds \(units) at its target "
            + "position (DESIGN.md §6).", width: width))
      out.append("")
      let refinement = search.refinementText(code: code, baseCurrency: base, style: style, width: width)
      if !refinement.isEmpty {
        out.append(contentsOf: refinement)
        out.append("")
      }
      out.append(
        style.bold(
          "Chosen set: \(noun.counted(portfolio.members.count)), Sharpe \(NumberFormat.fixed(sharpe, decimals: 4)), "
            + "IDM \(NumberFormat.fixed(idm, decimals: 3)), needs \(NumberFormat.capitalNeeded(needs)) \(base)"))
      var chosen = TextTable(chosenColumns)
      for (k, member) in portfolio.members.enumerated() { chosen.append(chosenCells(k, member)) }
      out.append(chosen.rendered(style: style))
      out.append("")

      out.append(style.bold("Positions and capital needs at \(money(capital)) \(base), an average forecast"))
      let unitTitle = unit.prefix(1).uppercased() + unit.dropFirst() + "s"
      var positions = TextTable([
        ("Code", .left), (unitTitle, .right), ("Whole", .right), ("Exposure (\(base))", .right),
        ("\(units) at", .right), ("Alone at", .right),
      ])
      var few = 0
      for member in portfolio.members {
        let mark = member.hasFewContracts ? " *" : "  "
        if member.hasFewContracts { few += 1 }
        positions.append([
          member.code, NumberFormat.fixed(member.contracts, decimals: 2),
          NumberFormat.fixed(member.roundedContracts, decimals: 0) + mark, money(member.exposure),
          NumberFormat.capitalNeeded(member.minimumCapital), NumberFormat.capitalNeeded(member.standaloneCapital),
        ])
      }
      out.append(positions.rendered(style: style))
      var notes =
        positionFormula + " \(units) at: the capital at which the member holds \(units) in this set; alone at: what "
        + "the capital filter asks of it alone at its best case (DESIGN.md §5). The set needs the largest of these, "
        + "\(NumberFormat.capitalNeeded(needs)) \(base): with less, this exact set cannot be held."
      if few > 0 {
        notes +=
          " * Under \(NumberFormat.decimal(Portfolio.Member.fewContracts)) whole \(unit)s: the position can only be "
          + "held in steps of its whole size, so it follows the forecast poorly."
      }
      out.append(contentsOf: wrapped(notes, width: width))
    } else {
      out.append(style.bold("Nothing can be selected with \(money(capital)) \(base)."))
      if let workable = smallestWorkable {
        out.append(
          contentsOf: wrapped(
            "The smallest capital that admits \(noun.article) \(noun.singular) is "
              + "\(money(workable.capital.rounded(.up))) \(base)\(workable.code.map { " (\($0))" } ?? "").",
            width: width))
      } else {
        out.append(contentsOf: wrapped("No \(noun.singular) passes \(screens) at any capital.", width: width))
      }
    }
    out.append("")

    out.append(style.bold("Exclusions") + " (\(noun.article) \(noun.singular) may have several reasons)")
    var table = TextTable([("Reason", .left), (noun.plural.capitalisedFirst, .right), ("Meaning", .left)])
    for (reason, meaning) in exclusions {
      table.append([
        reason.rawValue, NumberFormat.integer(rows.filter { $0.reasons.contains(reason) }.count), meaning,
      ])
    }
    out.append(table.rendered(style: style))
    out.append(contentsOf: exclusionDetails)
    let count = { (status: InstrumentStatus) in NumberFormat.integer(rows.filter { $0.status == status }.count) }
    out.append(
      "  \(count(.excluded)) excluded, \(count(.eligible)) eligible but not chosen, \(count(.selected)) selected.")
    out.append(contentsOf: notes)
    out.append("")
    out.append(contentsOf: correlationSummary(width))
    return out.joined(separator: "\n")
  }
}

/// `text` in lines of at most `width` characters, each after `indent`.
func wrapped(_ text: String, width: Int, indent: String = "  ") -> [String] {
  wrapWords(text, width: max(20, width - indent.count)).map { indent + $0 }
}

/// `text` broken at spaces into lines of at most `width` characters (a longer word gets a line of its own).
public func wrapWords(_ text: String, width: Int) -> [String] {
  var lines: [String] = []
  var current = ""
  for word in text.split(separator: " ") {
    if current.isEmpty {
      current = String(word)
    } else if current.count + 1 + word.count <= width {
      current += " " + word
    } else {
      lines.append(current)
      current = String(word)
    }
  }
  if !current.isEmpty { lines.append(current) }
  return lines
}

extension String {
  /// The string with its first letter in upper case ("products" → "Products").
  var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
