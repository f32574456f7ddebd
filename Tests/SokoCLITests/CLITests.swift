// End-to-end runs of the built `soko` binary: stdout, stderr and the exit code.
import Foundation
import Testing

/// Runs the built `soko` with arguments and an optional language, from the repository root.
struct Soko {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The binary sits beside the test bundle in the build folder.
    static let binary: String = {
        var url = Bundle.main.bundleURL
        while url.path != "/" {
            let candidate = url.appendingPathComponent("soko").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            url.deleteLastPathComponent()
        }
        return root + "/.build/debug/soko"
    }()

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], language: String? = nil, stdin: String? = nil,
                    environment extra: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = language ?? "en_US.UTF-8"
        environment["LC_ALL"] = nil
        environment["LC_MESSAGES"] = nil
        // Without a locale named, the test speaks for a user who chose English (SOKO_LANG); a
        // named locale leaves the choice to the rule set's keywords, then that locale.
        environment["SOKO_LANG"] = language == nil ? "en" : nil
        environment.merge(extra) { _, new in new }
        process.environment = environment
        // Output goes to files, not pipes: a child that fills one pipe while the test reads the
        // other would never finish.
        let outPath = temporary([:]) + "/stdout"
        let errPath = outPath.replacingOccurrences(of: "/stdout", with: "/stderr")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = outHandle
        process.standardError = errHandle
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        let outData = FileManager.default.contents(atPath: outPath) ?? Data()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporary(_ files: [String: String]) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("soko-cli-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try! text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
        return path
    }
}

@Suite struct CLITests {
    static let rules = """
    dataset results { key school_id  period year  column medalists: count  column unconfirmed: count }
    param threshold = 10% "Порог"
    indicator share = unconfirmed / medalists
    rule medal_risk "Неподтверждение медалистов" {
      when share > threshold
      severity high
      recommend "Индекс {share}"
    }
    """

    @Test func checkAcceptsTheExample() throws {
        let output = try Soko.run(["check", "examples/benchmark/benchmark.soko"])
        #expect(output.status == 0)
        #expect(output.stdout == "1 file(s) checked; no errors\n")
    }

    @Test func checkRejectsABrokenCopyInBothLanguages() throws {
        let dir = Soko.temporary(["broken.soko": Self.rules.replacingOccurrences(of: "when share >", with: "when shar >")])
        let english = try Soko.run(["check", dir + "/broken.soko"])
        #expect(english.status == 1)
        #expect(english.stdout.contains("broken.soko:5:8: error[E0200]: unknown name 'shar'"))
        #expect(english.stdout.contains("  when shar > threshold\n"))
        #expect(english.stdout.contains("       ^^^^\n"))
        #expect(english.stdout.contains("hint: did you mean 'share'?"))
        // An English rule set speaks English whatever the locale; --lang chooses.
        let russian = try Soko.run(["check", dir + "/broken.soko", "--lang", "ru"], language: "C.UTF-8")
        #expect(russian.stdout.contains("ошибка[E0200]: неизвестное имя «shar»"))
        #expect(russian.stdout.contains("подсказка: возможно, имелось в виду «share»"))
        let github = try Soko.run(["check", dir + "/broken.soko", "--format", "github"])
        #expect(github.stdout.hasPrefix("::error file=\(dir)/broken.soko,line=5,col=8,"))
        let json = try Soko.run(["check", dir + "/broken.soko", "--format", "json"])
        #expect(json.stdout.contains("\"code\": \"E0200\""))
    }

