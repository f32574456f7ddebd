// Texts of `soko test`: results, failures and coverage.

extension Messages {
    static func outcomeWord(_ outcome: RuleOutcome) -> Message {
        switch outcome {
        case .fired: Message(ru: "срабатывает", en: "fires")
        case .silent: Message(ru: "молчит", en: "silent")
        case .insufficient: Message(ru: "недостаточно данных", en: "insufficient data")
        case .notApplicable: Message(ru: "не применяется", en: "not applicable")
        }
    }
    static let testDataUnusable = Message(ru: "данные теста не удалось собрать", en: "the test's data could not be assembled")
    static func testNoSuchEntity(_ key: String, _ period: Int?) -> Message {
        let what = period.map { "«\(key)», \($0)" } ?? "«\(key)»"
        return Message(ru: "в данных теста нет школы \(what)", en: "the test's data has no school \(what)")
    }
    static func testAmbiguousEntity(_ key: String) -> Message {
        Message(ru: "у школы «\(key)» несколько периодов: укажите период в ожиданиях",
                en: "the school '\(key)' has several periods: give the period in the expectations")
    }
    static func testOutcomeMismatch(rule: String, expected: RuleOutcome, actual: RuleOutcome) -> Message {
        Message(ru: "правило «\(rule)»: ожидалось «\(outcomeWord(expected).ru)», получено «\(outcomeWord(actual).ru)»",
                en: "rule '\(rule)': expected '\(outcomeWord(expected).en)', got '\(outcomeWord(actual).en)'")
    }
    static func testRecommendationMissing(_ text: String, actual: [String]) -> Message {
        Message(ru: "ни одна рекомендация не содержит «\(text)»; рекомендации: \(actual.joined(separator: " | "))",
                en: "no recommendation contains '\(text)'; recommendations: \(actual.joined(separator: " | "))")
    }
    static func testValueMismatch(_ name: String, expected: String, actual: String) -> Message {
        Message(ru: "«\(name)»: ожидалось \(expected), получено \(actual)", en: "'\(name)': expected \(expected), got \(actual)")
    }
    static func testPassedLine(_ name: String, _ place: String) -> Message {
        Message(ru: "ok      \(name)  (\(place))", en: "ok      \(name)  (\(place))")
    }
    static func testFailedLine(_ name: String, _ place: String) -> Message {
        Message(ru: "ОШИБКА  \(name)  (\(place))", en: "FAILED  \(name)  (\(place))")
    }
    static func testTotals(passed: Int, failed: Int) -> Message {
        Message(ru: "тестов пройдено: \(passed), не пройдено: \(failed)",
                en: "\(passed) passed, \(failed) failed")
    }
    static let coverageHeading = Message(ru: "Покрытие правил тестами (срабатывает / молчит / недостаточно данных):",
                                         en: "Rule coverage by tests (fires / silent / insufficient data):")
    static func coverageMarks(fired: String, silent: String, insufficient: String) -> Message {
        Message(ru: "срабатывает \(fired)  молчит \(silent)  недостаточно \(insufficient)",
                en: "fires \(fired)  silent \(silent)  insufficient \(insufficient)")
    }
    static func coverageTotal(complete: Int, total: Int, percent: Double) -> Message {
        let text = Messages.formatPlain((percent * 10).rounded() / 10)
        return Message(ru: "полностью покрыто правил: \(complete) из \(total) (\(text) %)",
                       en: "rules fully covered: \(complete) of \(total) (\(text)%)")
    }
}
