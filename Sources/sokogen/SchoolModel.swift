// The statistical model behind the table: what a school is like, and what one year of its results looks like.

/// Why a school was given unusual results on purpose, so that the benchmark's rules have
/// something to find.
enum Planted: String {
    /// An ordinary school: any rule that fires for it fires by chance.
    case none = ""
    /// Signs of non-objective results (inflated ВПР marks, unconfirmed medals, no observers),
    /// from some year on.
    case nonobjective
    /// A weak school: low ЕГЭ/ОГЭ scores and many fails in every year.
    case low
}

/// One school as it stays across the years: drawn once, before its rows.
struct School {
    /// `39-000123`: a region code and a running number.
    let id: String
    /// The official name, such as `МАОУ «Лицей №5»` or `МБОУ СОШ п. Коврово`.
    let name: String
    let municipality: String
    let kind: String
    /// False for a basic school (ООШ, grades 1–9), which has no ЕГЭ.
    let hasUpperGrades: Bool
    let rural: Bool
    /// How many students it has in a typical year.
    let size: Int
    /// Its lasting level of results on a standard-normal scale; 0 is the regional average.
    let quality: Double
    let planted: Planted
    /// For a `nonobjective` school, the index of the first year with inflated results
    /// (0 is the table's first year); unused otherwise.
    let inflationStart: Int
    /// The share of students from disadvantaged families, 0…1.
    let socialIndex: Double
}

/// One school's figures for one year: the 30 numeric and yes/no columns of a row.
struct YearRecord {
    let year: Int
    let students: Int
    let egeParticipants: Int
    let egeMeanRussian: Double
    let egeMeanMathematics: Double
    let egeFail: Int
    let egeHigh: Int
    let medalists: Int
    let medalistsUnconfirmed: Int
    let ogeParticipants: Int
    let ogeMean: Double
    let ogeFail: Int
    let vprParticipants: Int
    let vprMark2: Int
    let vprMark3: Int
    let vprMark4: Int
    let vprMark5: Int
    let vprConfirmed: Int
    let vprRaised: Int
    let vprLowered: Int
    let dkrParticipants: Int
    let dkrMean: Double
    let olympiadMunicipalWinners: Int
    let olympiadRegionalParticipants: Int
    let observersPresent: Bool
    let videoPresent: Bool
    let teachers: Int
    let teachersTrained: Int
    let youngTeachers: Int
    let youngTeachersMentored: Int
}

/// Draws schools and their yearly records from one `SeededRandom`.
///
/// The constants are chosen so that every rule of the benchmark rule set fires for some rows
/// and most rows fire nothing: about 5% of schools are planted with signs of non-objective
/// results and 10% with low results. The draws happen in a fixed order, so one seed gives
/// one table.
enum SchoolModel {
    /// The region's municipalities, each the group of the "same municipality and year" rules.
    static let municipalities = [
        "Калининград", "Советский ГО", "Светлогорский ГО", "Малышевский ГО",
        "Александровский район", "Гурьевский МО", "Зеленоградский МО", "Балтийский ГО",
        "Черняховский МО", "Гусевский ГО", "Неманский МО", "Правдинский МО",
        "Славский МО", "Полесский МО", "Озёрский МО", "Багратионовский МО",
        "Ладушкинский ГО", "Мамоновский ГО", "Пионерский ГО", "Янтарный ГО",
        "Краснознаменский МО", "Нестеровский МО", "Светловский ГО", "Гвардейский МО",
    ]
    /// The regional centre holds about a fifth of the schools; the others share the rest.
    static let municipalityWeights = [6] + Array(repeating: 1, count: 23)

    /// Kinds of school with how common each is.
    static let kinds: [(name: String, weight: Int)] = [
        ("СОШ", 46), ("ООШ", 12), ("Лицей", 9), ("Гимназия", 9), ("СОШ с УИОП", 10),
        ("Центр образования", 4),
    ]
    static let kindWeights = kinds.map(\.weight)
    static let settlements = [
        "п. Приморье", "с. Ильинское", "п. Коврово", "д. Малиновка", "п. Донское",
        "с. Октябрьское", "п. Заречный", "п. Весново", "с. Тимирязево", "п. Луговое",
    ]
    static let namesakes = ["А. С. Пушкина", "Ю. А. Гагарина", "А. П. Гайдара", "Героя Советского Союза В. Ф. Маргелова"]