    @Test func checkUsageErrors() throws {
        #expect(try Soko.run(["check"]).status == 2)
        #expect(try Soko.run(["check", "no/such/path"]).status == 2)
        let typo = try Soko.run(["check", "examples", "--fromat", "json"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean --format?"))
    }

    @Test func runWritesCSVAndHonoursFailOn() throws {
        let dir = Soko.temporary(["r.soko": Self.rules, "d.csv": "school_id;year;medalists;unconfirmed\nA;2024;10;3\nB;2024;10;0\nC;2024;0;0\n"])
        let csv = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--format", "csv"])
        #expect(csv.status == 0)
        // The values inside a Russian recommendation are written the Russian way.
        #expect(csv.stdout == "school_id,year,rule,severity,title,recommendation\nA,2024,medal_risk,high,Неподтверждение медалистов,\"Индекс 30,0 %\"\n")
        let ru = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--format", "csv"], language: "ru_RU.UTF-8")
        #expect(ru.stdout.contains("Индекс 30,0 %"))
        #expect(try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--fail-on", "high"]).status == 1)
        #expect(try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--fail-on", "critical"]).status == 0)
        let what = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--format", "csv", "--set", "threshold=50%"])
        #expect(what.stdout == "school_id,year,rule,severity,title,recommendation\n")
        let table = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv"])
        #expect(table.stdout.contains("flagged: 1, clean: 1, insufficient data: 1"))
    }

    @Test func runExitCodes() throws {
        let dir = Soko.temporary(["r.soko": Self.rules, "bad.soko": "rule x {", "d.csv": "school_id,year,medalists,unconfirmed\nA,2024,ten,1\n"])
        let data = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv"])
        #expect(data.status == 3)
        #expect(data.stderr.contains("row 2"))
        #expect(data.stderr.contains("medalists"))
        #expect(data.stderr.contains("ten"))
        #expect(try Soko.run(["run", dir + "/bad.soko", "--data", dir + "/d.csv"]).status == 2)
        #expect(try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--set", "nope=1"]).status == 2)
        #expect(try Soko.run(["run", dir + "/r.soko"]).status == 2)
        let lenient = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--lenient", "--format", "csv"])
        #expect(lenient.status == 0)
        let unwritable = try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--lenient", "--out", "/no/such/dir/x.csv"])
        #expect(unwritable.status == 4)
        // --out writes into a file in place: a device stays a device.
        #expect(try Soko.run(["run", dir + "/r.soko", "--data", dir + "/d.csv", "--lenient", "--out", "/dev/null"]).status == 0)
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
    }

    @Test func runIsDeterministic() throws {
        let first = try Soko.run(["run", "examples/benchmark/benchmark.soko", "--data", "examples/benchmark/schools.csv", "--format", "json"])
        let second = try Soko.run(["run", "examples/benchmark/benchmark.soko", "--data", "examples/benchmark/schools.csv", "--format", "json"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.contains("\"entities\": 480"))
    }

    @Test func testCommandExitCodes() throws {
        let passing = Self.rules + """

        test "t" {
          given { | school_id | year | medalists | unconfirmed |
                  | "A" | 2024 | 10 | 3 |
                  | "B" | 2024 | 10 | 0 |
                  | "C" | 2024 | 0 | 0 | }
          expect {
            | school_id | medal_risk | share |
            | "A" | fires | 30% |
            | "B" | silent | 0% |
            | "C" | insufficient | missing |
          }
        }
        """
        let dir = Soko.temporary(["pass.soko": passing, "fail.soko": passing.replacingOccurrences(of: "| \"B\" | silent |", with: "| \"B\" | fires |"),
                                  "empty.soko": Self.rules])
        let pass = try Soko.run(["test", dir + "/pass.soko", "--coverage"])
        #expect(pass.status == 0)
        #expect(pass.stdout.contains("1 passed, 0 failed"))
        #expect(pass.stdout.contains("rules fully covered: 1 of 1 (100%)"))
        let fail = try Soko.run(["test", dir + "/fail.soko"])
        #expect(fail.status == 1)
        #expect(fail.stdout.contains("rule 'medal_risk': expected 'fires', got 'silent'"))
        #expect(fail.stdout.contains("share = 0.0%"))
        #expect(try Soko.run(["test", dir + "/empty.soko"]).status == 1)
        #expect(try Soko.run(["test", dir + "/empty.soko", "--allow-empty"]).status == 0)
        let junit = try Soko.run(["test", dir + "/fail.soko", "--format", "junit"])
        #expect(junit.stdout.contains("<testsuites tests=\"1\" failures=\"1\">"))
    }
}
