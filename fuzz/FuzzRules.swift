// libFuzzer target: any bytes as a rule file through the lexer, parser and checker, then the
// formatter-free parts of the pipeline that a rule file alone reaches. Must never crash or hang.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var set = LoadedRuleSet()
    let file = SourceFile(path: "fuzz.soko", bytes: bytes)
    let index = set.sources.add(file)
    let (tree, diagnostics) = Parser.parse(file: file, fileIndex: index)
    set.trees.append(tree)
    set.diagnostics = diagnostics
    set.entryFiles.insert(index)
    let result = Checker.check(set)
    // Rendering walks every position: it must hold for any range the checker produced.
    let renderer = DiagnosticRenderer(sources: result.sources, language: .ru)
    _ = renderer.text(result.diagnostics)
    _ = renderer.json(result.diagnostics)
    if let program = result.program {
        _ = TestRunner.run(program, language: .en)
    }
    return 0
}
