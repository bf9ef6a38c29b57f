import Foundation
import GRDB
import MuCore

/// Everything that can go wrong in the store, with a message written for the user.
///
/// Every public MuStore API throws only `StoreError`: SQLite and file-system errors are
/// translated at the boundary so callers can map them to exit codes and messages.
public enum StoreError: MuFailure, Equatable, Sendable {
    /// The file exists but is not a mu database (random bytes, another program's SQLite file, corruption).
    case notAMuDatabase(path: String)
    /// The database was written by a newer mu whose schema this build does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The database or its directory cannot be written (permissions, read-only file system).
    case readOnly(path: String)
    /// The file system is full: the transaction was rolled back, nothing partial was stored.
    case diskFull(path: String)
    /// Another process kept the database locked longer than the busy timeout.
    case locked(path: String)
    /// The database could not be opened for another reason.
    case cannotOpen(path: String, reason: String)
    /// A summary was refused because it is not valid (no bullets, empty key…).
    case invalidSummary(key: String, reason: String)
    /// The advisory run lock could not be created or taken.
    case lockFailed(path: String, reason: String)
    /// Any other SQLite or I/O failure.
    case database(path: String, reason: String)
}

extension StoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notAMuDatabase(let path):
            return "\(path) is not a mu database (corrupt or foreign file); run `mu cache clear --all` to recreate it"
        case .newerSchema(let path, let found, let supported):
            return "\(path) was created by a newer mu (schema \(found) > \(supported)); upgrade mu"
        case .readOnly(let path):
            return "cannot write \(path): the file or its directory is read-only; check the permissions of .mu/"
        case .diskFull(let path):
            return "cannot write \(path): the disk is full; nothing partial was stored, free some space and run again"
        case .locked(let path):
            return "\(path) is locked by another process; wait for it to finish and try again"
        case .cannotOpen(let path, let reason):
            return "cannot open \(path): \(reason)"
        case .invalidSummary(let key, let reason):
            return "refused to cache summary \(key.prefix(12)): \(reason)"
        case .lockFailed(let path, let reason):
            return "cannot take the run lock \(path): \(reason)"
        case .database(let path, let reason):
            return "database error in \(path): \(reason)"
        }
    }
}

extension StoreError {
    /// Translates any error thrown by GRDB, SQLite or the file system into a `StoreError`.
    static func translating(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return .notAMuDatabase(path: path)
            case .SQLITE_READONLY, .SQLITE_PERM:
                return .readOnly(path: path)
            case .SQLITE_FULL:
                return .diskFull(path: path)
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .locked(path: path)
            case .SQLITE_CANTOPEN:
                return .cannotOpen(path: path, reason: error.message ?? "unable to open database file")
            default:
                return .database(path: path, reason: error.message ?? "\(error.resultCode)")
            }
        }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain {
            return fromErrno(Int32(nsError.code), path: path)
        }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return fromErrno(Int32(underlying.code), path: path)
        }
        if nsError.domain == NSCocoaErrorDomain,
           nsError.code == CocoaError.fileWriteNoPermission.rawValue
            || nsError.code == CocoaError.fileWriteVolumeReadOnly.rawValue {
            return .readOnly(path: path)
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == CocoaError.fileWriteOutOfSpace.rawValue {
            return .diskFull(path: path)
        }
        return .database(path: path, reason: error.localizedDescription)
    }

    /// Translates a POSIX error number from a file-system call.
    static func fromErrno(_ code: Int32, path: String) -> StoreError {
        switch code {
        case EACCES, EPERM, EROFS:
            return .readOnly(path: path)
        case ENOSPC, EDQUOT:
            return .diskFull(path: path)
        default:
            return .cannotOpen(path: path, reason: String(cString: strerror(code)))
        }
    }
}
