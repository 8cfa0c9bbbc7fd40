import Foundation

/// Golden values written by the independent numpy implementation of DESIGN.md in `Tests/References/`
/// (`tradeable_reference.py`, written from DESIGN.md's text, not from this code), read from
/// `Tests/References/fixtures/`. Re-run `python3 Tests/References/generate_fixtures.py` to regenerate them; the
/// README beside it says what each fixture holds.
public enum ReferenceFixtures {
  /// Which DESIGN.md §3 repair the code follows, so which fixture set applies: `eligible` repairs the eligible set's
  /// matrix at each capital; `pool` repairs the capital-independent pool's matrix once. The reference writes both
  /// (`NAME.eligible.json`, `NAME.pool.json`); switch this when the code switches.
  public static let repair = "pool"

  /// The fixtures folder.
  public static let folder = PackagePaths.root.appendingPathComponent("Tests/References/fixtures")

  /// The fixture `name` (`bundled-default`, …) of the repair mode the code follows (`NAME.\(repair).json`), or,
  /// with `repairDependent: false`, `NAME.json`.
  public static func load(_ name: String, repairDependent: Bool = true) throws -> [String: Any] {
    let file = folder.appendingPathComponent(repairDependent ? "\(name).\(repair).json" : "\(name).json")
    let data = try Data(contentsOf: file)
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw FixtureProblem(description: "\(file.path) is not a JSON object")
    }
    return object
  }
}

/// A fixture could not be read as expected.
public struct FixtureProblem: Error, CustomStringConvertible {
  public var description: String
  public init(description: String) { self.description = description }
}

/// The number at `key` of a fixture or JSON output object: `nil` for JSON `null` or a missing key.
public func number(_ object: [String: Any], _ key: String) -> Double? {
  (object[key] as? NSNumber)?.doubleValue
}
