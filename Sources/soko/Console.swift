// Where the command writes: standard output and error, the language of messages, colour.
// Writes go straight to the descriptors (no Foundation FileHandle, which traps on a failed
// write): a write that fails is remembered, later output is dropped, and `main` turns it into
// exit code 4 with one line, or into a quiet end when the reader closed the pipe (`| head`).
import Foundation
import Soko
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Buffered writers for standard output and standard error.
final class Console {
    /// The locale's language at first; `main` sets the rule set's once it knows it.
    var language: Language
    /// Colour only when standard error is a terminal and NO_COLOR is not set.
    let colour: Bool
    private var output: [UInt8] = []
    /// The first failed write to standard output: its errno, or nil while every write succeeded.
    private(set) var outputFailure: Int32?

    init() {
        let environment = ProcessInfo.processInfo.environment
        language = Language.fromEnvironment(environment)
        colour = isatty(2) == 1 && environment["NO_COLOR"] == nil
        // A closed pipe is an EPIPE error on the write, not a signal that kills the process.
        signal(SIGPIPE, SIG_IGN)
    }

    func out(_ text: String) {
        output.append(contentsOf: text.utf8)
        if output.count > 1 << 20 { flush() }
    }

    func out(bytes: [UInt8]) {
        flush()
        write(bytes, to: 1)
    }

    func err(_ text: String) {
        flush()
        write(Array(text.utf8), to: 2)
    }

    func flush() {
        guard !output.isEmpty else { return }
        write(output, to: 1)
        output.removeAll(keepingCapacity: true)
    }

    /// Whether the reader of standard output went away (a closed pipe): the end is then quiet.
    var readerClosed: Bool { outputFailure == EPIPE }

    /// Writes all the bytes, retrying short writes and interruptions. A failure on standard
    /// output is remembered and stops further output; one on standard error is ignored (there
    /// is nowhere left to tell it).
    private func write(_ bytes: [UInt8], to descriptor: Int32) {
        if descriptor == 1, outputFailure != nil { return }
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written > 0 { offset += written; continue }
                if written < 0, errno == EINTR { continue }
                if descriptor == 1 { outputFailure = written < 0 ? errno : EIO }
                return
            }
        }
    }
}
