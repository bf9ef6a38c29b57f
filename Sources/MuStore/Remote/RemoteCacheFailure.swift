import Foundation
import NIOCore
import NIOSSL
import PostgresNIO

extension RemoteCacheError {
    /// Translates what postgres-nio, NIO or NIOSSL threw into one of mu's one-line errors.
    static func classify(_ error: any Error, location: RemoteCacheLocation) -> RemoteCacheError {
        let place = location.description
        if let known = error as? RemoteCacheError { return known }
        if let transaction = error as? PostgresTransactionError,
           let inner = transaction.closureError ?? transaction.beginError ?? transaction.commitError {
            return classify(inner, location: location)
        }
        if let psql = error as? PSQLError {
            switch psql.code {
            case .server:
                let state = psql.serverInfo?[.sqlState] ?? ""
                let message = psql.serverInfo?[.message] ?? "server error \(state)"
                switch state {
                case "28P01": return .authenticationFailed(location: place, user: location.user)
                case "28000":
                    // pg_hba.conf refusals ("no pg_hba.conf entry ...", "password authentication failed").
                    return message.contains("password") ? .authenticationFailed(location: place, user: location.user)
                        : .failed(location: place, reason: message)
                case "3D000": return .databaseMissing(location: place, database: location.database)
                case "42501": return .permissionDenied(location: place, reason: message)
                case "57P03", "53300": return .unreachable(location: place, reason: message)
                default: return .failed(location: place, reason: "\(message) (\(state))")
                }
            case .sslUnsupported:
                return .tlsNotOffered(location: place)
            case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
                return .tlsFailed(location: place, reason: psql.underlying.map { describeTLS($0, location) } ?? "\(psql.code)")
            case .authMechanismRequiresPassword:
                return .passwordRequired(location: place, user: location.user)
            case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed:
                if let underlying = psql.underlying {
                    if underlying is NIOSSLError || underlying is BoringSSLError || underlying is NIOSSLExtraError {
                        return .tlsFailed(location: place, reason: describeTLS(underlying, location))
                    }
                    return .unreachable(location: place, reason: Self.describe(underlying))
                }
                return .unreachable(location: place, reason: "connection closed")
            default:
                return .failed(location: place, reason: "\(psql.code)")
            }
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return .tlsFailed(location: place, reason: describeTLS(error, location))
        }
        if error is CancellationError { return .failed(location: place, reason: "cancelled") }
        return .unreachable(location: place, reason: Self.describe(error))
    }

    /// A short reason for a TLS failure: an untrusted certificate and a host name the certificate
    /// does not name get words a user can act on; anything else BoringSSL's own text, on one line.
    static func describeTLS(_ error: any Error, _ location: RemoteCacheLocation) -> String {
        let text = "\(error)".replacingOccurrences(of: "\n", with: " ")
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return location.sslRootCertificate == nil
                ? "the server's certificate is not signed by a CA in the system store (name yours with &sslrootcert=/path/ca.pem)"
                : "the server's certificate is not signed by the CA in \(location.sslRootCertificate!)"
        }
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return "the server's certificate does not name \(location.host)"
        }
        return text.count > 200 ? String(text.prefix(200)) + "..." : text
    }

    /// A short reason for a connection failure (refused, unknown host, timeout).
    private static func describe(_ error: any Error) -> String {
        if let channel = error as? ChannelError, case .connectTimeout = channel { return "connection timed out" }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case ETIMEDOUT: return "connection timed out"
            case EHOSTUNREACH, ENETUNREACH: return "host unreachable"
            default: return io.description
            }
        }
        let text = "\(error)"
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("NXDOMAIN") || text.contains("resolution") || text.contains("Name or service") {
            return "unknown host"
        }
        return text.count > 160 ? String(text.prefix(160)) + "..." : text
    }
}
