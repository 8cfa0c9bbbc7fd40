import Foundation
import Testing
import Tradeable
import _TestSupport

@Suite("Generator output folder")
struct GeneratorFolderTests {
  static func priceFiles(_ folder: TemporaryDataFolder) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path("prices")).sorted()
  }

  @Test("an earlier universe is replaced only with replacing, and a smaller one leaves no larger one's files")
  func replacesItsOwn() throws {
    let folder = TemporaryDataFolder()
    _ = try UniverseGenerator(instruments: 30, years: 1, seed: 3).write(to: folder.path)
    #expect(try Self.priceFiles(folder).count == 30)
    #expect(throws: InputError.self) { _ = try UniverseGenerator(instruments: 5, years: 1).write(to: folder.path) }
    _ = try UniverseGenerator(instruments: 5, years: 1).write(to: folder.path, replacing: true)
    #expect(try Self.priceFiles(folder).count == 5)
    #expect(try Universe.load(folder: folder.path).count == 5)
    let manifest = try String(contentsOfFile: folder.path(UniverseGenerator.manifestName), encoding: .utf8)
    #expect(manifest.split(separator: "\n").count == 3 + 5)
  }

  @Test("a folder holding other files is refused, with replacing too, and those files are kept")
  func refusesForeignFiles() throws {
    let folder = TemporaryDataFolder()
    folder.write("notes.txt", "mine\n")
    #expect {
      _ = try UniverseGenerator(instruments: 3, years: 1).write(to: folder.path, replacing: true)
    } throws: { error in
      let text = (error as? InputError)?.description ?? ""
      return text.contains("did not write: 'notes.txt'") && text.contains("new or empty folder")
    }
    #expect(FileManager.default.fileExists(atPath: folder.path("notes.txt")))
    // A generated folder with an extra price file of someone else's: refused, nothing removed.
    let generated = TemporaryDataFolder()
    _ = try UniverseGenerator(instruments: 3, years: 1).write(to: generated.path)
    generated.write("prices/EXTRA.csv", "date,price\n")
    #expect(throws: InputError.self) {
      _ = try UniverseGenerator(instruments: 3, years: 1).write(to: generated.path, replacing: true)
    }
    #expect(try Self.priceFiles(generated).count == 4)
  }
}
