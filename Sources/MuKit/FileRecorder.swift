import MuSource
import MuStore

/// Pipeline stage 3: one extracted file's functions and state written to the index in one
/// transaction, each body's key looked up in the cache (memory, then SQLite). Cached summaries
/// are linked at once; the rest come back as misses for the backend.
struct FileRecorder: Sendable {
    let index: SymbolIndex
    let cache: SummaryCache
    let identity: SummaryBackendIdentity
    /// The commit the index now reflects.
    let commit: String?

    /// A function whose summary is not cached: its stored row waits for the backend's result.
    struct Miss: Sendable {
        var unit: FunctionUnit
        var key: String
        var components: SummaryKey
        var functionID: Int64
    }

    struct Result: Sendable {
        var hitsMemory = 0
        var hitsDisk = 0
        var misses: [Miss] = []
    }

    func record(_ file: FileFunctions, walked: WalkedFile) async throws -> Result {
        var result = Result()
        var records: [FunctionRecord] = []
        var missing: [(index: Int, key: String, components: SummaryKey)] = []
        for (i, unit) in file.units.enumerated() {
            let (key, components) = Summarizer.key(forBodyHash: unit.hash, identity: identity)
            var record = FunctionRecord(path: unit.path, language: unit.language.rawValue, name: unit.name,
                                        qualifiedName: unit.qualifiedName, kind: unit.kind.rawValue,
                                        signature: unit.signature, startLine: unit.startLine,
                                        endLine: unit.endLine, bodyHash: unit.hash, summaryKey: nil,
                                        calls: unit.calls.map { CallRecord(calleeName: $0.name, line: $0.line) })
            switch try await cache.lookup(key) {
            case .memory: result.hitsMemory += 1; record.summaryKey = key
            case .disk: result.hitsDisk += 1; record.summaryKey = key
            case .miss: missing.append((i, key, components))
            }
            records.append(record)
        }
        let state = FileState(path: walked.file.path, size: walked.size, mtimeNs: walked.mtimeNs, inode: walked.inode,
                              blobId: walked.blobID, language: walked.file.language.rawValue)
        let stored = try await index.replaceFunctions(inFile: file.file.path, with: records, commit: commit, fileState: state)
        for miss in missing where miss.index < stored.count {
            result.misses.append(Miss(unit: file.units[miss.index], key: miss.key, components: miss.components,
                                      functionID: stored[miss.index].id))
        }
        return result
    }
}
