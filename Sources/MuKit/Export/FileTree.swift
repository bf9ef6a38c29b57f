/// The exported files as a directory tree, for the HTML export's navigation: directories first,
/// then files, each by name. Holds only paths and anchors (memory grows with files, not functions).
struct FileTree {
    private final class Node {
        var directories: [String: Node] = [:]
        var files: [(name: String, anchor: String, count: Int)] = []
    }

    private let root = Node()

    /// Adds a file with the anchor of its section and its number of functions.
    mutating func add(path: String, anchor: String, functions: Int) {
        var node = root
        let parts = path.split(separator: "/").map(String.init)
        for directory in parts.dropLast() {
            if let next = node.directories[directory] {
                node = next
            } else {
                let next = Node()
                node.directories[directory] = next
                node = next
            }
        }
        node.files.append((parts.last ?? path, anchor, functions))
    }

    /// Nested `<ul>`: a `<details open>` per directory, a link per file.
    func html() -> String {
        var out = ""
        Self.render(root, into: &out)
        return out
    }

    private static func render(_ node: Node, into out: inout String) {
        out += "<ul>"
        for name in node.directories.keys.sorted() {
            out += "<li><details open><summary>\(HTMLText.escape(name))/</summary>"
            render(node.directories[name]!, into: &out)
            out += "</details></li>"
        }
        for file in node.files.sorted(by: { $0.name < $1.name }) {
            out += "<li class=\"leaf\"><a href=\"#\(file.anchor)\" title=\"\(file.count) functions\">\(HTMLText.escape(file.name))</a></li>"
        }
        out += "</ul>\n"
    }
}
