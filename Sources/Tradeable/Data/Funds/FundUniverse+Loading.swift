extension FundUniverse {
  /// Loads NAVs from `navs` — a long `date,code,nav` file, a wide `date,A,B,…` file, or a folder of `CODE.csv`
  /// files (`date,nav`) — and, when given, the products file.
  ///
  /// With a products file, the order is the file's; a series whose code is not a product is an "unknown product"
  /// error at the place it appears, and a product without NAVs is an error at its line of `products.csv`. A series
  /// with no NAV at all (an empty column) is an error too: nothing is silently dropped.
  public static func load(navs: String, products productsPath: String? = nil) throws(InputError) -> FundUniverse {
    let contents = try loadSeries([navs])
    guard let productsPath else {
      return FundUniverse(
        products: contents.series.map { .bare($0.code) }, series: contents.series, productsFile: nil, source: navs)
    }
    let products = try FundProduct.load(CSVTable(contentsOf: productsPath))
    var byCode: [String: Int] = [:]
    for (k, s) in contents.series.enumerated() { byCode[s.code] = k }
    let known = Set(products.map(\.code))
    for (k, s) in contents.series.enumerated() where !known.contains(s.code) {
      let origin = contents.origins[k]
      throw InputError(
        file: origin.file, line: origin.line, column: origin.column,
        message: "unknown product '\(InputError.escapedExcerpt(s.code))': it is not in \(productsPath)",
        suggestion: "Add a row for '\(InputError.escapedExcerpt(s.code))' to \(productsPath), or remove its NAVs.")
    }
    var series: [NAVSeries] = []
    for product in products {
      guard let k = byCode[product.code] else {
        throw InputError(
          file: productsPath, line: product.sourceLine, column: 1,
          message: "product '\(InputError.escapedExcerpt(product.code))' has no NAVs in \(navs)",
          suggestion: "Add its NAVs (date,\(product.code),nav), or remove line \(product.sourceLine) of the products "
            + "file.")
      }
      series.append(contents.series[k])
    }
    return FundUniverse(products: products, series: series, productsFile: productsPath, source: navs)
  }

  /// The series of one or more NAV inputs (files or folders), in order, each code once. A series without any NAV is an
  /// error (at its header column, or its file).
  public static func loadSeries(_ paths: [String]) throws(InputError) -> NAVFileReader.Contents {
    var all = NAVFileReader.Contents(series: [], origins: [])
    var seen: [String: InputLocation] = [:]
    for path in paths {
      let (exists, isFolder) = FileBytes.exists(path)
      guard exists else {
        throw InputError(
          file: path, message: "no such file or folder",
          suggestion: "Give a NAV file (date,code,nav or date,A,B,…) or a folder of CODE.csv files (date,nav).")
      }
      var parts: [NAVFileReader.Contents] = []
      if isFolder {
        let names = try FileBytes.listDirectory(path, displayName: path).filter { $0.lowercased().hasSuffix(".csv") }
        if names.isEmpty {
          throw InputError(
            file: path, message: "the folder holds no .csv files",
            suggestion: "Put one CODE.csv file (date,nav) per product in it.")
        }
        for name in names { parts.append(try NAVFileReader.read(path: joinPath(path, name))) }
      } else {
        parts.append(try NAVFileReader.read(path: path))
      }
      for part in parts {
        for (k, s) in part.series.enumerated() {
          let origin = part.origins[k]
          if let earlier = seen[s.code] {
            throw InputError(
              file: origin.file, line: origin.line, column: origin.column,
              message: "series '\(InputError.escapedExcerpt(s.code))' appears twice (also in \(earlier.file)"
                + (earlier.line.map { " line \($0)" } ?? "") + ")",
              suggestion: "Give each product's NAVs once.")
          }
          if s.count == 0 {
            throw InputError(
              file: origin.file, line: origin.line, column: origin.column,
              message: "series '\(InputError.escapedExcerpt(s.code))' has no NAVs (every value is missing)",
              suggestion: "Remove the empty column, or fill in its NAVs.")
          }
          seen[s.code] = origin
          all.series.append(s)
          all.origins.append(origin)
        }
      }
    }
    return all
  }
}
