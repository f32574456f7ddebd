// Writing a report to `--out FILE`: never over an input (rule file, imported file, data file,
// compared by device and inode so that links and other spellings of the path count), and
// through a temporary file renamed into place, so that a failed write leaves the old report.
import Foundation
import Soko
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum ReportFile {
    /// Why the report was not written.
    enum Failure: Error {
        /// The path is one of the inputs (the input as given).
        case isInput(String)
        /// The system refused: errno.
        case system(Int32)
    }

    /// The identity of an existing file: device and inode (nil when it does not exist).
    static func identity(_ path: String) -> (UInt64, UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// The input among `inputs` that `path` would overwrite, if any.
    static func overwrittenInput(_ path: String, inputs: [String]) -> String? {
        guard let target = identity(path) else { return nil }
        return inputs.first { input in identity(input).map { $0 == target } ?? false }
    }

    /// Writes `bytes` to `path`. A regular file (or a new one) is replaced by renaming a
    /// temporary file beside it; a device or a named pipe (`/dev/null`, `/dev/stdout`) is
    /// written in place.
    static func write(_ bytes: [UInt8], to path: String, inputs: [String]) -> Result<Void, Failure> {
        switch open(path, inputs: inputs) {
        case .failure(let failure): return .failure(failure)
        case .success(let writer):
            writer.append(bytes)
            return writer.finish()
        }
    }

    /// A writer for a report written in pieces to `path`, as `write` would write it whole.
    static func open(_ path: String, inputs: [String]) -> Result<Writer, Failure> {
        if let input = overwrittenInput(path, inputs: inputs) { return .failure(.isInput(input)) }
        var info = stat()
        var target = path
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) != S_IFREG {
                let descriptor = Foundation.open(path, O_WRONLY | O_TRUNC, 0o644)
                guard descriptor >= 0 else { return .failure(.system(errno)) }
                return .success(Writer(descriptor: descriptor, temporary: nil, target: path))
            }
            // Through a symbolic link: replace the file it points to, not the link.
            if let resolved = realpath(path, nil) {
                target = String(cString: resolved)
                free(resolved)
            }
        }
        let url = URL(fileURLWithPath: target)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).soko-\(getpid()).tmp").path
        let descriptor = Foundation.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_EXCL, 0o644)
        guard descriptor >= 0 else { return .failure(.system(errno)) }
        return .success(Writer(descriptor: descriptor, temporary: temporary, target: target))
    }

    /// Takes a report's pieces and, at `finish`, makes them the file.
    final class Writer {
        private let descriptor: Int32
        /// The temporary file renamed to `target` at the end; nil when written in place.
        private let temporary: String?
        private let target: String
        private var failure: Int32?

        init(descriptor: Int32, temporary: String?, target: String) {
            self.descriptor = descriptor
            self.temporary = temporary
            self.target = target
        }

        /// A sink whose pieces are written here.
        var sink: ReportSink { ReportSink { [self] bytes in append(bytes) } }

        /// Writes `bytes` after what was written (nothing more once a write failed).
        func append(_ bytes: [UInt8]) {
            guard failure == nil else { return }
            bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                    if written > 0 { offset += written; continue }
                    if written < 0, errno == EINTR { continue }
                    failure = written < 0 ? errno : EIO
                    return
                }
            }
        }

        /// Flushes to the disk, closes, and renames the temporary file into place; on a
        /// failure the temporary file is removed and the old report stays.
        func finish() -> Result<Void, Failure> {
            if failure == nil, fsync(descriptor) != 0, errno != EINVAL, errno != EROFS { failure = errno }
            if close(descriptor) != 0, failure == nil { failure = errno }
            if let temporary {
                if failure == nil, rename(temporary, target) != 0 { failure = errno }
                if failure != nil { unlink(temporary) }
            }
            return failure.map { .failure(.system($0)) } ?? .success(())
        }
    }
}
