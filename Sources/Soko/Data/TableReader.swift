// The data reader's single way in: opens a file, detects its encoding and delimiter, maps the
// requested columns onto the header, and reads the typed columns (rows in TableReader+Rows.swift).

/// How a data file is read.
public struct CSVOptions: Sendable, Hashable {
    /// The field delimiter (`,` `;` or tab as a byte; any byte but a quote, CR, LF or NUL); nil
    /// to detect it from the header line.
    public var delimiter: UInt8?
    /// The encoding; nil to detect it (a BOM or valid UTF-8 → UTF-8, otherwise Windows-1251).
    public var encoding: TextEncoding?
    /// Read bad cells as missing values (each still reported, as a warning) instead of failing.
    public var lenient: Bool
    /// How many problems are listed at most; one more issue then says how many were left out.
    public var maxIssues: Int
    /// How many bytes are read from the file at a time (small values are for tests).
    public var blockSize: Int
    /// Read a large file (16 MiB or more) in parts on all cores, when there are two or more.
    public var parallel: Bool
    /// The smallest file that is read in parts (lower in tests; 0 also splits on one core).
    var splitThreshold = 16 << 20
    /// About how many bytes each part has (smaller in tests), and how many parts there may be
    /// at most (nil: sixteen per core when the parts are placed, four otherwise).
    var chunkSize = 8 << 20
    var partLimit: Int?
    /// Whether the parts are read straight into the table's columns (TableReader+Placed.swift),
    /// rather than each into columns of its own that are joined at the end.
    var placesParts = true
    /// Whether a regular file's bytes are read by mapping its pages into memory (no copy) rather
    /// than by `pread` into a buffer (tests compare both ways). A mapped file cut short by another
    /// program while it is read raises SIGBUS in the process (`soko` answers it with a message
    /// and exit code 3); `soko` turns mapping off with `SOKO_MAP_FILES=0`.
    public var mapsFile = true
    /// Words that mark a totals row besides the built-in ones («Итого», «Всего», «Total»): a
    /// row whose text cell is one of them (or starts with one) is left out, with a warning.
    public var totalsWords: [String] = []

    public init(delimiter: UInt8? = nil, encoding: TextEncoding? = nil, lenient: Bool = false,
                maxIssues: Int = 100, blockSize: Int = 1 << 20, parallel: Bool = true) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.lenient = lenient
        self.maxIssues = maxIssues
        self.blockSize = blockSize
        self.parallel = parallel
    }
}

/// Why a data file could not be read: every error found (up to the cap), with any warnings.
public struct DataReadFailure: Error, Sendable, Hashable {
    public let issues: [DataIssue]

    public init(issues: [DataIssue]) {
        self.issues = issues
    }
}

/// Reads data files into typed columns.
public enum TableReader {
    /// Reads the requested columns of a CSV file. Succeeds with the table (and any warnings)
    /// when no error was found; fails with every error found otherwise.
    public static func read(path: String, columns: [ColumnRequest],
                            options: CSVOptions = CSVOptions()) -> Result<LoadedTable, DataReadFailure> {
        switch ByteInput.open(path: path) {
        case .failure(let failure):
            return .failure(openFailure(path: path, failure))
        case .success(let input):
            input.mapsFile = options.mapsFile
            return read(input: input, path: path, columns: columns, options: options)
        }
    }

    /// Reads only the header of a CSV file: the column names, trimmed, without an empty trailing
    /// column. For checking a rule set against a file without reading the data.
    public static func readHeader(path: String,
                                  options: CSVOptions = CSVOptions()) -> Result<[String], DataReadFailure> {
        switch ByteInput.open(path: path) {
        case .failure(let failure):
            return .failure(openFailure(path: path, failure))
        case .success(let input):
            return readHeader(input: input, path: path, options: options)
        }
    }

    // MARK: Internal entry points (bytes in memory, for tests)

