// A small JSON value and writer with a fixed key order, so that every JSON output of Soko is
// byte-for-byte the same for the same inputs.

public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSON])
    /// Keys keep the order they are given in.
    case object([(String, JSON)])

    public static func == (left: JSON, right: JSON) -> Bool {
        left.serialized() == right.serialized()
    }

    /// The value as compact text, or indented by two spaces per level when `pretty`.
    public func serialized(pretty: Bool = false) -> String {
        serialized(pretty: pretty, indent: 0)
    }

    /// The value as text that starts at `indent` levels (its inner lines are indented from there).
    /// With `compactEntities`, the items of an `entities` array are compact, one per line (the
    /// JSON report's layout).
    func serialized(pretty: Bool, indent: Int, compactEntities: Bool = false) -> String {
        var output = ""
        write(into: &output, pretty: pretty, indent: indent, compactEntities: compactEntities)
        return output
    }

    private func write(into output: inout String, pretty: Bool, indent: Int, compactEntities: Bool = false, compactItems: Bool = false) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let value): output += String(value)
        case .number(let value):
            if !value.isFinite {
                output += "null"
            } else if value == value.rounded(), abs(value) < 1e15 {
                output += String(Int64(value))
            } else {
                output += "\(value)"
            }
        case .string(let value): JSON.writeString(value, into: &output)
        case .array(let items):
            if items.isEmpty { output += "[]"; return }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                if pretty { output += "\n" + String(repeating: "  ", count: indent + 1) }
                item.write(into: &output, pretty: pretty && !compactItems, indent: indent + 1, compactEntities: compactEntities)
            }
            if pretty { output += "\n" + String(repeating: "  ", count: indent) }
            output += "]"
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                if pretty { output += "\n" + String(repeating: "  ", count: indent + 1) }
                JSON.writeString(key, into: &output)
                output += pretty ? ": " : ":"
                value.write(into: &output, pretty: pretty, indent: indent + 1, compactEntities: compactEntities,
                            compactItems: compactEntities && key == "entities")
            }
            if pretty { output += "\n" + String(repeating: "  ", count: indent) }
            output += "}"
        }
    }

    static func writeString(_ value: String, into output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
