// The analytic note's declaration: parsed in both languages, checked, formatted back.
import Testing
@testable import Soko

@Suite struct NoteDeclarationTests {
    static let russian = """
    справка "Аналитическая справка по итогам мониторинга" {
      орган "Управление образования Советского городского округа"
      приказ "Приказ от 01.09.2024 № 123"
      автор "Иванова И. И., методист"
      утверждает "Петров П. П., начальник управления"
    }

    таблица д {
      ключ код
    }

    """

    @Test func russianNoteReachesTheProgram() throws {
        let program = try #require(Compiler.compile(text: Self.russian).program)
        #expect(program.note == NoteInfo(title: "Аналитическая справка по итогам мониторинга",
                                         owner: "Управление образования Советского городского округа",
                                         order: "Приказ от 01.09.2024 № 123", author: "Иванова И. И., методист",
                                         approver: "Петров П. П., начальник управления"))
    }

    @Test func englishNoteWithSomeFields() throws {
        let program = try #require(Compiler.compile(text: "note \"Monitoring\" { owner \"Department\" }\ndataset d { key id }\n").program)
        #expect(program.note == NoteInfo(title: "Monitoring", owner: "Department"))
        #expect(try #require(Compiler.compile(text: "dataset d { key id }\n").program).note == nil)
    }

    @Test func noteIsAKeywordOnlyWhereItStands() throws {
        // A column called `note` still works.
        #expect(Support.codes("dataset d { key id  column note: text }\nrule r { when note = \"x\"  severity low }\n") == [])
    }

    @Test func errors() {
        #expect(Support.codes("note \"a\" { }\nnote \"b\" { }\ndataset d { key id }\n") == ["E0270"])
        #expect(Support.codes("note \"a\" { owner \"x\"  owner \"y\" }\ndataset d { key id }\n") == ["E0271"])
        #expect(Support.codes("note \"a {1}\" { }\ndataset d { key id }\n") == ["E0272"])
        #expect(Support.codes("note \"a\" { signer \"x\" }\ndataset d { key id }\n").first == "E0100")
    }

    @Test func formattedInEitherLanguage() throws {
        #expect(FormatTest.formatChecked(Self.russian) == Self.russian)
        let english = FormatTest.formatChecked(Self.russian, keywords: .en)
        #expect(english.hasPrefix("""
            note "Аналитическая справка по итогам мониторинга" {
              owner "Управление образования Советского городского округа"
              order "Приказ от 01.09.2024 № 123"
              author "Иванова И. И., методист"
              approver "Петров П. П., начальник управления"
            }
            """))
    }
}