    /// `read(path:columns:options:)` over any input.
    static func read(input original: ByteInput, path: String, columns: [ColumnRequest],
                     options original_: CSVOptions) -> Result<LoadedTable, DataReadFailure> {
        let (input, options) = transcoded(original, options: original_)
        var issues = IssueCollector(path: path, cap: options.maxIssues)
        guard let opened = open(input: input, path: path, options: options, issues: &issues) else {
            return .failure(DataReadFailure(issues: issues.finished()))
        }
        let plans = mapColumns(columns, header: opened.header, delimiter: opened.delimiter, issues: &issues)
        // A header split by another delimiter (D0028): the rows would only repeat it, one
        // «extra fields» (D0007) per row. One mistake, one message.
        if issues.issues.contains(where: { $0.code == "D0028" }) { return .failure(DataReadFailure(issues: issues.finished())) }
        let slots = opened.reader.select(columns: plans.map { $0?.column ?? -1 },
                                         columnCount: opened.header.fieldCount)
        let builder = TableBuilder(requests: columns, plans: plans, slots: slots, opened: opened,
                                   options: options, issues: issues, sizeHint: input.sizeHint)
        if options.parallel, let parts = readInParts(path: path, input: input, opened: opened, builder: builder,
                                                        columns: plans.map { $0?.column ?? -1 }, options: options) {
            return parts
        }
        var only = builder
        if columns.count <= columnsOnAnyStack {
            scan(opened.reader, into: &only)
        } else {
            // About 110 bytes a level in a release build, some 1.5 KB in a debug build; the stack
            // is only reserved, and costs memory as far as it is used.
            let stackSize = min(1 << 30, (1 << 20) + columns.count * 4096)
            onLargeStack(stackSize: stackSize) { scan(opened.reader, into: &only) }
        }
        var parts = [consume only]
        return TableBuilder.finish(parts: &parts, rowOffsets: [0])
    }

    /// `readHeader(path:options:)` over any input.
    static func readHeader(input original: ByteInput, path: String, options original_: CSVOptions) -> Result<[String], DataReadFailure> {
        let (input, options) = transcoded(original, options: original_)
        var issues = IssueCollector(path: path, cap: options.maxIssues)
        guard let opened = open(input: input, path: path, options: options, issues: &issues),
              issues.errorCount == 0 else {
            return .failure(DataReadFailure(issues: issues.finished()))
        }
        return .success(opened.header.names)
    }

    /// A file in KOI8-R, CP866 or MacCyrillic (detected, or given with `--encoding`) as UTF-8 in
    /// memory, to be read as UTF-8; any other input as it is. A read error is left for `open`
    /// to report.
    static func transcoded(_ input: ByteInput, options: CSVOptions) -> (ByteInput, CSVOptions) {
        guard let (prefix, atEnd) = input.readAhead(TextEncoding.detectionWindow + 3) else { return (input, options) }
        let detection = prefix.withUnsafeBufferPointer { bytes in
            TextEncoding.startsWithUTF16BOM(bytes) ? nil
                : TextEncoding.detect(prefix: bytes, isWholeFile: atEnd, forced: options.encoding)
        }
        // A UTF-8 file forced to a code page is read as forced, so that `open` warns (D0025).
        guard let encoding = detection?.encoding, detection?.suspected != .utf8, encoding != .utf8, encoding != .windows1251, let page = encoding.codePage,
              let bytes = input.readAll() else { return (input, options) }
        var utf8Options = options
        utf8Options.encoding = .utf8
        return (ByteInput(bytes: bytes.withUnsafeBufferPointer { page.transcodeToUTF8($0) }), utf8Options)
    }

    /// Reads the rest of the input into the builder, reporting a read failure.
    static func scan(_ reader: CSVReader, into builder: inout TableBuilder) {
        let end = builder.run(reader)
        // The texts are in `textValues`: the interners' memory is no longer needed.
        builder.emptyInterners()
        if case .readFailed(let number) = end {
            builder.issues.add(code: "D0001", severity: .error) { path in
                DataIssue(code: "D0001", severity: .error, path: path, row: nil, column: nil, value: nil,
                          message: Messages.dataReadFailed(reason: ByteInput.OpenFailure(errorNumber: number).description),
                          hint: Messages.dataCannotOpenHint())
            }
        }
    }

    static func openFailure(path: String, _ failure: ByteInput.OpenFailure) -> DataReadFailure {
        DataReadFailure(issues: [
            DataIssue(code: "D0001", severity: .error, path: path, row: nil, column: nil, value: nil,
                      message: Messages.dataCannotOpen(reason: failure.description),
                      hint: Messages.dataCannotOpenHint()),
        ])
    }
}

