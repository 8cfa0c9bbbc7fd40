import Foundation
import Testing
import _TestSupport

/// `generate`, weighting schemes, matrix-free mode and timings through the binary.
@Suite("tradeable generate, --weights, --matrix-free, --timings (end to end)")
struct LargeUniverseCommandTests {
  @Test("generate writes a loadable universe and says what it wrote; select runs on it with every scheme")
  func generateAndSelect() throws {
    let folder = TemporaryDataFolder("generated")
    let out = try SelectCommandTests.run(["generate", "--instruments", "300", "--years", "5.5", "--seed", "2", "--out", folder.path])
    #expect(out.status == 0, "\(out.standardError)")
    #expect(out.standardOutput.contains("Wrote 300 synthetic instruments"))
    #expect(FileManager.default.fileExists(atPath: folder.path("README.md")))
    var paths: [String: [String]] = [:]
    for scheme in ["equal", "handcrafted", "max-sharpe"] {
      // Refinement with handcrafted or max-Sharpe weights re-weights every candidate set of every move (O(k²·N) and
      // more per pass, docs/search.md): on 174 eligible instruments it takes seconds in a release build, minutes in
      // the debug build these tests run. Their refinement is tested on small universes (SelectionSearchTests).
      let search = scheme == "equal" ? "refined" : "greedy"
      let run = try SelectCommandTests.run([
        "select", "--data", folder.path, "--capital", "5000000", "--weights", scheme, "--search", search, "--format",
        "json",
      ])
      #expect(run.status == 0, "\(run.standardError)")
      let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
      let settings = try #require(doc["settings"] as? [String: Any])
      #expect((settings["selection"] as? [String: Any])?["weighting"] as? String == scheme)
      let members = try #require((doc["portfolio"] as? [String: Any])?["instruments"] as? [[String: Any]])
      #expect(members.count >= 2)
      let weights = members.map { $0["weight"] as! Double }
      #expect(approximately(weights.reduce(0, +), 1, relative: 1e-12))
      paths[scheme] = members.map { $0["code"] as! String }
    }
    // The schemes weigh differently, so they end at different sets.
    #expect(paths["equal"] != paths["handcrafted"] || paths["equal"] != paths["max-sharpe"])
  }

  @Test("--matrix-free on the bundled data: correlation mode reported, no repair, every instrument listed")
  func matrixFree() throws {
    let run = try SelectCommandTests.run(["select", "--capital", "1000000", "--matrix-free", "--format", "json"])
    #expect(run.status == 0)
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    let correlation = try #require(doc["correlation"] as? [String: Any])
    #expect(correlation["mode"] as? String == "matrix-free")
    #expect(correlation["repaired"] as? Bool == false)
    #expect((doc["instruments"] as? [Any])?.count == 238)
    #expect(((doc["steps"] as? [Any])?.count ?? 0) >= 5)
  }

  @Test("--timings prints one line per stage on standard error; --quiet keeps progress off")
  func timings() throws {
    let run = try SelectCommandTests.run(["select", "--capital", "1000000", "--timings", "--quiet"])
    #expect(run.status == 0)
    for stage in ["load", "measure", "correlation", "selection"] {
      #expect(run.standardError.contains("timing: \(stage)"), "no timing for \(stage)")
    }
    #expect(run.standardError.contains("peak memory"))
    // Not a terminal: no progress line even without --quiet.
    let plain = try SelectCommandTests.run(["select", "--capital", "1000000"])
    #expect(plain.standardError.isEmpty)
  }
}
