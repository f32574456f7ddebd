// The JSON report: the whole result, stable and documented in README ("JSON report").
// Numbers are raw (shares as fractions); missing values are null.
//
// Written as bytes while the entities are visited, never as a tree: a million school-years
// give gigabytes of JSON, and only the header (rules, parameters, summary) is built as a value.
// Two forms: one document (`--format json`), its top level indented and each entity compact
// on a line of its own, and JSON Lines (`--format jsonl`): the header on the first line, then
// one compact line per entity that lists only the rules that fired, could not be decided or do
// not apply (a rule in none of the lists stayed silent). The entities are formatted on every
// core, in consecutive ranges handed to the sink in order: the same bytes whatever the number
// of threads (`--explain` keeps one thread: the explainer caches what it evaluates).

import Foundation

public enum JSONReport {
    /// The two forms of the report.
    public enum Form: Sendable {
        /// One document: the top level indented by two spaces per level, each entity (of
        /// `entities` and of each level's `entities`) compact on one line.
        case document
        /// JSON Lines: the header object (without `entities`), then one entity object per line,
        /// its `rules` replaced by the lists `fired`, `insufficient_data` and `not_applicable`.
        case lines
    }

    /// The report in `form`, ending in a line break.
    public static func render(_ evaluation: Evaluation, summary: Summary, language: Language, form: Form = .document,
                              explanations: ((Int, Int) -> JSON)? = nil) -> String {
        String(decoding: ReportSink.collect { sink in
            write(evaluation, summary: summary, language: language, form: form, explanations: explanations, to: sink)
        }, as: UTF8.self)
    }

    /// Writes the report to `sink` in pieces (handed over on a thread of their own).
    public static func write(_ evaluation: Evaluation, summary: Summary, language: Language, form: Form = .document,
                             explanations: ((Int, Int) -> JSON)? = nil, to sink: ReportSink) {
        // Eight pieces (about 10 MB) may wait for the sink, so that the threads formatting
        // entities keep going while a write to the disk takes a while.
        sink.pipelined(depth: 8) { writeBytes(evaluation, summary: summary, language: language, form: form, explanations: explanations, to: $0) }
    }

    private static func writeBytes(_ evaluation: Evaluation, summary: Summary, language: Language, form: Form = .document,
                             explanations: ((Int, Int) -> JSON)? = nil, to sink: ReportSink) {
        let document = form == .document
        var out = ByteWriter()
        let header = headerMembers(evaluation, summary: summary)
        // Group-level entities (municipalities, the region): few, so built as a value; after
        // `entities` in the document, in the first line of JSON Lines.
        let levels = LevelSection.sections(evaluation, language: language, periods: summary.periods)
        // `--period`: only the entities of the chosen periods (all without it).
        let included = summary.included
        let shown = summary.periods == nil ? evaluation.entities.count : included.reduce(0) { $0 + ($1 ? 1 : 0) }
        let levelsJSON: JSON? = levels.isEmpty ? nil : LevelReport.json(levels)
        if document {
            // The top level indented for reading; each entity on one line of its own.
            out.append(UInt8(ascii: "{"))
            for (name, value) in header {
                out.append(Array("\n  ".utf8))
                out.appendJSONString(name)
                out.append(Array(": ".utf8))
                out.append(Array(value.serialized(pretty: true, indent: 1).utf8))
                out.append(UInt8(ascii: ","))
            }
            out.append(Array("\n  \"entities\": ".utf8))
            out.append(Array(shown == 0 ? "[]".utf8 : "[".utf8))
        } else {
            out.append(Array(JSON.object(header + (levelsJSON.map { [("levels", $0)] } ?? [])).serialized().utf8))
            out.append(10)
        }
        out.drain(to: sink)
        let writer = EntityWriter(evaluation: evaluation, summary: summary, language: language,
                                  document: document, explanations: explanations)
        // Entities in consecutive ranges, formatted on every core (explanations on one thread:
        // the explainer caches what it evaluates) and handed to the sink in order.
        let count = evaluation.entities.count
        let firstShown = included.firstIndex(of: true) ?? count
        let perPiece = max(1, entitiesPerPiece)
        let threads = explanations == nil ? max(1, entityThreads) : 1
        let workers = (0..<min(threads, (count + perPiece - 1) / perPiece)).map { _ in EntityRanges(writer) }
        OrderedPieces.run(count: (count + perPiece - 1) / perPiece, workers: workers.count, window: 2 * workers.count + 2, to: sink) { worker, piece in
            workers[worker].write(piece * perPiece..<min(count, (piece + 1) * perPiece), included: included, firstShown: firstShown)
        }
        if document {
            if shown > 0 { out.append(Array("\n  ]".utf8)) }
            if let levelsJSON { out.append(Array((",\n  \"levels\": " + levelsJSON.serialized(pretty: true, indent: 1, compactEntities: true)).utf8)) }
            out.append(Array("\n}\n".utf8))
        }
        out.drain(to: sink)
    }

