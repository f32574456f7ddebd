// Recommendations filled in SQL, character for character as `soko run` writes them
// (ValueFormatter): shares as `30,0 %` (`30.0%` in English), whole counts as integers, other
// numbers with up to two decimals and trailing zeros dropped, halves away from zero, yes/no
// words, and «нет данных» for a missing value. Several recommendations are joined with "; ".

extension SQLBuilder {
    /// The recommendations' text when none has a `{…}` place.
    func recommendation(plain templates: [Template]) -> String? {
        guard templates.allSatisfy({ $0.pieces.allSatisfy { if case .text = $0 { true } else { false } } }) else { return nil }
        return templates.map { $0.pieces.map { if case .text(let t) = $0 { t } else { "" } }.joined() }.joined(separator: "; ")
    }

    /// The recommendations as one text column, or nil when they are plain text.
    mutating func recommendation(_ templates: [Template]) -> SQLFragment? {
        guard recommendation(plain: templates) == nil else { return nil }
        var parts: [String] = []
        var reads = Set<String>()
        for (index, template) in templates.enumerated() {
            if index > 0 { parts.append(dialect.string("; ")) }
            // A recommendation written in the other language prints its numbers that way.
            textLanguage = template.formatter(default: ValueFormatter(language: options.language)).language
            var places: [(expr: TypedExpr, value: SQLFragment, type: ValueType, text: SQLFragment)] = []
            for piece in template.pieces {
                if case .value(let expr) = piece {
                    let value = plan.hoist(expression(expr))
                    places.append((expr, value, expr.type, format(value, type: expr.type)))
                }
            }
            let texts = apart(places)
            var place = 0
            for piece in template.pieces {
                switch piece {
                case .text(let text):
                    if !text.isEmpty { parts.append(dialect.string(text)) }
                case .value:
                    reads.formUnion(texts[place].reads)
                    parts.append(texts[place].sql)
                    place += 1
                }
            }
            textLanguage = nil
        }
        return SQLFragment("(" + parts.joined(separator: " || ") + ")", reads: reads)
    }

    /// The language numbers are printed in: the recommendation's, else the run's.
    var language: Language { textLanguage ?? options.language }

    var missingWord: String { language == .ru ? "нет данных" : "no data" }

    /// A value as people read it; never NULL.
    mutating func format(_ value: SQLFragment, type: ValueType) -> SQLFragment {
        let missing = dialect.string(missingWord)
        var reads = value.reads
        let text: String
        switch type {
        case .text:
            text = value.sql
        case .flag:
            let (yes, no) = language == .ru ? ("да", "нет") : ("yes", "no")
            text = "CASE WHEN \(value.sql) THEN \(dialect.string(yes)) ELSE \(dialect.string(no)) END"
        case .share:
            let percent = plan.hoist(SQLFragment("(\(value.sql) * \(dialect.number(100)))", reads: value.reads))
            let number = decimal(percent, digits: 1, trim: false)
            reads.formUnion(number.reads)
            text = number.sql + " || " + dialect.string(language == .ru ? " %" : "%")
        case .count:
            // A whole count as an integer, anything else like a number.
            let whole = "\(value.sql) = FLOOR(\(value.sql)) AND ABS(\(value.sql)) < \(dialect.number(1e15))"
            let number = decimal(value, digits: 2, trim: true)
            reads.formUnion(number.reads)
            text = "CASE WHEN \(whole) THEN \(dialect.digits(dialect.integer(value.sql))) ELSE \(number.sql) END"
        case .date:
            // 01.09.2024 in Russian, 2024-09-01 in English (days outside ±3·10⁶ as numbers).
            let number = decimal(value, digits: 2, trim: true)
            reads.formUnion(number.reads)
            text = "CASE WHEN ABS(\(value.sql)) < \(dialect.number(3e6)) THEN \(dialect.formatDate(dialect.date(days: "FLOOR(\(value.sql))"), russian: language == .ru)) ELSE \(number.sql) END"
        case .number, .any:
            let number = decimal(value, digits: 2, trim: true)
            reads.formUnion(number.reads)
            text = number.sql
        }
        return SQLFragment("CASE WHEN \(value.sql) IS NULL THEN \(missing) ELSE \(text) END", reads: reads)
    }

    /// `x` with fixed decimals, halves away from zero, the language's decimal mark; with `trim`
    /// trailing zeros (and a bare mark) are dropped. Hoists what it reads more than once.
    mutating func decimal(_ x: SQLFragment, digits: Int, trim: Bool) -> SQLFragment {
        let scale = powerOfTen(digits)
        let magnitude = plan.hoist(SQLFragment("(ABS(\(x.sql)) * \(dialect.number(scale)))", reads: x.reads))
        let rounded = plan.hoist(SQLFragment(dialect.integer("FLOOR(\(magnitude.sql)) + CASE WHEN \(magnitude.sql) - FLOOR(\(magnitude.sql)) >= 0.5 THEN 1 ELSE 0 END"),
                                             reads: magnitude.reads))
        let unit = Int64(scale)
        let whole = dialect.digits(dialect.integerDivide(rounded.sql, "\(unit)"))
        let fraction = "(\(rounded.sql) % \(unit))"
        let mark = dialect.string(language == .ru ? "," : ".")
        let sign = "CASE WHEN \(x.sql) < 0 AND \(rounded.sql) <> 0 THEN '-' ELSE '' END"
        var fractionText: String
        if digits == 1 {
            fractionText = "\(mark) || \(dialect.digits(fraction))"
        } else {
            let padded = "CASE WHEN \(fraction) < 10 THEN '0' ELSE '' END || \(dialect.digits(fraction))"
            fractionText = "\(mark) || \(padded)"
            if trim {
                fractionText = "CASE WHEN \(fraction) = 0 THEN '' WHEN \(fraction) % 10 = 0 THEN \(mark) || \(dialect.digits(dialect.integerDivide(fraction, "10"))) ELSE \(fractionText) END"
            }
        }
        return SQLFragment("\(sign) || \(whole) || \(fractionText)", reads: x.reads.union(rounded.reads))
    }
}

/// Diagnostics of `soko sql`: constructs a dialect cannot express.
enum SQLMessages {
    static func percentileNotConstant(_ range: SourceRange, dialect: SQLDialectName) -> Diagnostic {
        .error("E0501", range,
               Message(ru: "в SQL (\(dialect.rawValue)) процентиль p должен быть одним для всех: число, параметр или выражение из них",
                       en: "in SQL (\(dialect.rawValue)) the percentile's p must be the same for every entity: a number, a parameter or arithmetic on them"),
               hint: Message(ru: "вычислите процентиль для каждого нужного p отдельно", en: "compute one percentile per p you need"))
    }

    static func untranslated(_ function: BuiltinFunction, _ range: SourceRange, dialect: SQLDialectName) -> Diagnostic {
        .error("E0502", range,
               Message(ru: "SQL-компилятор (\(dialect.rawValue)) не переводит встроенную функцию \(function.russian) здесь",
                       en: "the SQL compiler (\(dialect.rawValue)) does not translate the built-in \(function.english) here"),
               hint: Message(ru: "запустите набор правил командой soko run", en: "run the rule set with soko run"))
    }
}
