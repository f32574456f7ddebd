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
        if let input = overwrittenInput(path, inputs: inputs) { return .failure(.isInput(input)) }
        var info = stat()
        var target = path
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) != S_IFREG { return writeAll(bytes, to: path, flags: O_WRONLY | O_TRUNC) }
            // Through a symbolic link: replace the file it points to, not the link.
            if let resolved = realpath(path, nil) {
                target = String(cString: resolved)
                free(resolved)
            }
        }
        let url = URL(fileURLWithPath: target)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).soko-\(getpid()).tmp").path
        switch writeAll(bytes, to: temporary, flags: O_WRONLY | O_CREAT | O_TRUNC | O_EXCL) {
        case .failure(let failure):
            unlink(temporary)
            return .failure(failure)
        case .success:
            if rename(temporary, target) != 0 {
                let number = errno
                unlink(temporary)
                return .failure(.system(number))
            }
            return .success(())
        }
    }

    private static func writeAll(_ bytes: [UInt8], to path: String, flags: Int32) -> Result<Void, Failure> {
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { return .failure(.system(errno)) }
        var failure: Int32?
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
        if failure == nil, fsync(descriptor) != 0, errno != EINVAL, errno != EROFS { failure = errno }
        if close(descriptor) != 0, failure == nil { failure = errno }
        return failure.map { .failure(.system($0)) } ?? .success(())
    }
}
