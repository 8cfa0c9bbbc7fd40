#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tradeable

/// The date and command line a written file names (the pysystemtrade config fragment's comments).
enum RunDate {
  /// Today in UTC; `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) when set, so that a
  /// run can be repeated byte for byte.
  static func today() -> CalendarDay {
    let seconds: Int
    if let text = getenv("SOURCE_DATE_EPOCH").map({ String(cString: $0) }), let value = Int(text), value >= 0 {
      seconds = value
    } else {
      seconds = Int(time(nil))
    }
    return CalendarDay(daysSinceEpoch: Int32(clamping: seconds / 86_400))
  }

  /// `tradeable` and the arguments as given, each quoted for a POSIX shell when it needs it.
  static func commandLine() -> String {
    (["tradeable"] + CommandLine.arguments.dropFirst().map(shellQuoted)).joined(separator: " ")
  }

  /// `argument` as is when it holds only characters a shell leaves alone, else in single quotes.
  static func shellQuoted(_ argument: String) -> String {
    let plain =
      !argument.isEmpty
      && argument.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || "-_./=:,+%@".unicodeScalars.contains($0)
      }
    return plain ? argument : "'" + argument.replacingAll("'", with: "'\\''") + "'"
  }
}

extension String {
  /// The string with every `target` replaced by `replacement`.
  fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}
