import ArgumentParser
import Tradeable

/// "Did you mean" for the two typing mistakes ArgumentParser reports without a suggestion, or hides behind another
/// error: an unknown option (`select --captial 1000000` is otherwise "Missing expected argument '--capital'") and an
/// unknown subcommand (`selct`).
///
/// After a parse error, the arguments are walked the way the parser walks them — subcommand names while the command
/// has subcommands, then options and their values — against each command's own option names (from ArgumentParser's
/// description of the command, `_dumpHelp()`, so they are exactly the declared ones). The first unknown name is
/// reported with the closest known one (`closestName(to:among:)`: a unique completion of a prefix, or the nearest by
/// edit distance within about a third of the name's length). Parses that succeed never come here.
struct CommandLineTypo {
  /// What an option does with the arguments after it.
  enum Arity {
    /// A flag: nothing.
    case flag
    /// One value.
    case value
    /// Values up to the next option (`--window 3m 6m`).
    case values
  }

  /// A command: its name, its options (`--name` or `-n`) and its subcommands.
  struct Command {
    var type: ParsableCommand.Type
    var name: String
    var options: [String: Arity]
    var subcommands: [Command]
  }

  /// The message for the first unknown option or subcommand in `arguments` (without the program name), with its
  /// usage line; `nil` when every name is known (the parse error is about something else).
  static func diagnose(_ arguments: [String], root: ParsableCommand.Type) -> String? {
    var command = tree(root)
    var path = [command.name]
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--" { return nil }
      if argument.hasPrefix("-"), argument.count > 1, !isNumber(argument) {
        let name = String(argument.prefix { $0 != "=" })
        guard let arity = command.options[name] else {
          let candidates = command.options.keys.filter { $0.hasPrefix("--") }.map { String($0.dropFirst(2)) }
          let close = closestName(to: String(name.drop { $0 == "-" }), among: candidates.sorted())
          return message(
            "unknown option '\(name)'" + (close.map { "; did you mean '--\($0)'?" } ?? ""), command: command,
            path: path)
        }
        index += 1
        switch arity {
        case .flag: break
        case .value: if !argument.contains("=") { index += 1 }
        case .values: while index < arguments.count, !arguments[index].hasPrefix("-") { index += 1 }
        }
        continue
      }
      if !command.subcommands.isEmpty {
        if argument == "help" { return nil }
        guard let sub = command.subcommands.first(where: { $0.name == argument }) else {
          let names = command.subcommands.map(\.name)
          let close = closestName(to: argument, among: names)
          return message(
            "unknown command '\(InputError.escapedExcerpt(Array(argument.utf8)))'"
              + (close.map { "; did you mean '\($0)'?" } ?? "; the commands are " + names.joined(separator: ", ")),
            command: command, path: path)
        }
        command = sub
        path.append(sub.name)
      }
      index += 1
    }
    return nil
  }

  /// `Error: <what>`, the command's usage and where to read more, as ArgumentParser words its own errors.
  static func message(_ what: String, command: Command, path: [String]) -> String {
    let usage = TradeableCommand.usageString(for: command.type)
    return "Error: \(what)\nUsage: \(usage)\n  See '\(path.joined(separator: " ")) --help' for more information."
  }

  /// Whether `argument` is a negative number (a value, not an option).
  static func isNumber(_ argument: String) -> Bool {
    argument.count > 1 && argument.dropFirst().allSatisfy { $0.isASCIIDigit || $0 == "." || $0 == "e" || $0 == "_" }
  }

  /// The command tree under `type`, with every command's option names.
  static func tree(_ type: ParsableCommand.Type) -> Command {
    let configuration = type.configuration
    // ArgumentParser's own: help everywhere, the root's version on every command below it too.
    var options: [String: Arity] = ["-h": .flag, "--help": .flag, "--version": .flag]
    if configuration.subcommands.isEmpty == false {
      options["--generate-completion-script"] = .value
      options["--experimental-dump-help"] = .flag
    }
    if let document = try? JSONDocument(text: type._dumpHelp(), file: "dump-help"),
      case .array(let arguments, _)? = document.root.member(at: ["command", "arguments"])
    {
      for argument in arguments {
        guard case .string(let kind, _)? = argument.member(at: ["kind"]), kind != "positional",
          case .array(let names, _)? = argument.member(at: ["names"])
        else { continue }
        var arity = Arity.flag
        if kind == "option" {
          let strategy: String? = {
            if case .string(let s, _)? = argument.member(at: ["parsingStrategy"]) { return s }
            return nil
          }()
          arity = strategy == "upToNextOption" || strategy == "remaining" ? .values : .value
        }
        for name in names {
          guard case .string(let nameKind, _)? = name.member(at: ["kind"]),
            case .string(let text, _)? = name.member(at: ["name"])
          else { continue }
          options[(nameKind == "long" ? "--" : "-") + text] = arity
        }
      }
    }
    return Command(
      type: type, name: configuration.commandName ?? type._commandName, options: options,
      subcommands: configuration.subcommands.map { tree($0) })
  }
}
