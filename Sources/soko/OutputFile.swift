// Where `run` writes its report: a file (`--out`) or standard output, taking the report in
// pieces as it is written, so that a large report never sits whole in memory.
import Foundation
import Soko

final class OutputFile {
    private let file: UnsafeMutablePointer<FILE>
    private var failed = false

    /// Standard output (a copy of its descriptor, so that closing leaves it open).
    init?() {
        guard let file = fdopen(dup(1), "wb") else { return nil }
        self.file = file
    }

    /// The file at `path`, created or emptied; nil when it cannot be opened. Written in place
    /// (not replaced atomically), so that `--out /dev/null` or a named pipe keeps working.
    init?(path: String) {
        guard let file = fopen(path, "wb") else { return nil }
        self.file = file
    }

    /// A sink that writes each piece to the file.
    var sink: ReportSink {
        ReportSink { [self] bytes in
            guard !failed else { return }
            let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
            if written != bytes.count { failed = true }
        }
    }

    /// Flushes and closes the file; false when any write failed.
    func close() -> Bool {
        if fflush(file) != 0 { failed = true }
        if fclose(file) != 0 { failed = true }
        return !failed
    }
}
