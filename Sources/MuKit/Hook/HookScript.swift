import Foundation

/// The text mu writes into a `post-commit` hook, and how to find it again.
///
/// The whole of mu's part sits between two marker lines, so `uninstall` can remove exactly what
/// `install` added. The block runs the hook that was there before (moved aside to
/// `post-commit.pre-mu`) first and exits with its status, then starts `mu hook run` in the
/// background with every standard stream detached, so git never waits for mu. A missing or
/// deleted mu binary is skipped (`[ -x "$MU" ]`): the commit cannot fail because of mu.
public enum HookScript {
    /// The hook mu installs.
    public static let hookName = "post-commit"
    /// Where an existing hook is moved to, next to the hook, when mu installs its own.
    public static let previousHookSuffix = ".pre-mu"
    public static let beginMarker = "# >>> mu post-commit hook >>>"
    public static let endMarker = "# <<< mu post-commit hook <<<"
    /// The first line of a hook file mu created.
    public static let shebang = "#!/bin/sh"

    /// The marked block calling `executable`, an absolute path.
    public static func block(executable: String) -> String {
        """
        \(beginMarker)
        # Added by `mu hook install`; `mu hook uninstall` removes this block and puts back the hook that was here.
        # Runs that hook (\(hookName)\(previousHookSuffix)) first and keeps its exit status, then indexes the commit
        # in the background (log: .mu/hook.log). It never fails or slows the commit.
        case $0 in */*) mu_hooks=${0%/*} ;; *) mu_hooks=. ;; esac
        mu_status=0
        if [ -x "$mu_hooks/\(hookName)\(previousHookSuffix)" ]; then
          "$mu_hooks/\(hookName)\(previousHookSuffix)" "$@"
          mu_status=$?
        fi
        MU=\(shellQuoted(executable))
        if [ -x "$MU" ]; then "$MU" hook run </dev/null >/dev/null 2>&1 & fi
        exit $mu_status
        \(endMarker)

        """
    }

    /// A complete hook file: a shebang and the block.
    public static func file(executable: String) -> String {
        shebang + "\n" + block(executable: executable)
    }

    /// `text` split around mu's block: what comes before and after it, and the block itself.
    /// Nil when the text holds no complete block.
    public static func split(_ text: String) -> (before: String, block: String, after: String)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let begin = lines.firstIndex(of: beginMarker),
              let end = lines[begin...].firstIndex(of: endMarker) else { return nil }
        let before = lines[..<begin].map { $0 + "\n" }.joined()
        let block = lines[begin...end].joined(separator: "\n") + "\n"
        // The newline ending the block's last line belongs to the block.
        let after = lines[(end + 1)...].joined(separator: "\n")
        return (before, block, after)
    }

    /// The mu binary a block calls (the `MU='...'` line), if any.
    public static func executable(inBlock block: String) -> String? {
        for line in block.split(separator: "\n") where line.hasPrefix("MU=") {
            return shellUnquoted(String(line.dropFirst(3)))
        }
        return nil
    }

    /// Single-quotes a string for sh: `'` becomes `'\''`.
    static func shellQuoted(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func shellUnquoted(_ s: String) -> String {
        guard s.hasPrefix("'"), s.hasSuffix("'"), s.count >= 2 else { return s }
        return String(s.dropFirst().dropLast()).replacingOccurrences(of: "'\\''", with: "'")
    }
}
