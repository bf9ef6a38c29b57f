/// What `mu export` writes (docs/export.md).
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    /// One `mu.export/1` function row per line (NDJSON).
    case jsonl
    /// One document: metadata, the function rows and the roll-ups.
    case json
    /// Documentation: one section per file.
    case markdown
    /// One self-contained page (inline CSS and JS): file tree, one section per file, search as you type.
    case html
}
