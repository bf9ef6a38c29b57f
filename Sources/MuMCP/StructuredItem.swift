import MCP

/// One item of a list result, as structured content. By default the item's JSON through
/// ``StructuredValue/make(_:)`` (encode, then decode); ``FunctionItem``, the item of every list a
/// model reads most (`find_symbol`, `search`, `file_outline`), builds its `Value` directly: the
/// round trip was an eighth of a `search` call's CPU (perf, bench/mcp.sh), and
/// `StructuredValueTests.aFunctionItemsDirectValueIsItsJSON` checks that both give the same value.
protocol StructuredItem: Encodable {
    var structured: Value { get }
}

extension StructuredItem {
    var structured: Value { (try? StructuredValue.make(self)) ?? .null }
}