// MARK: - Opening: encoding, delimiter, header

/// The header of a file as read.
struct FileHeader {
    /// Column names, trimmed, decoded (invalid bytes shown as U+FFFD), trailing empty one dropped.
    var names: [String]
    /// How many fields a data row must have (the names' count).
    var fieldCount: Int
    /// Whether the header ended with a delimiter, so that data rows may have one empty field more.
    var dropsTrailingColumn: Bool
    /// The header's row number (1 unless blank lines come first).
    var row: Int
}

/// A file opened for reading: the reader positioned after the header, and what was detected.
struct OpenedFile {
    let reader: CSVReader
    let encoding: TextEncoding
    let delimiter: UInt8
    let header: FileHeader
    /// How many bytes of the input came before the first data row (BOM included).
    let dataStart: Int
}

/// Catches the header record.
private struct HeaderConsumer: CSVRecordConsumer {
    var fields: [[UInt8]] = []
    var record: CSVRecord?

    mutating func consume(_ record: CSVRecord) -> Bool {
        self.record = record
        let kept = min(record.fieldCount, CSVReader.columnLimit + 1)
        fields = (0..<kept).map { slot in record.field(slot: slot).map { Array($0) } ?? [] }
        return false
    }
}

extension TableReader {
    /// Opens the input: detects the encoding and delimiter and reads the header. Returns nil,
    /// with the reasons in `issues`, when the file cannot be read at all.
    static func open(input: ByteInput, path: String, options: CSVOptions,
                     issues: inout IssueCollector) -> OpenedFile? {
        if let given = options.delimiter, [UInt8(ascii: "\""), UInt8(ascii: "\r"), UInt8(ascii: "\n"), 0].contains(given) {
            issues.add(code: "D0024", severity: .error) { path in
                DataIssue(code: "D0024", severity: .error, path: path, row: nil, column: nil, value: nil,
                          message: Messages.dataUnusableDelimiter(given), hint: Messages.dataUnusableDelimiterHint())
            }
            return nil
        }
        guard let (prefix, atEnd) = input.readAhead(TextEncoding.detectionWindow + 3) else {
            let reason = ByteInput.OpenFailure(errorNumber: input.lastErrorNumber).description
            issues.add(code: "D0001", severity: .error) { path in
                DataIssue(code: "D0001", severity: .error, path: path, row: nil, column: nil, value: nil,
                          message: Messages.dataReadFailed(reason: reason), hint: Messages.dataCannotOpenHint())
            }
            return nil
        }
        let detection: EncodingDetection? = prefix.withUnsafeBufferPointer { bytes in
            if TextEncoding.startsWithUTF16BOM(bytes) { return nil }
            return TextEncoding.detect(prefix: bytes, isWholeFile: atEnd, forced: options.encoding)
        }
        guard let detection else {
            issues.add(code: "D0003", severity: .error) { path in
                DataIssue(code: "D0003", severity: .error, path: path, row: nil, column: nil, value: nil,
                          message: Messages.dataUTF16(), hint: Messages.dataUTF16Hint())
            }
            return nil
        }
        input.skipReadAhead(detection.bomLength)
        if let suspected = detection.suspected {
            let shown = prefix.withUnsafeBufferPointer { bytes in
                detection.encoding.decodeForDisplay(UnsafeBufferPointer(rebasing: bytes[0..<(bytes.firstIndex(of: 0x0A) ?? min(bytes.count, 80))]))
            }
            issues.add(code: "D0025", severity: .warning) { path in
                DataIssue(code: "D0025", severity: .warning, path: path, row: 1, column: nil, value: DataIssue.shortened(shown),
                          message: Messages.dataEncodingSuspected(read: detection.encoding, likely: suspected),
                          hint: Messages.dataEncodingSuspectedHint(likely: suspected))
            }
        }
        let delimiter = options.delimiter ?? prefix.withUnsafeBufferPointer { bytes in
            CSVReader.detectDelimiter(UnsafeBufferPointer(rebasing: bytes[min(detection.bomLength, bytes.count)...]))
        }
        let reader = CSVReader(input: input, blockSize: options.blockSize)
        reader.setDelimiter(delimiter)
        reader.selectAll()
        var consumer = HeaderConsumer()
        let end = reader.scan(&consumer)
        if case .readFailed(let number) = end {
            let reason = ByteInput.OpenFailure(errorNumber: number).description
            issues.add(code: "D0001", severity: .error) { path in
                DataIssue(code: "D0001", severity: .error, path: path, row: nil, column: nil, value: nil,
                          message: Messages.dataReadFailed(reason: reason), hint: Messages.dataCannotOpenHint())
            }
            return nil
        }
        guard let record = consumer.record else {
            issues.add(code: "D0002", severity: .error) { path in
                DataIssue(code: "D0002", severity: .error, path: path, row: nil, column: nil, value: nil,
                          message: Messages.dataEmptyFile(), hint: Messages.dataEmptyFileHint())
            }
            return nil
        }
        guard let header = decodeHeader(consumer.fields, record: record, encoding: detection.encoding,
                                        issues: &issues) else { return nil }
        return OpenedFile(reader: reader, encoding: detection.encoding, delimiter: delimiter, header: header,
                          dataStart: detection.bomLength + record.endOffset)
    }