    /// Draws the school with running number `index`.
    static func school(index: Int, random: inout SeededRandom, years: Int) -> School {
        let kind = kinds[random.weightedIndex(kindWeights)].name
        let selective = kind == "Лицей" || kind == "Гимназия"
        let rural = kind == "ООШ" || random.chance(selective ? 0.05 : 0.3)
        let size = rural ? random.integer(in: 40...260) : random.integer(in: 260...1500)
        let municipality = municipalities[random.weightedIndex(municipalityWeights)]

        var quality = random.normal()
        if selective { quality += 0.8 }
        if kind == "СОШ с УИОП" { quality += 0.4 }
        if rural { quality -= 0.4 }
        let lottery = random.unit()
        let planted: Planted = lottery < 0.05 ? .nonobjective : lottery < 0.15 ? .low : .none
        if planted == .low { quality -= 1.7 }
        let inflationStart = random.integer(in: 0...(max(years, 1) - 1))

        var social = 0.25 + 0.15 * random.normal()
        if rural { social += 0.2 }
        if planted == .low { social += 0.15 }

        return School(
            id: schoolID(index), name: schoolName(kind: kind, rural: rural, random: &random),
            municipality: municipality, kind: kind, hasUpperGrades: kind != "ООШ", rural: rural, size: size, quality: quality,
            planted: planted, inflationStart: inflationStart,
            socialIndex: clamp(social, 0, 1))
    }

    /// `39-000123` for school 123; the region code grows by one every 100,000 schools so that
    /// big tables keep six-digit numbers and sort the same as text and as numbers.
    static func schoolID(_ index: Int) -> String {
        let region = String(39 + index / 100_000)
        let number = String(index)
        return region + "-" + String(repeating: "0", count: max(0, 6 - number.count)) + number
    }

    /// A name in the styles of real registers: guillemets, straight quotes (which a CSV file
    /// must escape), a comma (which a comma-separated file must quote), an honorific.
    static func schoolName(kind: String, rural: Bool, random: inout SeededRandom) -> String {
        let number = random.integer(in: 1...60)
        let style = random.unit()
        if rural {
            let settlement = settlements[random.integer(in: 0...(settlements.count - 1))]
            if style < 0.1 { return "МБОУ \(kind) \(settlement), филиал №\(number % 4 + 1)" }
            return "МБОУ \(kind) \(settlement)"
        }
        if kind == "Лицей" || kind == "Гимназия" {
            if style < 0.25 { return "МАОУ \"\(kind) №\(number)\"" }
            return "МАОУ «\(kind) №\(number)»"
        }
        if style < 0.1 {
            let namesake = namesakes[random.integer(in: 0...(namesakes.count - 1))]
            return "МБОУ \(kind) №\(number) им. \(namesake)"
        }
        return "МБОУ \(kind) №\(number)"
    }

