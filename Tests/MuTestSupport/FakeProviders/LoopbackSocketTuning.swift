#if canImport(Glibc)
import Glibc

/// Turns off Nagle's algorithm on the fake server's listening socket.
///
/// FlyingFox writes a response's head and body in two `write`s; with Nagle
/// on, the body waits for the client's delayed ACK of the head (40 ms on
/// Linux), which would add 40 ms to every fake reply and distort latency
/// measurements. Linux copies `TCP_NODELAY` from a listening socket to the
/// sockets it accepts. FlyingFox does not expose the descriptor, so it is
/// found by its port among the process's listening IPv4 sockets.
enum LoopbackSocketTuning {
    static func disableNagle(listeningOnPort port: UInt16) {
        for fd in Int32(0)..<Int32(4096) {
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let found = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            guard found == 0, address.sin_family == sa_family_t(AF_INET), UInt16(bigEndian: address.sin_port) == port else { continue }
            var listening: Int32 = 0
            var optionLength = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &optionLength) == 0, listening != 0 else { continue }
            var on: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            return
        }
    }
}
#else
enum LoopbackSocketTuning {
    static func disableNagle(listeningOnPort port: UInt16) {}
}
#endif