    /// Checks and decodes the header record; nil when it is too broken to map columns onto.
    private static func decodeHeader(_ fields: [[UInt8]], record: CSVRecord, encoding: TextEncoding,
                                     issues: inout IssueCollector) -> FileHeader? {
        let row = record.row
        if record.fieldCount > CSVReader.columnLimit {
            issues.add(code: "D0004", severity: .error) { path in
                DataIssue(code: "D0004", severity: .error, path: path, row: row, column: nil, value: nil,
                          message: Messages.dataTooManyColumns(found: record.fieldCount, limit: CSVReader.columnLimit),
                          hint: Messages.dataTooManyColumnsHint())
            }
            return nil
        }
        var fatal = false
        if record.hasNul {
            issues.add(code: "D0010", severity: .error) { path in
                DataIssue(code: "D0010", severity: .error, path: path, row: row, column: nil, value: nil,
                          message: Messages.dataNulByte(), hint: Messages.dataNulByteHint())
            }
            fatal = true
        }
        if record.unterminatedQuote {
            issues.add(code: "D0008", severity: .error) { path in
                DataIssue(code: "D0008", severity: .error, path: path, row: row, column: nil, value: nil,
                          message: Messages.dataUnterminatedQuote(), hint: Messages.dataUnterminatedQuoteHint())
            }
            fatal = true
        }
        if record.overlongField >= 0 {
            let value = fields[record.overlongField].withUnsafeBufferPointer { encoding.decodeForDisplay($0) }
            issues.add(code: "D0009", severity: .error) { path in
                DataIssue(code: "D0009", severity: .error, path: path, row: row, column: nil,
                          value: DataIssue.shortened(value),
                          message: Messages.dataFieldTooLong(limit: CSVReader.fieldLengthLimit),
                          hint: Messages.dataFieldTooLongHint())
            }
            fatal = true
        }
        if fatal { return nil }
        var names: [String] = []
        names.reserveCapacity(fields.count)
        for field in fields {
            let name: String = field.withUnsafeBufferPointer { bytes in
                if let text = encoding.decode(bytes) { return text }
                let shown = encoding.decodeForDisplay(bytes)
                issues.add(code: "D0012", severity: .error) { path in
                    DataIssue(code: "D0012", severity: .error, path: path, row: row, column: nil,
                              value: DataIssue.shortened(shown),
                              message: Messages.dataInvalidHeaderEncoding(encoding: encoding),
                              hint: Messages.dataInvalidEncodingHint())
                }
                return shown
            }
            names.append(HeaderMatching.trimmed(name))
        }
        var dropsTrailing = false
        if names.count > 1, names[names.count - 1].isEmpty {
            names.removeLast()
            dropsTrailing = true
        }
        return FileHeader(names: names, fieldCount: names.count, dropsTrailingColumn: dropsTrailing, row: row)
    }
}

// MARK: - Mapping requests onto the header

/// Where one requested column is in the file.
struct ColumnPlan {
    /// The file column index.
    var column: Int
    var type: ColumnType
    var isPeriod = false
}

