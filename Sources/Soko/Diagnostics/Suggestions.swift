// "Did you mean …?": the nearest known name by edit distance, for Cyrillic and Latin alike.

public enum Suggestions {
    /// Edit distance over Unicode scalars, case-insensitive, where swapping two neighbouring
    /// letters counts as one edit (optimal string alignment).
    public static func distance(_ a: String, _ b: String) -> Int {
        let left = Array(a.lowercased().unicodeScalars)
        let right = Array(b.lowercased().unicodeScalars)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var beforePrevious = [Int](repeating: 0, count: right.count + 1)
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, left[i - 1] == right[j - 2], left[i - 2] == right[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[right.count]
    }

    /// The closest candidate within a distance that grows with the name's length (1 for short
    /// names, up to a third of the length), or nil when nothing is close.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(1, name.unicodeScalars.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let d = distance(name, candidate)
            guard d <= limit else { continue }
            if let current = best, d > current.distance || (d == current.distance && candidate >= current.name) { continue }
            best = (candidate, d)
        }
        return best?.name
    }
}

// MARK: Look-alike letters

/// A letter of the other script inside a word: Latin «o» in «дoля», Cyrillic «а» in «shаre».
public struct MixedScriptLetter: Sendable, Hashable {
    /// The word as written.
    public let word: String
    public let letter: Character
    /// Its position in the word, from 1.
    public let position: Int
    /// Whether the odd letter is Latin (else Cyrillic among Latin letters).
    public let isLatin: Bool
}

extension Suggestions {
    /// The letters of the minority script in each word that mixes Cyrillic and Latin letters
    /// (Latin ones when the counts are equal): the look-alikes that make two names seem the same.
    public static func mixedScriptLetters(in text: String) -> [MixedScriptLetter] {
        var found: [MixedScriptLetter] = []
        var word: [Character] = []
        func finishWord() {
            defer { word.removeAll() }
            let latin = word.filter(isLatinLetter).count
            let cyrillic = word.filter(isCyrillicLetter).count
            guard latin > 0, cyrillic > 0 else { return }
            let oddIsLatin = latin <= cyrillic
            let spelled = String(word)
            for (offset, character) in word.enumerated() where oddIsLatin ? isLatinLetter(character) : isCyrillicLetter(character) {
                found.append(MixedScriptLetter(word: spelled, letter: character, position: offset + 1, isLatin: oddIsLatin))
            }
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "_" { word.append(character) } else { finishWord() }
        }
        finishWord()
        return found
    }

    static func isLatinLetter(_ character: Character) -> Bool {
        character.unicodeScalars.first.map { ("a"..."z").contains($0) || ("A"..."Z").contains($0) } ?? false
    }

    static func isCyrillicLetter(_ character: Character) -> Bool {
        character.unicodeScalars.first.map { (0x400...0x4FF).contains($0.value) } ?? false
    }

    /// A sentence naming the odd letters of the first mixed word, or nil when no word mixes.
    public static func lookAlikeNote(_ text: String) -> Message? {
        let letters = mixedScriptLetters(in: text)
        guard let first = letters.first else { return nil }
        let same = letters.filter { $0.word == first.word }
        let listRu = same.map { "«\($0.letter)» на \($0.position)-й позиции" }.joined(separator: ", ")
        let listEn = same.map { "'\($0.letter)' at position \($0.position)" }.joined(separator: ", ")
        let plural = same.count > 1
        if first.isLatin {
            return Message(ru: "в «\(first.word)» \(plural ? "буквы" : "буква") \(listRu) — \(plural ? "латинские" : "латинская"), остальные — русские; наберите \(plural ? "их" : "её") в русской раскладке",
                           en: "in '\(first.word)' the \(plural ? "letters" : "letter") \(listEn) \(plural ? "are" : "is") Latin, the rest Cyrillic; type \(plural ? "them" : "it") in the Russian layout")
        }
        return Message(ru: "в «\(first.word)» \(plural ? "буквы" : "буква") \(listRu) — \(plural ? "русские" : "русская"), остальные — латинские; наберите \(plural ? "их" : "её") в латинской раскладке",
                       en: "in '\(first.word)' the \(plural ? "letters" : "letter") \(listEn) \(plural ? "are" : "is") Cyrillic, the rest Latin; type \(plural ? "them" : "it") in the Latin layout")
    }
}
