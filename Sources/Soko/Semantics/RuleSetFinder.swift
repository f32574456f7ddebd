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

    /// The rule sets among `files`: each file that no other of them imports is an entry, loaded
    /// with what it imports. Every file is loaded once here and checked from what was loaded.
    public static func ruleSets(among files: [String]) -> [LoadedRuleSet] {
        let loaded = files.map { Loader.load(entries: [$0]) }
        var imported = Set<String>()
        for set in loaded {
            for file in set.sources.files.dropFirst() { imported.insert(Loader.canonical(file.path)) }
        }
        return zip(files, loaded).filter { !imported.contains(Loader.canonical($0.0)) }.map(\.1)
    }
}
