/// Fund products and their NAV series, in input order (the order of `products.csv`, or of the NAV input when no
/// products file is given). Every product has a series and every series a product.
public struct FundUniverse: Sendable {
  /// Products, input order. Without a products file each is `FundProduct.bare(code)`.
  public var products: [FundProduct]
  /// NAV series, same order.
  public var series: [NAVSeries]
  /// The products file, `nil` when the NAVs came alone.
  public var productsFile: String?
  /// Where the NAVs came from (for reports).
  public var source: String

  public init(products: [FundProduct], series: [NAVSeries], productsFile: String? = nil, source: String = "") {
    precondition(products.count == series.count, "one NAV series per product")
    self.products = products
    self.series = series
    self.productsFile = productsFile
    self.source = source
  }

  /// Number of products.
  public var count: Int { products.count }

  /// Latest NAV date over every series (DESIGN.md §3's "universe's last date", for funds).
  public var lastDate: CalendarDay? { series.compactMap(\.lastDate).max() }

  /// Index of the product `code`, if any.
  public func index(of code: String) -> Int? { products.firstIndex { $0.code == code } }
}

extension FundUniverse {
  /// The universe as it was known at `date` (DESIGN.md §8's `--date D`): every series cut to its NAVs on or before
  /// it, products unchanged. A product that had not reported yet keeps an empty series, which cleaning drops
  /// (`frequency`, `history`) and every report still lists.
  public func asOf(_ date: CalendarDay) -> FundUniverse {
    FundUniverse(
      products: products, series: series.map { $0.truncated(through: date) }, productsFile: productsFile,
      source: source)
  }
}
