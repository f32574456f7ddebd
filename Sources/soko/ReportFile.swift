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
    ///
    /// A report written through a temporary file is gathered in chunks of `chunkSize` bytes
    /// (4 MiB, aligned to the page) and each full chunk goes to the disk with direct I/O
    /// (Linux `O_DIRECT`), past the page cache: on the machine where Soko was measured, filling
    /// the page cache cost 2.4 s of system time per GB written (`dd` of 1 GB: 3.75 s buffered,
    /// 0.67 s direct), which made a 1 GB JSON report slower to write than to make. Of the last,
    /// partial chunk, the whole pages go directly too and the rest (under a page) as usual. A file system that refuses direct I/O (tmpfs, some
    /// network mounts) gets every chunk written as usual, and so does every file when the
    /// environment has `SOKO_DIRECT_IO=0`; the bytes are the same either way.
    /// A device or pipe (`/dev/stdout`) is written piece by piece as the pieces come.
    final class Writer {
        private let descriptor: Int32
        /// The temporary file renamed to `target` at the end; nil when written in place.
        private let temporary: String?
        private let target: String
        private var failure: Int32?
        /// The chunk being gathered (page-aligned, `chunkSize` bytes), for a temporary file.
        private var chunk: UnsafeMutableRawPointer?
        private var gathered = 0
        /// Whether full chunks still go with direct I/O (false after a refusal).
        private var direct = ReportFile.directFlag != 0
            && ProcessInfo.processInfo.environment["SOKO_DIRECT_IO"] != "0"
        /// Whether the descriptor has `O_DIRECT` set now.
        private var directOn = false

        /// Bytes per chunk: a multiple of every block size direct I/O asks to be aligned to.
        static let chunkSize = 4 << 20
        /// The largest block size direct I/O asks lengths and offsets to be a multiple of.
        static let pageSize = 4096

        init(descriptor: Int32, temporary: String?, target: String) {
            self.descriptor = descriptor
            self.temporary = temporary
            self.target = target
            if temporary != nil {
                var pointer: UnsafeMutableRawPointer?
                if posix_memalign(&pointer, Writer.pageSize, Writer.chunkSize) == 0 { chunk = pointer }
            }
        }

        deinit { free(chunk) }

        /// A sink whose pieces are written here.
        var sink: ReportSink { ReportSink { [self] bytes in append(bytes) } }

        /// Writes `bytes` after what was written (nothing more once a write failed).
        func append(_ bytes: [UInt8]) {
            guard failure == nil else { return }
            bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return }
                guard let chunk else { return writeAll(base, count: buffer.count) }
                var offset = 0
                while offset < buffer.count, failure == nil {
                    let taken = min(Writer.chunkSize - gathered, buffer.count - offset)
                    (chunk + gathered).copyMemory(from: base + offset, byteCount: taken)
                    gathered += taken
                    offset += taken
                    if gathered == Writer.chunkSize {
                        writeChunk(chunk, count: Writer.chunkSize)
                        gathered = 0
                    }
                }
            }
        }

        /// Writes the first `count` bytes of the chunk (whole pages), directly when the file
        /// system allows it.
        private func writeChunk(_ chunk: UnsafeMutableRawPointer, count: Int) {
            if direct, !directOn {
                let flags = fcntl(descriptor, F_GETFL)
                if flags < 0 || fcntl(descriptor, F_SETFL, flags | ReportFile.directFlag) != 0 { direct = false }
                directOn = direct
            }
            if direct {
                let written = Foundation.write(descriptor, chunk, count)
                if written == count { return }
                // Refused (EINVAL on a file system without direct I/O) or short: the rest, and
                // every later chunk, the usual way.
                direct = false
                clearDirect()
                if written > 0 {
                    writeAll(UnsafeRawPointer(chunk + written), count: count - written)
                    return
                }
            }
            writeAll(UnsafeRawPointer(chunk), count: count)
        }

        /// Turns direct I/O off for the descriptor (before a write of any length).
        private func clearDirect() {
            guard directOn else { return }
            directOn = false
            let flags = fcntl(descriptor, F_GETFL)
            if flags >= 0, flags & ReportFile.directFlag != 0 {
                _ = fcntl(descriptor, F_SETFL, flags & ~ReportFile.directFlag)
            }
        }

        /// Writes `count` bytes at `base`, again after a short write or an interruption.
        private func writeAll(_ base: UnsafeRawPointer, count: Int) {
            var offset = 0
            while offset < count {
                let written = Foundation.write(descriptor, base + offset, count - offset)
                if written > 0 { offset += written; continue }
                if written < 0, errno == EINTR { continue }
                failure = written < 0 ? errno : EIO
                return
            }
        }

        /// Flushes to the disk, closes, and renames the temporary file into place; on a
        /// failure the temporary file is removed and the old report stays.
        func finish() -> Result<Void, Failure> {
            if failure == nil, let chunk, gathered > 0 {
                // The last chunk's whole pages directly (at a file offset of whole chunks, so
                // aligned as direct I/O asks), the rest the usual way: a 4 MiB chunk through
                // the page cache cost 10 ms.
                let pages = direct ? gathered / Writer.pageSize * Writer.pageSize : 0
                if pages > 0 { writeChunk(chunk, count: pages) }
                clearDirect()
                if failure == nil { writeAll(UnsafeRawPointer(chunk + pages), count: gathered - pages) }
                gathered = 0
            }
            if failure == nil, fsync(descriptor) != 0, errno != EINVAL, errno != EROFS { failure = errno }
            if close(descriptor) != 0, failure == nil { failure = errno }
            if let temporary {
                if failure == nil, rename(temporary, target) != 0 { failure = errno }
                if failure != nil { unlink(temporary) }
            }
            return failure.map { .failure(.system($0)) } ?? .success(())
        }
    }

    /// Linux's `O_DIRECT`, which Swift's Glibc module does not export (it is a `_GNU_SOURCE`
    /// macro): 0o40000 on x86 and most architectures, 0o200000 on ARM; 0 (never used)
    /// elsewhere.
    static let directFlag: Int32 = {
        #if os(Linux) && (arch(x86_64) || arch(i386))
        return 0o40000
        #elseif os(Linux) && (arch(arm64) || arch(arm))
        return 0o200000
        #else
        return 0
        #endif
    }()
}
