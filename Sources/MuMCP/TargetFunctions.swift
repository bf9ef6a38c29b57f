import MuKit
import MuStore

/// `CallTargets` with its errors as tool errors.
enum TargetFunctions {
    static func find(_ text: String, session: IndexSession, limit: Int = 5) async throws(ToolError) -> [IndexedFunction] {
        let index = SymbolIndex(database: try await session.index())
        do {
            return try await CallTargets.find(text, index: index, limit: limit) { try session.relativePath($0) }
        } catch let error as ToolError {
            throw error
        } catch let error as CallTargetError {
            throw .notFound(error.description)
        } catch {
            throw .failed("index read failed: \(error)")
        }
    }
}
