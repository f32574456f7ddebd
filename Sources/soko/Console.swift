// Where the command writes: standard output and error, the language of messages, colour.
import Foundation
import Soko

/// Buffered writers for standard output and standard error.
final class Console {
    let language: Language
    /// Colour only when standard error is a terminal and NO_COLOR is not set.
    let colour: Bool
    private var output: [UInt8] = []

    init() {
        let environment = ProcessInfo.processInfo.environment
        language = Language.fromEnvironment(environment)
        colour = isatty(2) == 1 && environment["NO_COLOR"] == nil
    }

    func out(_ text: String) {
        output.append(contentsOf: text.utf8)
        if output.count > 1 << 20 { flush() }
    }

    func out(bytes: [UInt8]) {
        flush()
        FileHandle.standardOutput.write(Data(bytes))
    }

    func err(_ text: String) {
        flush()
        FileHandle.standardError.write(Data(text.utf8))
    }

    func flush() {
        guard !output.isEmpty else { return }
        FileHandle.standardOutput.write(Data(output))
        output.removeAll(keepingCapacity: true)
    }
}
