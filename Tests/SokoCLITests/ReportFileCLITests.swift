// `--out FILE` of a large report: gathered in 4 MiB chunks written with direct I/O where the file
// system allows it, the usual way with `SOKO_DIRECT_IO=0`, and the same bytes as the report on
// standard output either way.
import Foundation
import Testing

@Suite struct ReportFileCLITests {
    /// A benchmark table whose JSON report spans several chunks and ends in a partial one.
    static func largeTable() throws -> String {
        let dir = Soko.temporary([:])
        let table = dir + "/schools.csv"
        let generated = try SokogenTests.run(["--rows", "16000", "--years", "5", "--seed", "5", "--out", table])
        #expect(generated.status == 0)
        return table
    }

    /// Runs the benchmark rules on `table` into `out` and compares the file with the report on
    /// standard output.
    static func expectSameAsStandardOutput(table: String, format: String, out: String, direct: Bool = true) throws {
        let printed = try Soko.run(["run", "examples/benchmark/benchmark.soko", "--data", table, "--format", format])
        #expect(printed.status == 1 || printed.status == 0)
        let written = try Soko.run(["run", "examples/benchmark/benchmark.soko", "--data", table, "--format", format, "--out", out],
                                   environment: direct ? [:] : ["SOKO_DIRECT_IO": "0"])
        #expect(written.status == printed.status)
        #expect(written.stderr == "")
        let bytes = try #require(FileManager.default.contents(atPath: out))
        #expect(bytes.count > 2 * (4 << 20), "the report must span more than two chunks")
        #expect(bytes.count % (4 << 20) != 0, "and end in a partial one")
        #expect(bytes == Data(printed.stdout.utf8))
        // No temporary file is left beside the report.
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent().path
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty)
    }

    @Test func aTableReadWithoutMappingItsFileGivesTheSameReport() throws {
        // SOKO_MAP_FILES=0 reads the file with pread instead of mapping its pages.
        let table = try Self.largeTable()
        let mapped = try Soko.run(["run", "examples/benchmark/benchmark.soko", "--data", table, "--format", "csv"])
        let read = try Soko.run(["run", "examples/benchmark/benchmark.soko", "--data", table, "--format", "csv"],
                                environment: ["SOKO_MAP_FILES": "0"])
        #expect(mapped.status == read.status)
        #expect(read.stderr == "")
        #expect(mapped.stdout.count > 100_000)
        #expect(read.stdout == mapped.stdout)
    }

    @Test func aLargeReportOnDiskIsTheReportOnStandardOutput() throws {
        let table = try Self.largeTable()
        let dir = Soko.temporary([:])
        try Self.expectSameAsStandardOutput(table: table, format: "json", out: dir + "/report.json")
        try Self.expectSameAsStandardOutput(table: table, format: "jsonl", out: dir + "/report.jsonl")
        // Over an older, longer report: replaced whole, nothing of the old one left at its end.
        let old = String(repeating: "x", count: 30 << 20)
        try old.write(toFile: dir + "/report.json", atomically: false, encoding: .utf8)
        try Self.expectSameAsStandardOutput(table: table, format: "json", out: dir + "/report.json")
    }

    @Test func aLargeReportWithoutDirectIOIsTheSame() throws {
        let table = try Self.largeTable()
        let dir = Soko.temporary([:])
        try Self.expectSameAsStandardOutput(table: table, format: "json", out: dir + "/report.json", direct: false)
    }

    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/shm")))
    func aLargeReportInMemoryIsTheSame() throws {
        // tmpfs: direct I/O where the kernel offers it there (6.6 and later), else refused.
        let table = try Self.largeTable()
        let dir = "/dev/shm/soko-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.expectSameAsStandardOutput(table: table, format: "json", out: dir + "/report.json")
    }
}

/// A data file shortened while its mapped pages are read raises SIGBUS: `soko` says so and
/// exits with the data-error code, without a crash report. The signal is sent by hand while
/// `soko` waits to open a named pipe, so that the test does not race a truncation.
@Suite struct MappedFileGuardCLITests {
    @Test func aBusErrorEndsTheRunWithAMessageAndCode3() throws {
        let dir = Soko.temporary([:])
        let pipe = dir + "/data.csv"
        #expect(mkfifo(pipe, 0o600) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Soko.binary)
        process.arguments = ["run", "examples/benchmark/benchmark.soko", "--data", pipe, "--lang", "ru"]
        process.currentDirectoryURL = URL(fileURLWithPath: Soko.root)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The run has started and waits in open(2) for a writer.
        Thread.sleep(forTimeInterval: 1)
        kill(process.processIdentifier, SIGBUS)
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 3)
        #expect(message.contains("файл данных стал короче"))
        #expect(message.contains("SOKO_MAP_FILES=0"))
        #expect(!message.contains("Backtrac"))
    }
}