    /// Draws `school`'s record for the year with index `yearIndex` (0 is the first year).
    static func record(for school: School, yearIndex: Int, year: Int, random: inout SeededRandom) -> YearRecord {
        let q = school.quality + 0.3 * random.normal()
        let inflated = school.planted == .nonobjective && yearIndex >= school.inflationStart
        let students = max(10, Int(Double(school.size) * random.uniform(0.95, 1.05)))

        let egeParticipants = !school.hasUpperGrades ? 0 : Int(Double(students) * random.uniform(0.04, 0.08))
        let russian = clamp(68 + 8 * q + 4 * random.normal(), 30, 98)
        let mathematics = clamp(55 + 9 * q + 5 * random.normal(), 20, 95)
        let egeFail = share(egeParticipants, clamp(0.04 - 0.035 * q + 0.02 * random.normal(), 0, 0.6))
        let egeHigh = share(egeParticipants, clamp(0.12 + 0.08 * q + 0.04 * random.normal(), 0, 0.8))
        let medalists = share(egeParticipants,
            clamp(0.08 + 0.03 * q + (inflated ? 0.1 : 0) + 0.03 * random.normal(), 0, 0.5))
        let unconfirmed = share(medalists, clamp((inflated ? 0.45 : 0.04) + 0.05 * random.normal(), 0, 1))

        let ogeParticipants = Int(Double(students) * random.uniform(0.08, 0.11))
        let ogeMean = clamp(3.6 + 0.35 * q + 0.15 * random.normal(), 2, 5)
        let ogeFail = share(ogeParticipants, clamp(0.05 - 0.04 * q + 0.02 * random.normal(), 0, 0.7))

        // ВПР: the shares of marks 4–5 and of mark 2; inflated schools move marks upwards, and
        // their control re-marking confirms fewer marks and raises more.
        let vprParticipants = Int(Double(students) * random.uniform(0.35, 0.45))
        let highShare = clamp(0.45 + 0.12 * q + (inflated ? 0.3 : 0) + 0.05 * random.normal(), 0.02, 0.98)
        let lowShare = clamp(0.12 - 0.06 * q - (inflated ? 0.1 : 0) + 0.03 * random.normal(), 0, 1 - highShare)
        let mark5 = Int(Double(vprParticipants) * highShare * 0.4)
        let mark4 = share(vprParticipants, highShare) - mark5
        let mark2 = share(vprParticipants, lowShare)
        let mark3 = vprParticipants - mark2 - mark4 - mark5
        let confirmed = share(vprParticipants, clamp((inflated ? 0.4 : 0.72) + 0.07 * random.normal(), 0.05, 1))
        let raised = share(vprParticipants - confirmed, inflated ? 0.75 : 0.3)
        let lowered = vprParticipants - confirmed - raised

        let dkrParticipants = Int(Double(students) * random.uniform(0.05, 0.1))
        let dkrMean = clamp(55 + 10 * q + 6 * random.normal(), 10, 100)
        let winners = share(students, clamp(0.02 + 0.01 * q, 0, 0.1))
        let regional = share(winners, clamp(0.3 + 0.1 * q + 0.1 * random.normal(), 0, 1))
        let observers = !random.chance(inflated ? 0.5 : 0.07)
        let video = !random.chance(inflated ? 0.6 : 0.15)

        let teachers = max(5, students / random.integer(in: 11...16))
        let trained = share(teachers, clamp(0.55 + 0.15 * random.normal(), 0, 1))
        let young = share(teachers, clamp(0.12 + 0.05 * random.normal(), 0, 0.5))
        let mentored = share(young, clamp(0.7 + 0.25 * random.normal(), 0, 1))

        return YearRecord(
            year: year, students: students, egeParticipants: egeParticipants,
            egeMeanRussian: russian, egeMeanMathematics: mathematics, egeFail: egeFail, egeHigh: egeHigh,
            medalists: medalists, medalistsUnconfirmed: unconfirmed,
            ogeParticipants: ogeParticipants, ogeMean: ogeMean, ogeFail: ogeFail,
            vprParticipants: vprParticipants, vprMark2: mark2, vprMark3: mark3, vprMark4: mark4,
            vprMark5: mark5, vprConfirmed: confirmed, vprRaised: raised, vprLowered: lowered,
            dkrParticipants: dkrParticipants, dkrMean: dkrMean,
            olympiadMunicipalWinners: winners, olympiadRegionalParticipants: regional,
            observersPresent: observers, videoPresent: video,
            teachers: teachers, teachersTrained: trained, youngTeachers: young,
            youngTeachersMentored: mentored)
    }

    /// The whole number of people in `fraction` of `count`, rounded down.
    private static func share(_ count: Int, _ fraction: Double) -> Int {
        Int(Double(count) * fraction)
    }

    private static func clamp(_ value: Double, _ low: Double, _ high: Double) -> Double {
        value < low ? low : value > high ? high : value
    }
}
