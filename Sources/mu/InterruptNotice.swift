import Dispatch
import Foundation
import MuKit

/// Ctrl-C (SIGINT) and SIGTERM during `mu summarize`: one line on stderr saying what the run kept,
/// then exit 128 + the signal (130, 143). Summaries are stored as they arrive, so everything but
/// the requests in flight is already in the index; the run record stays open and `mu status`
/// shows the run as interrupted.
final class InterruptNotice: @unchecked Sendable {
    // @unchecked Sendable: `latest` is only touched under `lock`; the signal sources live as long as the object.
    private let lock = NSLock()
    private var latest = SummarizeProgress()
    private var sources: [DispatchSourceSignal] = []

    init() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN) // delivered to the dispatch source instead of killing the process
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [unowned self] in self.interrupted(by: signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
    }

    /// The progress so far, for the line printed on a signal.
    func update(_ progress: SummarizeProgress) {
        lock.lock(); latest = progress; lock.unlock()
    }

    private func interrupted(by signalNumber: Int32) {
        lock.lock(); let progress = latest; lock.unlock()
        let what = signalNumber == SIGINT ? "interrupted" : "terminated (SIGTERM)"
        let kept = max(0, progress.summariesDone - progress.failures)
        let unfinished = max(0, progress.summariesQueued - progress.summariesDone)
        if Terminal.stderrIsTTY { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        Terminal.note("mu: \(what): the \(kept) summar\(kept == 1 ? "y" : "ies") made by this run are kept in the index, "
            + "\(unfinished) queued were not finished; `mu summarize` continues with the rest")
        exit(128 + signalNumber)
    }
}
