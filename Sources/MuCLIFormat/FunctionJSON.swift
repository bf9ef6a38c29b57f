import Foundation
import MuCore
import MuKit
import MuSource
import MuStore

/// The NDJSON shape of `mu functions --json`: fields and their order fixed by the CLI contract.
public enum FunctionJSON {
    public static func line(_ u: FunctionUnit) -> String {
        JSONLine()
            .field("path", u.path).field("language", u.language.rawValue).field("name", u.name)
            .field("qualified_name", u.qualifiedName).field("kind", u.kind.rawValue)
            .field("start_line", u.startLine).field("end_line", u.endLine).field("hash", u.hash)
            .text
    }
}
