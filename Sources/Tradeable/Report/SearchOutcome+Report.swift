/// The parts of a selection's output that describe the search after the greedy path (DESIGN.md §6b, §7): `search`,
/// `refinement` and their text. Shared by futures and funds; `code(i)` names instrument `i`.
extension SearchOutcome {
  /// `search`: `mode`, `start` (`"greedy"`, the ladder capital `K_j`, or `"carried"`), `startSet` (codes, in the
  /// order they joined it), `proved` and `nodes` (`null` unless `exact` ran), `carriedFrom` (the previous sweep
  /// capital whose set won, else `null`); then `stopped` (why the winning refinement stopped, `null` with `greedy`),
  /// `startsRefined` and `limit` (why `exact` did not prove, else `null`). Identical runs give identical output; the
  /// search's wall-clock time is not part of it (`--timings` prints the selection stage's on standard error) — except that when `exact`
  /// runs out of budget, the set it found and its node count depend on the machine's speed, and the output says so.
  public func searchJSON(code: (Int) -> String) -> JSONValue {
    let start: JSONValue
    switch self.start {
    case .greedy: start = .string("greedy")
    case .ladder(let capital): start = .number(capital)
    case .carried: start = .string("carried")
    }
    return .object([
      ("mode", .string(mode.rawValue)),
      ("start", start),
      ("startSet", .array(startSet.map { .string(code($0)) })),
      ("proved", exact.map { .bool($0.proved) } ?? .null),
      ("nodes", exact.map { .integer($0.nodes) } ?? .null),
      ("carriedFrom", .optional(carriedFrom)),
      ("stopped", refinementStop.map { .string($0.rawValue) } ?? .null),
      ("startsRefined", .integer(startsRefined)),
      ("limit", exact?.limit.map { .string($0) } ?? .null),
    ])
  }

  /// `refinement`: the winning start's moves — `added` and `removed` (codes, `null` when absent), and the Sharpe
  /// ratio, IDM and minimum capital of the set after the move.
  public func refinementJSON(code: (Int) -> String) -> JSONValue {
    .array(
      moves.map { move in
        .object([
          ("added", move.added.map { .string(code($0)) } ?? .null),
          ("removed", move.removed.map { .string(code($0)) } ?? .null),
          ("sharpe", .number(move.set.sharpe)),
          ("idm", .number(move.set.idm)),
          ("minimumCapital", .number(move.set.minimumCapital)),
        ])
      })
  }

  /// Where the winning start came from, in words.
  public func startDescription(baseCurrency: String) -> String {
    switch start {
    case .greedy: return "the greedy set at this capital"
    case .ladder(let capital): return "the greedy set at \(NumberFormat.money(capital)) \(baseCurrency) (ladder)"
    case .carried(let capital):
      return "the set chosen at \(NumberFormat.money(capital)) \(baseCurrency), the previous capital of the sweep"
    }
  }

  /// The text after the greedy path: the refinement (start, moves, why it stopped) and the exact search's result.
  /// Empty with `greedy`.
  public func refinementText(code: (Int) -> String, baseCurrency: String, style: TerminalStyle, width: Int)
    -> [String]
  {
    guard mode != .greedy else { return [] }
    // A sentence led by a bold heading, wrapped to `width`: the heading is bolded after wrapping, so that escape
    // sequences do not count towards the width.
    func sentence(_ heading: String, _ rest: String, indent: String = "") -> [String] {
      var lines = wrapped(heading + rest, width: width, indent: indent)
      if let first = lines.first, first.hasPrefix(indent + heading) {
        lines[0] = indent + style.bold(heading) + first.dropFirst(indent.count + heading.count)
      }
      return lines
    }
    var out: [String] = []
    let starts = "\(NumberFormat.integer(startsRefined)) distinct start\(startsRefined == 1 ? "" : "s") refined"
    guard final != nil else {
      return sentence("Refinement", ": nothing to refine.")
    }
    if moves.isEmpty, start == .greedy {
      out += sentence(
        "Refinement", " (--search \(mode.rawValue)): no add, drop or swap improves the greedy set (\(starts)).")
    } else {
      out += sentence(
        "Refinement",
        " (--search \(mode.rawValue)): \(starts); the best came from \(startDescription(baseCurrency: baseCurrency)).")
      if start != .greedy {
        out += wrapped("Start set: " + startSet.map(code).joined(separator: " "), width: width)
      }
      var table = TextTable([
        ("Move", .right), ("Added", .left), ("Removed", .left), ("Sharpe", .right), ("IDM", .right),
        ("Capital needed (\(baseCurrency))", .right),
      ])
      for (k, move) in moves.enumerated() {
        table.append([
          "\(k + 1)", move.added.map(code) ?? "—", move.removed.map(code) ?? "—",
          NumberFormat.fixed(move.set.sharpe, decimals: 4), NumberFormat.fixed(move.set.idm, decimals: 3),
          NumberFormat.capitalNeeded(move.set.minimumCapital),
        ])
      }
      if !moves.isEmpty { out.append(table.rendered(style: style)) }
    }
    if let refinementStop { out += wrapped("Stopped: \(refinementStop.rawValue).", width: width) }
    if let exact {
      let nodes = "\(NumberFormat.integer(exact.nodes)) node\(exact.nodes == 1 ? "" : "s")"
      if exact.proved {
        out += sentence("Exact search", ": proved optimal over every subset of the eligible instruments (\(nodes)).")
      } else {
        out += sentence(
          "Exact search",
          ": not proved — \(exact.limit ?? "stopped") (\(nodes)); the set is the best found, never worse than the "
            + "refined one.")
      }
    }
    return out
  }
}
