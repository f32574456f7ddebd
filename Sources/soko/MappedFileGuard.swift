// Data files are read through mapped pages (`CSVOptions.mapsFile`): when another program
// shortens a file while Soko reads it, touching a page past its new end raises SIGBUS. Instead
// of a crash report, `soko` says what happened and how to avoid it, and exits with the
// data-error code (3), before any report is written.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Soko

enum MappedFileGuard {
    /// The message, made before the signal can come: a signal handler may only call `write`
    /// and `_exit`.
    nonisolated(unsafe) private static var message: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var length = 0

    /// Answers SIGBUS with the message in `language` and exit code 3.
    static func install(language: Language) {
        let text = language == .ru
            ? "soko: файл данных стал короче, пока его читали (его изменила другая программа); запустите снова, когда файл не записывается, или задайте SOKO_MAP_FILES=0\n"
            : "soko: a data file became shorter while it was read (another program changed it); run again when the file is not being written, or set SOKO_MAP_FILES=0\n"
        let bytes = Array(text.utf8)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        message = buffer
        length = bytes.count
        signal(SIGBUS) { _ in
            if let message = MappedFileGuard.message { _ = write(2, message, MappedFileGuard.length) }
            _exit(ExitCode.dataError.rawValue)
        }
    }
}
