// Finds the rule sets among paths given on the command line: a file is a rule set's entry;
// a folder holds `.soko` files, and those that no other file imports are entries.
import Foundation

public enum RuleSetFinder {
    /// Every `.soko` file named or found below a named folder, sorted; nil paths are reported.
    public static func files(in paths: [String]) -> (files: [String], unreadable: [String]) {
        var files: [String] = []
        var unreadable: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                // `rules/sovetsky` may name `rules/sovetsky.soko`.
                if FileManager.default.fileExists(atPath: path + ".soko") { files.append(path + ".soko") } else { unreadable.append(path) }
                continue
            }
            if !isFolder.boolValue {
                files.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var found: [String] = []
            while let name = enumerator?.nextObject() as? String {
                if name.hasSuffix(".soko") { found.append((path as NSString).appendingPathComponent(name)) }
            }
            files += found.sorted()
        }
        return (files, unreadable)
    }

    /// The files among `files` that no other of them imports: each is checked as a rule set of
    /// its own, with what it imports.
    public static func entries(among files: [String]) -> [String] {
        var imported = Set<String>()
        for path in files {
            let loaded = Loader.load(entries: [path])
            for file in loaded.sources.files.dropFirst() {
                imported.insert(Loader.canonical(file.path))
            }
        }
        return files.filter { !imported.contains(Loader.canonical($0)) }
    }
}
