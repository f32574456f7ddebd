// The per-participant table (`sokogen --participants`): one row per ВПР work, as a ФИС ОКО
// export gives it, for the roll-up benchmark (participants rolled up into school indicators).

/// Writes the per-participant table: `participant_id,school_id,municipality,class,subject,
/// variant,primary_score,mark,journal_mark`, rows grouped by school, about 250 works per school
/// (`--rows 10000000` gives about 40,000 schools); `--school-list` also writes the schools,
/// `school_id,municipality`, the level the works roll up into.
///
/// What the roll-up rules look for is planted in about 5% of schools each: `boundary` schools
/// lift works one or two points below a mark's threshold to exactly the threshold (a peak at
/// the boundary), `journal` schools give journal marks above the work's mark (low
/// confirmation, gaps of two marks). Elsewhere the journal mark is the work's mark give or
/// take one. `--missing` leaves that share of journal marks empty.
enum ParticipantTable {
    /// A ВПР subject: its name, the highest primary score and the lowest scores of marks 3, 4, 5.
    struct Subject {
        let name: String
        let maximum: Int
        let thresholds: (three: Int, four: Int, five: Int)

        func mark(_ score: Int) -> Int {
            score >= thresholds.five ? 5 : score >= thresholds.four ? 4 : score >= thresholds.three ? 3 : 2
        }
    }

    static let subjects = [
        Subject(name: "Русский язык", maximum: 45, thresholds: (18, 29, 40)),
        Subject(name: "Математика", maximum: 20, thresholds: (7, 11, 15)),
        Subject(name: "История", maximum: 15, thresholds: (4, 8, 12)),
        Subject(name: "Биология", maximum: 29, thresholds: (12, 18, 24)),
    ]
    static let letters = ["А", "Б", "В", "Г"]
    static let header = "participant_id,school_id,municipality,class,subject,variant,primary_score,mark,journal_mark"

    enum Planted { case none, boundary, journal }

    /// Writes the table and returns the number of rows. Same options, same bytes.
    static func run(_ options: GeneratorOptions) throws(GeneratorError) -> Int {
        let output = try OutputFile(path: options.outputPath)
        var random = SeededRandom(seed: options.seed)
        // `--rows`: works until there are that many (the last school may be cut short);
        // `--schools`: that many schools, each with its drawn number of works.
        let totalRows = options.rows ?? Int.max
        let delimiter = options.delimiter
        var buffer: [UInt8] = []
        buffer.reserveCapacity((1 << 20) + 4096)
        buffer += Array(header.utf8).map { $0 == UInt8(ascii: ",") ? delimiter : $0 }
        buffer += [13, 10]
        // The word lists are in both encodings, so the forces are safe.
        let subjectNames = subjects.map { options.encoding.encode($0.name)! }
        let classNames: [[UInt8]] = (4...8).flatMap { grade in letters.map { options.encoding.encode("\(grade)\($0)")! } }
        let municipalities = SchoolModel.municipalities.map { options.encoding.encode($0)! }

        var schoolList: [UInt8] = Array("school_id,municipality\r\n".utf8).map { $0 == UInt8(ascii: ",") ? delimiter : $0 }
        var written = 0
        var school = 0
        while options.rows == nil ? school < options.schools : written < totalRows {
            // The school: its id, municipality, level of results, plant and size.
            let id = Array(SchoolModel.schoolID(school).utf8)
            let municipality = municipalities[random.weightedIndex(SchoolModel.municipalityWeights)]
            let quality = random.normal()
            let draw = random.unit()
            let planted: Planted = draw < 0.05 ? .boundary : draw < 0.10 ? .journal : .none
            let size = min(random.integer(in: 150...350), totalRows - written)
            schoolList += id + [delimiter] + municipality + [13, 10]
            for _ in 0..<size {
                written += 1
                let classIndex = random.integer(in: 0...(classNames.count - 1))
                let subjectIndex = random.integer(in: 0...(subjects.count - 1))
                let subject = subjects[subjectIndex]
                let variant = random.integer(in: 1...20)
                let ability = 0.5 * quality + random.normal()
                let fraction = min(1, max(0, 0.55 + 0.18 * ability))
                var score = Int((fraction * Double(subject.maximum)).rounded())
                if planted == .boundary && random.chance(0.6) {
                    for threshold in [subject.thresholds.three, subject.thresholds.four] where score == threshold - 1 || score == threshold - 2 {
                        score = threshold
                    }
                }
                let mark = subject.mark(score)
                let offset = random.weightedIndex([15, 70, 15]) - 1
                var journal = mark + offset
                if planted == .journal {
                    journal = mark + (random.chance(0.5) ? 1 : 0) + (random.chance(0.15) ? 1 : 0)
                }
                journal = min(5, max(2, journal))
                let journalMissing = random.chance(options.missing)

                appendInteger(written, to: &buffer)
                buffer.append(delimiter)
                buffer += id
                buffer.append(delimiter)
                buffer += municipality
                buffer.append(delimiter)
                buffer += classNames[classIndex]
                buffer.append(delimiter)
                buffer += subjectNames[subjectIndex]
                buffer.append(delimiter)
                appendInteger(variant, to: &buffer)
                buffer.append(delimiter)
                appendInteger(score, to: &buffer)
                buffer.append(delimiter)
                appendInteger(mark, to: &buffer)
                buffer.append(delimiter)
                if !journalMissing { appendInteger(journal, to: &buffer) }
                buffer += [13, 10]
                if buffer.count >= 1 << 20 {
                    try output.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            school += 1
        }
        try output.write(buffer)
        try output.close()
        if let path = options.schoolListPath {
            let file = try OutputFile(path: path)
            try file.write(schoolList)
            try file.close()
        }
        return written
    }

    private static func appendInteger(_ value: Int, to buffer: inout [UInt8]) {
        if value >= 10 { appendInteger(value / 10, to: &buffer) }
        buffer.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
