import Foundation
import MuCore

/// What can go wrong with the shared PostgreSQL cache, each with one line for the user.
///
/// Messages never contain the password: they name the location through its masked description.
/// Exit code 1 (`MuFailure`'s default) when a command cannot go on without the shared cache.
public enum RemoteCacheError: MuFailure, Equatable, Sendable {
    /// `[cache] url` / `MU_CACHE_URL` could not be read.
    case invalidURL(String)
    /// A password was written in a configuration file.
    case passwordInFile
    /// No TCP connection within the connect timeout, refused, or the host is unknown.
    case unreachable(location: String, reason: String)
    /// The server refused the user name or password.
    case authenticationFailed(location: String, user: String)
    /// The server asks for a password and none was given.
    case passwordRequired(location: String, user: String)
    /// The database named in the URL does not exist.
    case databaseMissing(location: String, database: String)
    /// `sslmode=require|verify-full` and the server does not offer TLS.
    case tlsNotOffered(location: String)
    /// TLS was negotiated but failed (certificate not trusted, wrong host name...).
    case tlsFailed(location: String, reason: String)
    /// The role may not create or write mu's tables.
    case permissionDenied(location: String, reason: String)
    /// The schema was created by a newer mu.
    case newerSchema(location: String, found: Int, supported: Int)
    /// An operation took longer than its deadline (the server is slow or the network stalls).
    case timedOut(location: String, operation: String, seconds: Double)
    /// Anything else the server or the connection reported.
    case failed(location: String, reason: String)

    public var description: String {
        switch self {
        case .invalidURL(let reason):
            return "cache url: \(reason)"
        case .passwordInFile:
            return "cache url: a password in a configuration file is refused; put it in PGPASSWORD or MU_CACHE_URL"
        case .unreachable(let location, let reason):
            return "remote cache \(location) unreachable: \(reason)"
        case .authenticationFailed(let location, let user):
            return "remote cache \(location): the server refused user \(user) (wrong password? check PGPASSWORD or MU_CACHE_URL)"
        case .passwordRequired(let location, let user):
            return "remote cache \(location): the server wants a password for \(user); set PGPASSWORD or put it in MU_CACHE_URL"
        case .databaseMissing(let location, let database):
            return "remote cache \(location): database \(database) does not exist (create it: createdb \(database))"
        case .tlsNotOffered(let location):
            return "remote cache \(location): TLS required but the server does not offer it (use sslmode=prefer or enable ssl on the server)"
        case .tlsFailed(let location, let reason):
            return "remote cache \(location): TLS failed: \(reason)"
        case .permissionDenied(let location, let reason):
            return "remote cache \(location): permission denied: \(reason)"
        case .newerSchema(let location, let found, let supported):
            return "remote cache \(location) was set up by a newer mu (schema \(found) > \(supported)); upgrade mu"
        case .timedOut(let location, let operation, let seconds):
            return "remote cache \(location): \(operation) took longer than \(Self.format(seconds)) s"
        case .failed(let location, let reason):
            return "remote cache \(location): \(reason)"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
