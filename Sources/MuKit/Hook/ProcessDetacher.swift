import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts the background hook run loose from the `git commit` that started it.
public enum ProcessDetacher {
    /// Variables git sets for hooks that must not steer the background run (it finds the
    /// repository from its working directory, like any mu command).
    static let gitHookVariables = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_COMMON_DIR",
                                   "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_EDITOR"]

    /// A new session (no controlling terminal: closing it or Ctrl-C in it does not reach the
    /// run), SIGHUP and SIGPIPE ignored, every standard stream on `/dev/null` until the run
    /// sends stdout and stderr to its log, inherited pipes and sockets closed, and git's hook
    /// variables cleared.
    public static func detach() {
        closeInheritedPipes()
        _ = setsid()
        signal(SIGHUP, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        let null = open("/dev/null", O_RDWR)
        if null >= 0 {
            dup2(null, STDIN_FILENO)
            dup2(null, STDOUT_FILENO)
            dup2(null, STDERR_FILENO)
            if null > STDERR_FILENO { close(null) }
        }
        for name in gitHookVariables { unsetenv(name) }
    }

    /// Closes pipes and sockets above stderr that this process inherited without close-on-exec
    /// (from git, or from whatever ran git: an editor reading `git commit`'s output to its end
    /// would otherwise wait for the background run). Runtime descriptors (eventfd, epoll, timerfd)
    /// are neither, so they stay.
    static func closeInheritedPipes() {
        #if os(Linux)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for entry in entries {
            guard let fd = Int32(entry), fd > STDERR_FILENO,
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(entry)"),
                  target.hasPrefix("pipe:") || target.hasPrefix("socket:") else { continue }
            close(fd)
        }
        #endif
    }
}
