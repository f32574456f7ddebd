// Texts of summaries and headings printed by the renderers.

extension Messages {
    static func moreDiagnostics(_ count: Int) -> Message {
        Message(ru: "… и ещё \(count) (не показаны)", en: "… and \(count) more (not shown)")
    }
    static func diagnosticSummary(errors: Int, warnings: Int) -> Message {
        Message(ru: "ошибок: \(errors), предупреждений: \(warnings)", en: "\(errors) error(s), \(warnings) warning(s)")
    }
}