/// Matching of requested headers against the file's: exact, then ignoring case, then ignoring
/// case and repeated spaces.
public enum HeaderMatching {
    /// Without leading and trailing white space (NBSP included).
    public static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    /// Lower case with every run of white space made one space, and «ё» read as «е» (Russian
    /// text writes either: «Учащиеся, чьё…» in the rules, «чье» in the export).
    public static func loose(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for var scalar in trimmed(text).lowercased().unicodeScalars {
            if scalar == "ё" { scalar = "е" }
            if scalar.properties.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace { result.unicodeScalars.append(" ") }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// The file columns that match `wanted`, at the first level that matches any.
    static func matches(of wanted: String, in names: [String]) -> [Int] {
        let target = trimmed(wanted)
        let exact = names.indices.filter { names[$0] == target }
        if !exact.isEmpty { return exact }
        let lower = target.lowercased()
        let caseless = names.indices.filter { names[$0].lowercased() == lower }
        if !caseless.isEmpty { return caseless }
        let spaced = loose(target)
        return names.indices.filter { loose(names[$0]) == spaced }
    }
}

extension TableReader {
    /// The plan of each request, nil for those not found (each reported).
    static func mapColumns(_ requests: [ColumnRequest], header: FileHeader, delimiter: UInt8? = nil,
                           issues: inout IssueCollector) -> [ColumnPlan?] {
        if let delimiter, let better = betterDelimiter(requests, header: header, used: delimiter) {
            // The header is split by another delimiter: one message, not one per column.
            let row = header.row
            issues.add(code: "D0028", severity: .error) { path in
                DataIssue(code: "D0028", severity: .error, path: path, row: row, column: nil, value: nil,
                          message: Messages.dataWrongDelimiter(used: delimiter, likely: better),
                          hint: Messages.dataWrongDelimiterHint(likely: better))
            }
            return requests.map { _ in nil }
        }
        var reported = Set<String>()
        return requests.map { request in
            let found = HeaderMatching.matches(of: request.header, in: header.names)
            if found.count == 1 { return ColumnPlan(column: found[0], type: request.type, isPeriod: request.isPeriod) }
            guard reported.insert(request.header).inserted else { return nil }
            let row = header.row
            if found.isEmpty {
                let suggestion = Suggestions.closest(to: request.header, among: header.names.filter { !$0.isEmpty })
                let delimiterSuspect = header.names.count == 1
                issues.add(code: "D0005", severity: .error) { path in
                    DataIssue(code: "D0005", severity: .error, path: path, row: row, column: request.header, value: nil,
                              message: Messages.dataMissingColumn(header: request.header),
                              hint: Messages.dataMissingColumnHint(header: request.header, suggestion: suggestion, available: header.names,
                                                                   delimiterSuspect: delimiterSuspect))
                }
            } else {
                issues.add(code: "D0006", severity: .error) { path in
                    DataIssue(code: "D0006", severity: .error, path: path, row: row, column: request.header, value: nil,
                              message: Messages.dataDuplicateColumn(header: request.header, positions: found.map { $0 + 1 }),
                              hint: Messages.dataDuplicateColumnHint())
                }
            }
            return nil
        }
    }
}

extension TableReader {
    /// Another delimiter that would find more of the requested columns, and at least half of
    /// them, when the header is split by it instead of `used`; nil when `used` is as good.
    static func betterDelimiter(_ requests: [ColumnRequest], header: FileHeader, used: UInt8) -> UInt8? {
        func found(_ names: [String]) -> Int {
            requests.filter { HeaderMatching.matches(of: $0.header, in: names).count == 1 }.count
        }
        let now = found(header.names)
        guard now < requests.count else { return nil }
        let line = header.names.joined(separator: String(UnicodeScalar(used)))
        var best: (delimiter: UInt8, found: Int)?
        for candidate in [UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\t")] where candidate != used {
            let names = line.split(separator: Character(UnicodeScalar(candidate)), omittingEmptySubsequences: false)
                .map { HeaderMatching.trimmed(String($0)) }
            let count = found(names)
            if count > now, count * 2 >= requests.count, count > best?.found ?? 0 { best = (candidate, count) }
        }
        return best?.delimiter
    }
}

// MARK: - Issues

/// Collects issues up to a cap per kind (code), counting those past it without building their
/// texts; `finished` adds one «N more not shown» issue per kind that went past the cap.
struct IssueCollector {
    let path: String
    let cap: Int
    private(set) var issues: [DataIssue] = []
    private(set) var errorCount = 0
    /// Per code: how many were added (shown or not), and how many were not shown (and errors).
    private var added: [String: Int] = [:]
    private var hidden: [String: (count: Int, errors: Int)] = [:]
    /// Codes in the order they first went past the cap.
    private var hiddenOrder: [String] = []

    init(path: String, cap: Int) {
        self.path = path
        self.cap = max(0, cap)
    }

    /// Adds the issues of another collector (of a later part of the file), rows shifted.
    mutating func absorb(_ other: IssueCollector, rowOffset: Int) {
        for issue in other.issues {
            add(code: issue.code, severity: issue.severity) { _ in
                guard let row = issue.row, rowOffset != 0 else { return issue }
                return DataIssue(code: issue.code, severity: issue.severity, path: issue.path, row: row + rowOffset,
                                 column: issue.column, value: issue.value, message: issue.message, hint: issue.hint)
            }
        }
        for code in other.hiddenOrder {
            guard let more = other.hidden[code] else { continue }
            if hidden[code] == nil { hiddenOrder.append(code) }
            hidden[code, default: (0, 0)].count += more.count
            hidden[code, default: (0, 0)].errors += more.errors
            errorCount += more.errors
        }
    }

    /// Adds an issue of kind `code`; `make` is called (with the path) only while under the cap.
    mutating func add(code: String, severity: DataIssue.Severity, _ make: (String) -> DataIssue) {
        if severity == .error { errorCount += 1 }
        let count = added[code, default: 0]
        added[code] = count + 1
        if count < cap {
            issues.append(make(path))
        } else {
            if hidden[code] == nil { hiddenOrder.append(code) }
            hidden[code, default: (0, 0)].count += 1
            if severity == .error { hidden[code, default: (0, 0)].errors += 1 }
        }
    }

    /// The issues, with one more per kind that went past the cap, saying how many were left out.
    func finished() -> [DataIssue] {
        issues + hiddenOrder.compactMap { code in
            hidden[code].map { DataIssue.notShown(code: code, count: $0.count, anyError: $0.errors > 0, path: path) }
        }
    }
}

extension DataIssue {
    /// The issue that stands for `count` issues of kind `code` not shown (D0022).
    static func notShown(code: String, count: Int, anyError: Bool, path: String) -> DataIssue {
        DataIssue(code: "D0022", severity: anyError ? .error : .warning, path: path, row: nil, column: nil,
                  value: nil, message: Messages.dataMoreIssuesNotShown(count: count, code: code),
                  hint: Messages.dataMoreIssuesHint())
    }

    /// At most `cap` issues of each kind (code) per file, in their order, then one D0022 per kind
    /// and file that had more. D0022 issues themselves are always kept.
    public static func capped(_ issues: [DataIssue], per cap: Int) -> [DataIssue] {
        var shown: [String: Int] = [:]
        var kept: [DataIssue] = []
        var hidden: [(key: String, code: String, path: String, count: Int, errors: Int)] = []
        var hiddenIndex: [String: Int] = [:]
        for issue in issues {
            let key = issue.path + "\u{1F}" + issue.code
            let count = shown[key, default: 0]
            if issue.code == "D0022" || count < cap {
                kept.append(issue)
                shown[key] = count + 1
                continue
            }
            if let index = hiddenIndex[key] {
                hidden[index].count += 1
                if issue.severity == .error { hidden[index].errors += 1 }
            } else {
                hiddenIndex[key] = hidden.count
                hidden.append((key, issue.code, issue.path, 1, issue.severity == .error ? 1 : 0))
            }
        }
        return kept + hidden.map { notShown(code: $0.code, count: $0.count, anyError: $0.errors > 0, path: $0.path) }
    }
}

extension DataIssue {
    /// A cell's text as shown in an issue: at most 60 characters (the 60th an ellipsis when cut),
    /// control characters shown as U+FFFD.
    static func shortened(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 60 {
                scalars.removeLast()
                scalars.append("…")
                break
            }
            scalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? "\u{FFFD}" : scalar)
            count += 1
        }
        return String(scalars)
    }
}