    /// How many threads format the entities (the machine's cores; tests set others). The
    /// bytes are the same whatever the number.
    @TaskLocal static var entityThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// How many entities (shown or not) each thread formats at a time.
    @TaskLocal static var entitiesPerPiece = 1024
    /// The room given to each thread's first range of entities (tests set less, so that
    /// ranges outgrow it).
    @TaskLocal static var firstRoom = ReportSink.chunk

    /// One thread's entities: its own writer (with its own cursors and number cache), filling
    /// a buffer range by range.
    final class EntityRanges {
        private var writer: EntityWriter
        private var out = ByteWriter()
        /// The room given to a range's bytes: the most a range took so far, and a quarter more.
        private var room = JSONReport.firstRoom

        init(_ writer: EntityWriter) {
            self.writer = writer
        }

        /// The bytes of the shown entities of `range` (see `EntityWriter.write(_:included:firstShown:to:)`),
        /// written straight into the array handed over.
        func write(_ range: Range<Int>, included: [Bool], firstShown: Int) -> [UInt8] {
            var fitted = true
            let bytes = [UInt8](unsafeUninitializedCapacity: room + Padded.slack) { buffer, initialized in
                let written = out.writing(into: buffer) { writer.write(range, included: included, firstShown: firstShown, to: &$0) }
                fitted = written != nil
                initialized = written ?? 0
            }
            guard fitted else {
                // More than the room: the bytes are in `out`.
                defer { out.removeAll() }
                room = max(room, out.count + out.count / 4)
                return out.bytes()
            }
            room = max(room, bytes.count + bytes.count / 4)
            return bytes
        }
    }

    /// Everything but the entities: `soko`, `rules`, `parameters`, `summary`.
    static func headerMembers(_ evaluation: Evaluation, summary: Summary) -> [(String, JSON)] {
        let program = evaluation.program
        return [
            ("soko", .string(Soko.version)),
            ("rules", .array(program.rules.map { rule in
                .object([("name", .string(rule.name)), ("title", rule.title.map(JSON.string) ?? .null),
                         ("severity", .string(rule.severity.english)), ("category", rule.category.map(JSON.string) ?? .null),
                         ("source", rule.source.map(JSON.string) ?? .null)])
            })),
            // The titles of the keys of each entity's `indicators` (indicators, then bands).
            ("indicators", .array(program.indicators.map { ($0.name, $0.title) }.map { name, title in
                .object([("name", .string(name)), ("title", title.map(JSON.string) ?? .null)])
            } + program.bands.map { band in
                .object([("name", .string(band.name)), ("title", band.title.map(JSON.string) ?? .null)])
            })),
            ("parameters", .array(program.readParameters.map { index in
                let param = program.params[index]
                return .object([("name", .string(param.name)), ("value", json(evaluation.parameterValues[index])),
                                ("declared", json(param.value)), ("description", param.description.map(JSON.string) ?? .null)])
            })),
            ("summary", summaryJSON(summary, program: program)),
        ]
    }

    static func outcomeName(_ outcome: RuleOutcome) -> String {
        switch outcome {
        case .fired: "fired"
        case .silent: "not_fired"
        case .insufficient: "insufficient_data"
        case .notApplicable: "not_applicable"
        }
    }

    static func json(_ value: Value) -> JSON {
        switch value {
        case .number(let x): .number(x)
        case .text(let t): .string(t)
        case .flag(let b): .bool(b)
        case .missing: .null
        }
    }

    static func summaryJSON(_ summary: Summary, program: Program) -> JSON {
        func severities(_ counts: [Severity: Int]) -> JSON {
            .object(Severity.risks.reversed().map { ($0.english, .integer(counts[$0] ?? 0)) })
        }
        var members: [(String, JSON)] = []
        // The periods a `--period` run covers; absent when it covers them all.
        if let periods = summary.periods { members.append(("periods", .array(periods.sorted().map { JSON.integer($0) }))) }
        return .object(members + [
            ("entities", .integer(summary.entities)),
            ("flagged", .integer(summary.flagged)),
            ("clean", .integer(summary.clean)),
            ("insufficient_data", .integer(summary.insufficient)),
            ("not_applicable", .integer(summary.notApplicable)),
            ("data_warnings", .integer(summary.dataWarnings)),
            ("cells_made_missing", .integer(summary.cellsMadeMissing)),
            ("by_severity", severities(summary.bySeverity)),
            ("by_rule", .object(summary.byRule.map { line in
                (program.rules[line.rule].name, .object([("fired", .integer(line.fired)), ("insufficient_data", .integer(line.insufficient)),
                                                         ("not_applicable", .integer(line.notApplicable))]))
            })),
            ("group_column", summary.groupColumn.map(JSON.string) ?? .null),
            ("group_title", summary.groupTitle.map(JSON.string) ?? .null),
            ("groups", .array(summary.groups.map { group in
                .object([("name", .string(group.name)), ("entities", .integer(group.entities)), ("flagged", .integer(group.flagged)),
                         ("insufficient_data", .integer(group.insufficient)), ("not_applicable", .integer(group.notApplicable)),
                         ("by_severity", severities(group.bySeverity))])
            })),
        ])
    }
}
