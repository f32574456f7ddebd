// Reads a rule set from disk: the entry files and, transitively, what they import. Reports
// missing files, import cycles and imports that climb out of the rule set's folder.
import Foundation

/// A rule set's files, parsed.
public struct LoadedRuleSet: Sendable {
    public var sources = SourceSet()
    public var trees: [SyntaxTree] = []
    /// Indices of the files named by the user.
    public var entryFiles: Set<Int> = []
    public var diagnostics: [Diagnostic] = []
}

public enum Loader {
    /// Loads entry files (each with its imports) into one rule set. `root` bounds imports:
    /// an import may not resolve outside it; by default it is the folder of the first entry.
    public static func load(entries: [String], root: String? = nil) -> LoadedRuleSet {
        var state = LoadState()
        let rootFolder = canonical(root ?? (entries.first.map { ($0 as NSString).deletingLastPathComponent } ?? "."))
        state.root = rootFolder.isEmpty ? canonical(".") : rootFolder
        for entry in entries {
            if let index = state.loadFile(path: canonical(entry), importedFrom: nil) {
                state.set.entryFiles.insert(index)
            }
        }
        return state.set
    }

    /// Loads a rule set from text in memory (tests, `soko fmt -`): no imports are followed.
    public static func load(text: String, path: String = "<stdin>") -> LoadedRuleSet {
        load(bytes: Array(text.utf8), path: path)
    }

    /// Loads a rule set from bytes in memory, which may be any bytes at all.
    public static func load(bytes: [UInt8], path: String = "<stdin>") -> LoadedRuleSet {
        var set = LoadedRuleSet()
        let file = SourceFile(path: path, bytes: bytes)
        let index = set.sources.add(file)
        let (tree, diagnostics) = Parser.parse(file: file, fileIndex: index)
        set.trees.append(tree)
        set.diagnostics.append(contentsOf: diagnostics)
        set.entryFiles.insert(index)
        return set
    }

    static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Largest rule file read, in bytes: bigger files are refused with a diagnostic.
    static let maximumFileSize = 16 << 20

    struct LoadState {
        var set = LoadedRuleSet()
        var root = ""
        var indexByPath: [String: Int] = [:]
        /// Files being loaded, outermost first: an import of one of them is a cycle.
        var stack: [String] = []

        mutating func loadFile(path: String, importedFrom site: ImportDecl?) -> Int? {
            if let index = indexByPath[path] { return index }
            guard let data = FileManager.default.contents(atPath: path) else {
                let range = site?.range ?? .none
                set.diagnostics.append(.error("E0303", range, Messages.fileNotFound(path),
                                              hint: site == nil ? Messages.fileNotFoundHint : nearbyFileHint(path)))
                return nil
            }
            guard data.count <= maximumFileSize else {
                set.diagnostics.append(.error("E0304", site?.range ?? .none, Messages.fileTooLarge(path, limit: maximumFileSize)))
                return nil
            }
            let file = SourceFile(path: displayPath(path), bytes: [UInt8](data))
            let index = set.sources.add(file)
            indexByPath[path] = index
            let (tree, diagnostics) = Parser.parse(file: file, fileIndex: index)
            set.trees.append(tree)
            set.diagnostics.append(contentsOf: diagnostics)
            stack.append(path)
            defer { stack.removeLast() }
            let folder = (path as NSString).deletingLastPathComponent
            for case .importFile(let decl) in tree.declarations {
                let target = canonical(folder + "/" + decl.path.plainText)
                if let position = stack.firstIndex(of: target) {
                    let chain = (stack[position...] + [target]).map { ($0 as NSString).lastPathComponent }
                    set.diagnostics.append(.error("E0301", decl.range, Messages.importCycle(chain), hint: Messages.importCycleHint))
                    continue
                }
                guard target == root || target.hasPrefix(root + "/") else {
                    set.diagnostics.append(.error("E0302", decl.range, Messages.importOutsideRoot(decl.path.plainText, root: displayPath(root)),
                                                  hint: Messages.importOutsideRootHint))
                    continue
                }
                _ = loadFile(path: target, importedFrom: decl)
            }
            return index
        }

        /// "Did you mean" among the `.soko` files of the folder the import points into.
        func nearbyFileHint(_ path: String) -> Message? {
            let folder = (path as NSString).deletingLastPathComponent
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasSuffix(".soko") } ?? []
            guard let near = Suggestions.closest(to: (path as NSString).lastPathComponent, among: names) else { return nil }
            return Messages.didYouMean(near)
        }

        /// A path relative to the working folder when it lies below it, for shorter messages.
        func displayPath(_ path: String) -> String {
            let here = canonical(".")
            return path.hasPrefix(here + "/") ? String(path.dropFirst(here.count + 1)) : path
        }
    }
}
