// The table's 36 columns in order: each one's header name, whether it may be left empty, and its value.

/// One cell before it is written: the writer turns it into bytes in the chosen encoding and
/// number format.
enum Cell {
    /// One of the school's text fields; the writer encodes it once per school.
    case text(SchoolText)
    /// A count or a year.
    case integer(Int)
    /// A measured value, written rounded to `places` decimals without trailing zeros
    /// (`68.3`, `3.6`, `0.25`, `70.0`).
    case decimal(Double, places: Int)
    /// A yes/no answer, written `да` or `нет`.
    case flag(Bool)
}

/// The text fields of a school, which stay the same in each of its rows.
enum SchoolText: Int, CaseIterable {
    case id
    case name
    case municipality
    case kind

    /// The field's value for `school`.
    func value(of school: School) -> String {
        switch self {
        case .id: school.id
        case .name: school.name
        case .municipality: school.municipality
        case .kind: school.kind
        }
    }
}

/// A column of the table.
struct Column: Sendable {
    /// The name in the header row.
    let name: String
    /// Whether `--missing` may leave the cell empty. Identity columns (id, name, municipality,
    /// year, kind, rural) are always filled, as in a real export.
    let canBeMissing: Bool
    /// The cell of one row.
    let value: @Sendable (School, YearRecord) -> Cell

    /// The columns in the order of the header. The header text, the row layout and the
    /// missing-cell rule all come from this one list.
    static let all: [Column] = [
        Column("school_id", identity: true) { _, _ in .text(.id) },
        Column("school_name", identity: true) { _, _ in .text(.name) },
        Column("municipality", identity: true) { _, _ in .text(.municipality) },
        Column("year", identity: true) { _, record in .integer(record.year) },
        Column("kind", identity: true) { _, _ in .text(.kind) },
        Column("rural", identity: true) { school, _ in .flag(school.rural) },
        Column("students") { _, record in .integer(record.students) },
        Column("ege_participants") { _, record in .integer(record.egeParticipants) },
        Column("ege_mean_rus") { _, record in .decimal(record.egeMeanRussian, places: 1) },
        Column("ege_mean_math") { _, record in .decimal(record.egeMeanMathematics, places: 1) },
        Column("ege_fail") { _, record in .integer(record.egeFail) },
        Column("ege_high") { _, record in .integer(record.egeHigh) },
        Column("medalists") { _, record in .integer(record.medalists) },
        Column("medalists_unconfirmed") { _, record in .integer(record.medalistsUnconfirmed) },
        Column("oge_participants") { _, record in .integer(record.ogeParticipants) },
        Column("oge_mean") { _, record in .decimal(record.ogeMean, places: 2) },
        Column("oge_fail") { _, record in .integer(record.ogeFail) },
        Column("vpr_participants") { _, record in .integer(record.vprParticipants) },
        Column("vpr_m2") { _, record in .integer(record.vprMark2) },
        Column("vpr_m3") { _, record in .integer(record.vprMark3) },
        Column("vpr_m4") { _, record in .integer(record.vprMark4) },
        Column("vpr_m5") { _, record in .integer(record.vprMark5) },
        Column("vpr_confirmed") { _, record in .integer(record.vprConfirmed) },
        Column("vpr_raised") { _, record in .integer(record.vprRaised) },
        Column("vpr_lowered") { _, record in .integer(record.vprLowered) },
        Column("dkr_participants") { _, record in .integer(record.dkrParticipants) },
        Column("dkr_mean") { _, record in .decimal(record.dkrMean, places: 1) },
        Column("olymp_municipal_winners") { _, record in .integer(record.olympiadMunicipalWinners) },
        Column("olymp_regional_participants") { _, record in .integer(record.olympiadRegionalParticipants) },
        Column("observers_present") { _, record in .flag(record.observersPresent) },
        Column("video_present") { _, record in .flag(record.videoPresent) },
        Column("teachers") { _, record in .integer(record.teachers) },
        Column("teachers_trained") { _, record in .integer(record.teachersTrained) },
        Column("young_teachers") { _, record in .integer(record.youngTeachers) },
        Column("young_teachers_mentored") { _, record in .integer(record.youngTeachersMentored) },
        Column("social_index") { school, _ in .decimal(school.socialIndex, places: 3) },
    ]

    private init(_ name: String, identity: Bool = false, value: @escaping @Sendable (School, YearRecord) -> Cell) {
        self.name = name
        self.canBeMissing = !identity
        self.value = value
    }
}
