extension UniverseGenerator {
  /// The file in which `write(to:replacing:)` lists every file it wrote (relative paths, one a line): how a later run
  /// tells its own files from anything else in the folder.
  public static let manifestName = ".tradeable-generate"

  /// Makes `folder` ready for a new universe: nothing to do when it is missing or empty; when it holds only an
  /// earlier universe's files (those its manifest lists, the manifest and `prices/`), removes them if `replacing`,
  /// else refuses; when it holds anything else, refuses whatever `replacing` says — a file the generator did not
  /// write is never removed, and never left to mix with generated ones.
  static func clear(_ folder: String, replacing: Bool) throws(InputError) {
    let state = FileBytes.exists(folder)
    guard state.exists else { return }
    guard state.isDirectory else {
      throw InputError(
        file: folder, message: "is a file, not a folder",
        suggestion: "Give --out a folder that does not exist yet (it is created) or an empty one.")
    }
    let pricesFolder = joinPath(folder, "prices")
    var present = try FileBytes.listDirectory(folder, displayName: folder)
    if present.contains("prices"), FileBytes.exists(pricesFolder).isDirectory {
      present.removeAll { $0 == "prices" }
      present += try FileBytes.listDirectory(pricesFolder, displayName: pricesFolder).map { "prices/" + $0 }
    }
    guard !present.isEmpty else { return }
    var own: Set<String> = []
    let manifest = joinPath(folder, manifestName)
    if FileBytes.exists(manifest).exists {
      let text = String(decoding: try FileBytes.read(manifest, displayName: manifest), as: UTF8.self)
      own = Set(text.split(separator: "\n").map(String.init))
      own.insert(manifestName)
    }
    let foreign = present.filter { !own.contains($0) }
    if !foreign.isEmpty {
      let shown = foreign.prefix(5).map { "'" + InputError.escapedExcerpt(Array($0.utf8)) + "'" }
      let more = foreign.count > 5 ? " and \(NumberFormat.integer(foreign.count - 5)) more" : ""
      throw InputError(
        file: folder,
        message: "holds \(foreign.count == 1 ? "a file" : "files") that `tradeable generate` did not write: "
          + shown.joined(separator: ", ") + more,
        suggestion: "Give --out a new or empty folder: generated price files must not mix with other files, and "
          + "Tradeable removes only files it wrote.")
    }
    guard replacing else {
      throw InputError(
        file: folder, message: "holds a universe written by an earlier `tradeable generate`",
        suggestion: "Give --force to replace it (only the files that run wrote are removed), or another folder.")
    }
    // The manifest last, so an interrupted removal can be finished by running again.
    for name in present where name != manifestName { try FileWriter.remove(joinPath(folder, name)) }
    try FileWriter.remove(manifest)
  }
}
