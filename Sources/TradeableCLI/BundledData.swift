import Tradeable

/// Where the bundled data lives.
enum BundledData {
  /// `data/futures` under the current folder when it exists (running from the repository), else the copy in the
  /// package this binary was built from.
  static var futures: String { locate("data/futures") }

  static func locate(_ relative: String) -> String {
    if FileBytes.exists(relative).isDirectory { return relative }
    // #filePath is …/Sources/TradeableCLI/BundledData.swift; the package root is three levels up.
    var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)
    let candidate = components.joined(separator: "/") + "/" + relative
    return FileBytes.exists(candidate).isDirectory ? candidate : relative
  }
}
