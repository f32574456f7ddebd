// End-to-end runs of the built `sokogen`: the per-participant table.
import Foundation
import Testing

@Suite struct SokogenTests {
    /// `sokogen` sits beside `soko` in the build folder.
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Soko.binary).deletingLastPathComponent().appendingPathComponent("sokogen")
        process.arguments = arguments
        let path = Soko.temporary([:]) + "/out"
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self))
    }

    @Test func participantTableIsDeterministicAndConsistent() throws {
        let first = try Self.run(["--participants", "--rows", "3000", "--seed", "5"])
        let second = try Self.run(["--participants", "--rows", "3000", "--seed", "5"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(try Self.run(["--participants", "--rows", "3000", "--seed", "6"]).stdout != first.stdout)
        let lines = first.stdout.split(separator: "\r\n")
        #expect(lines.first == "participant_id,school_id,municipality,class,subject,variant,primary_score,mark,journal_mark")
        #expect(lines.count == 3001)
        // Thresholds of marks 3, 4, 5 per subject: every mark follows from its primary score.
        let thresholds = ["Русский язык": [18, 29, 40], "Математика": [7, 11, 15], "История": [4, 8, 12], "Биология": [12, 18, 24]]
        var schools = Set<Substring>()
        var gaps = 0
        for (index, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 9)
            #expect(fields[0] == "\(index + 1)")
            schools.insert(fields[1])
            let score = try #require(Int(fields[6]))
            let limits = try #require(thresholds[String(fields[4])])
            #expect(Int(fields[7]) == 2 + limits.filter { score >= $0 }.count)
            if let mark = Int(fields[7]), let journal = Int(fields[8]), abs(mark - journal) >= 2 { gaps += 1 }
        }
        // About 250 works per school; gaps of two marks only where planted.
        #expect((9...20).contains(schools.count))
        #expect(gaps > 0 && gaps < 300)
        #expect(try Self.run(["--participants", "--years", "3"]).status == 2)
        #expect(try Self.run(["--school-list", "/dev/null"]).status == 2)
        // --schools N: exactly N schools, listed with their municipality.
        let list = Soko.temporary([:]) + "/schools.csv"
        let bySchools = try Self.run(["--participants", "--schools", "7", "--school-list", list])
        let listed = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\r\n")
        #expect(listed.count == 8 && listed.first == "school_id,municipality" && listed[1].hasPrefix("39-000000,"))
        let ids = Set(bySchools.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[1] })
        #expect(ids == Set(listed.dropFirst().map { $0.split(separator: ",")[0] }))
    }
}
