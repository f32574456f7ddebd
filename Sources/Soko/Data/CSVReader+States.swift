// The CSV state machine: every state documented, one byte (or one run of ordinary bytes) per
// step, resumable at any block boundary.
//
// A record is a list of fields. Wanted fields are recorded as spans (start, length) inside the
// current block; only when the block runs out in the middle of a record are the record's wanted
// fields so far copied ("spilled") into the overflow buffer, so that the block can be refilled.
// A quoted field with a doubled quote is also assembled in the overflow buffer, since its bytes
// are not contiguous in the input. Everything else is read in place, without copying.
//
// Rows: each record counts as one row however many line breaks its quoted fields hold, and so
// does each blank line. A record whose fields are all empty (a blank line, or only delimiters,
// as Excel writes below a table) is skipped. At the end of the input a record under way is
// finished (a last line needs no line end); one inside quotes is marked `unterminatedQuote`.
//
// Speed: in `.fieldStart` a run of plain fields ended by delimiters is read by one tight loop
// that finds each field's end eight bytes at a time; anything unusual leaves it for the states.

extension CSVReader {
    /// Where the machine is between two bytes.
    enum State: UInt8 {
        /// Before the first byte of a record (at the start, or after a record's line end).
        /// CR or LF here is a blank line: it is counted as a row and skipped. Any other byte
        /// starts a record, and is handled by `.fieldStart`.
        case recordStart
        /// Just after a CR that ended a line: an LF here belongs to it (CRLF) and is skipped;
        /// any other byte is handled by `.recordStart`.
        case afterCarriageReturn
        /// At the start of a field, after a delimiter or at the start of a record. A quote opens
        /// a quoted field; a delimiter ends an empty field; CR or LF ends an empty last field and
        /// the record; any other byte starts an unquoted field.
        case fieldStart
        /// Inside an unquoted field. Ordinary bytes (a quote among them: `ab"c` is read as it
        /// stands) continue it; a delimiter ends the field; CR or LF ends the field and the
        /// record; NUL is kept but marks the record.
        case unquotedField
        /// Inside a quoted field: every byte, delimiters and line breaks included, is content,
        /// except a quote, which either closes the field or starts a doubled quote.
        case quotedField
        /// Just after a quote inside a quoted field. A second quote makes one literal quote and
        /// returns to `.quotedField`; a delimiter, CR or LF ends the field (the quote closed it);
        /// any other byte is kept after the closed part (`"ab"c` reads `abc`) and continues as
        /// `.unquotedField`.
        case quoteInQuotedField
    }

    /// Whether a record is under way in this state (its fields must be kept across a refill).
    @inline(__always)
    static func isInsideRecord(_ state: State) -> Bool {
        switch state {
        case .recordStart, .afterCarriageReturn: return false
        default: return true
        }
    }

    /// Eight copies of a byte, for the word-at-a-time searches.
    @inline(__always)
    static func repeated(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// The high bit of each byte of `word` that is zero. Exact for the lowest such byte; bytes
    /// above it may be flagged wrongly (a borrow), so every candidate is checked by the caller.
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// Position of the first byte in block[from..<end] that ends an unquoted run (delimiter, CR,
    /// LF, NUL: those with `stopBytes` 1), or `end`. Eight bytes at a time: a byte is a candidate
    /// when it equals the delimiter or is below 0x0E (CR, LF and NUL are); candidates are checked
    /// against the table, since tabs and other control bytes are also below 0x0E.
    @inline(__always)
    static func firstStop(_ block: UnsafeMutablePointer<UInt8>, from: Int, end: Int,
                          delimiterPattern: UInt64, stopBytes: UnsafeMutablePointer<UInt8>) -> Int {
        var cursor = from
        let raw = UnsafeRawPointer(block)
        while cursor &+ 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: cursor, as: UInt64.self))
            let low = (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080
            let delimiters = zeroBytes(word ^ delimiterPattern)
            var candidates = delimiters | low
            if candidates != 0 {
                // The lowest candidate is exact: when it is a delimiter (and not also below 0x0E,
                // as a tab is), it is the stop, found without loading a byte, which keeps the
                // chain from one field's end to the next short.
                let lowest = candidates & (0 &- candidates)
                if delimiters & lowest != 0, low & lowest == 0 {
                    return cursor &+ (lowest.trailingZeroBitCount >> 3)
                }
            }
            while candidates != 0 {
                let position = cursor &+ (candidates.trailingZeroBitCount >> 3)
                if stopBytes[Int(block[position])] != 0 { return position }
                candidates &= candidates &- 1
            }
            cursor &+= 8
        }
        while cursor < end, stopBytes[Int(block[cursor])] == 0 { cursor &+= 1 }
        return cursor
    }

    /// Position of the first quote or NUL in block[from..<end], or `end`.
    @inline(__always)
    static func firstQuoteOrNul(_ block: UnsafeMutablePointer<UInt8>, from: Int, end: Int) -> Int {
        let quote = UInt8(ascii: "\"")
        let quotePattern = repeated(quote)
        var cursor = from
        let raw = UnsafeRawPointer(block)
        while cursor &+ 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: cursor, as: UInt64.self))
            var candidates = zeroBytes(word ^ quotePattern) | zeroBytes(word)
            while candidates != 0 {
                let position = cursor &+ (candidates.trailingZeroBitCount >> 3)
                let byte = block[position]
                if byte == quote || byte == 0 { return position }
                candidates &= candidates &- 1
            }
            cursor &+= 8
        }
        while cursor < end {
            let byte = block[cursor]
            if byte == quote || byte == 0 { break }
            cursor &+= 1
        }
        return cursor
    }

    /// The fast path for a record that is one plain line: no NUL, no doubled quote, quotes only
    /// around whole fields, ended by CR or LF inside block[from..<end] (eight bytes at a time:
    /// the line's delimiters are found as a mask per word, and each is a field's end; a quoted
    /// field is skipped to its closing quote). Sets the span of every wanted field, the last
    /// field's span also in the spare slot (`spans[slotCount]`), and `fieldCount`; returns the
    /// position of the line end. Returns -1 when the line is anything else (a NUL, a doubled
    /// quote, a quote inside an unquoted field or text after a closing quote, an empty quoted
    /// field, a field longer than `limit`, more fields than `fastSlots` covers, or no line end
    /// before the last eight bytes of the block): the states then read the record from its
    /// start, as if this had not been tried. `fastSlots` gives each field its span (the spare
    /// one when the field is not wanted), without a test per field.
    @inline(__always)
    static func plainLineEnd(_ block: UnsafeMutablePointer<UInt8>, from start: Int, end: Int, delimiterPattern: UInt64,
                             limit: Int, fastSlots: UnsafeMutablePointer<Int>, fastSlotCount: Int,
                             spans: UnsafeMutablePointer<CSVFieldSpan>, slotCount: Int, fieldCount: inout Int) -> Int {
        let raw = UnsafeRawPointer(block)
        let quote = UInt8(ascii: "\"")
        let quotePattern = repeated(quote)
        let delimiter = UInt8(truncatingIfNeeded: delimiterPattern)
        var cursor = start
        var fieldStart = start
        var field = 0
        // Ends the line with its last field, `span`, whose line end is at `lineEnd`.
        @inline(__always)
        func lastField(_ span: CSVFieldSpan, lineEnd: Int) -> Int {
            guard lineEnd &- start <= limit else { return -1 }
            spans[fastSlots[field]] = span
            spans[slotCount] = span
            fieldCount = field &+ 1
            return lineEnd
        }
        while cursor &+ 8 <= end {
            // At most eight fields end in this word, and one more at the line end.
            guard field &+ 9 <= fastSlotCount else { return -1 }
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: cursor, as: UInt64.self))
            var ends = CellParser.exactZeroBytes(word ^ delimiterPattern)
            // Bytes below 0x0E (CR, LF and NUL among them) and quotes, and maybe a few bytes
            // above one of them (a borrow): each is looked at.
            var special = ((word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080) | zeroBytes(word ^ quotePattern)
            var lineEnd = -1
            var opening = -1
            while special != 0 {
                let position = cursor &+ (special.trailingZeroBitCount &>> 3)
                let byte = block[position]
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    lineEnd = position
                    break
                }
                if byte == quote {
                    opening = position
                    break
                }
                if byte == 0 { return -1 }
                special &= special &- 1
            }
            // Only the delimiters before the line end or the quote.
            let stop = lineEnd >= 0 ? lineEnd : opening
            if stop >= 0 { ends &= (1 &<< UInt64(truncatingIfNeeded: (stop &- cursor) &* 8)) &- 1 }
            while ends != 0 {
                let position = cursor &+ (ends.trailingZeroBitCount &>> 3)
                spans[fastSlots[field]] = CSVFieldSpan(start: fieldStart, length: position &- fieldStart, inOverflow: false)
                field &+= 1
                fieldStart = position &+ 1
                ends &= ends &- 1
            }
            if lineEnd >= 0 {
                return lastField(CSVFieldSpan(start: fieldStart, length: lineEnd &- fieldStart, inOverflow: false), lineEnd: lineEnd)
            }
            if opening >= 0 {
                // A quoted field (`"Школа, №1"`): its bytes run to the closing quote, which a
                // delimiter or the line end must follow.
                guard opening == fieldStart else { return -1 }
                let closing = firstQuoteOrNul(block, from: opening &+ 1, end: end)
                guard closing &+ 1 < end, block[closing] == quote, closing > opening &+ 1 else { return -1 }
                let after = block[closing &+ 1]
                let span = CSVFieldSpan(start: opening &+ 1, length: closing &- opening &- 1, inOverflow: false)
                if after == delimiter {
                    spans[fastSlots[field]] = span
                    field &+= 1
                    fieldStart = closing &+ 2
                    cursor = fieldStart
                    continue
                }
                guard after == UInt8(ascii: "\n") || after == UInt8(ascii: "\r") else { return -1 }
                return lastField(span, lineEnd: closing &+ 1)
            }
            cursor &+= 8
        }
        return -1
    }

    /// Reads records and passes each non-blank one to `consumer` until the input ends, the
    /// consumer asks to stop, or a read fails.
    func scan<Consumer: CSVRecordConsumer>(_ consumer: inout Consumer) -> CSVScanEnd {
        let quote = UInt8(ascii: "\"")
        let lineFeed = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        let delimiter = self.delimiter
        let delimiterPattern = CSVReader.repeated(delimiter)
        var block = self.block
        let stopBytes = self.stopBytes
        let limit = CSVReader.fieldLengthLimit
        // Copies of the selection: reading a class's properties in the loop would cost an
        // exclusivity check per field.
        let selection = self.selection
        let selectionCount = self.selectionCount
        let fastSlots = self.fastSlots
        let fastSlotCount = self.fastSlotCount
        let spans = self.spans
        let slotColumns = self.slotColumns
        let slotCount = self.slotCount

        var state = self.state
        var index = position
        var end = blockEnd
        var nextRow = self.nextRow
        var blockOffset = self.blockOffset

        // The field under way.
        var fieldIndex = 0
        var slot = -1
        var segmentStart = 0
        var fieldLength = 0             // bytes of the field outside the current segment
        var fieldInOverflow = false
        var fieldOverflowStart = 0
        // The record under way.
        var recordRow = 0
        var hasNul = false
        var overlongField = -1
        var hasContent = false
        var lastFieldLength = 0
        var overflowUsed = false

        // Copies the record's finished wanted fields that are still in the block to the overflow
        // buffer.
        func spillFinishedFields() {
            var slot = 0
            while slot < slotCount, slotColumns[slot] < fieldIndex {
                let span = spans[slot]
                if !span.inOverflow {
                    let start = overflowCount
                    appendOverflow(block + span.start, count: span.length, room: limit)
                    spans[slot] = CSVFieldSpan(start: start, length: overflowCount - start, inOverflow: true)
                    overflowUsed = true
                }
                slot += 1
            }
        }

        // Switches the current (wanted) field to be assembled in the overflow buffer. The
        // finished fields go there first: a field in the overflow buffer must stay contiguous,
        // so nothing may be appended after its first bytes but its own.
        func moveFieldToOverflow() {
            if !fieldInOverflow {
                spillFinishedFields()
                fieldInOverflow = true
                fieldOverflowStart = overflowCount
                overflowUsed = true
            }
        }

        // Moves block[segmentStart..<segmentEnd] out of the block: into the overflow buffer when
        // the field is wanted, else only into the field's length.
        func flushSegment(to segmentEnd: Int) {
            let count = segmentEnd - segmentStart
            if slot >= 0 {
                moveFieldToOverflow()
                appendOverflow(block + segmentStart, count: count,
                               room: limit - (overflowCount - fieldOverflowStart))
            }
            fieldLength += count
        }

        // Ends the field whose content runs to `contentEnd` (the general, slower path).
        func finishField(contentEnd: Int) {
            let segmentLength = contentEnd - segmentStart
            let total = fieldLength + segmentLength
            if slot >= 0 {
                if fieldInOverflow {
                    appendOverflow(block + segmentStart, count: segmentLength,
                                   room: limit - (overflowCount - fieldOverflowStart))
                    spans[slot] = CSVFieldSpan(start: fieldOverflowStart,
                                               length: overflowCount - fieldOverflowStart,
                                               inOverflow: true)
                } else {
                    spans[slot] = CSVFieldSpan(start: segmentStart, length: segmentLength, inOverflow: false)
                }
            }
            if total > limit, overlongField < 0 { overlongField = fieldIndex }
            if total > 0 { hasContent = true }
            lastFieldLength = total
            fieldIndex += 1
        }

        // Hands the finished record to the consumer (unless it is blank) and resets for the
        // next one. Returns false when the consumer wants to stop.
        func finishRecord(unterminatedQuote: Bool) -> Bool {
            var goOn = true
            if hasContent || unterminatedQuote {
                let record = CSVRecord(row: recordRow, fieldCount: fieldIndex,
                                       lastFieldLength: lastFieldLength, hasNul: hasNul,
                                       overlongField: overlongField,
                                       unterminatedQuote: unterminatedQuote,
                                       endOffset: blockOffset + index,
                                       spans: UnsafePointer(spans), slotColumns: UnsafePointer(slotColumns),
                                       block: UnsafePointer(block), overflow: UnsafePointer(overflow))
                goOn = consumer.consume(record)
            }
            nextRow &+= 1
            if overflowUsed {
                overflowCount = 0
                var slot = 0
                while slot < slotCount, slotColumns[slot] < fieldIndex {
                    spans[slot].inOverflow = false
                    slot += 1
                }
                overflowUsed = false
            }
            return goOn
        }

        // Copies the wanted fields of the record so far out of the block before it is refilled.
        func spill() {
            spillFinishedFields()
            switch state {
            case .unquotedField, .quotedField:
                flushSegment(to: end)
            case .quoteInQuotedField:
                // The closing-or-doubling quote is the block's last byte: not content (yet).
                flushSegment(to: max(segmentStart, end - 1))
            default:
                break
            }
            segmentStart = 0
        }

        func saveState() {
            self.state = state
            self.position = index
            self.blockEnd = end
            self.nextRow = nextRow
            self.blockOffset = blockOffset
        }

        while true {
            if index >= end {
                if CSVReader.isInsideRecord(state) { spill() }
                blockOffset += end
                let got = refill()
                block = self.block
                if got < 0 {
                    saveState()
                    return .readFailed(input.lastErrorNumber)
                }
                index = 0
                end = got
                segmentStart = 0
                if got == 0 {
                    // End of input: finish a record under way.
                    endedInsideRecord = CSVReader.isInsideRecord(state)
                    switch state {
                    case .recordStart, .afterCarriageReturn:
                        break
                    case .fieldStart:
                        // After a delimiter: one more, empty, field.
                        slot = fieldIndex < selectionCount ? selection[fieldIndex] : -1
                        fieldLength = 0
                        fieldInOverflow = false
                        finishField(contentEnd: 0)
                        _ = finishRecord(unterminatedQuote: false)
                    case .unquotedField, .quoteInQuotedField:
                        finishField(contentEnd: 0)
                        _ = finishRecord(unterminatedQuote: false)
                    case .quotedField:
                        finishField(contentEnd: 0)
                        _ = finishRecord(unterminatedQuote: true)
                    }
                    state = .recordStart
                    saveState()
                    return .finished
                }
            }

            switch state {
            case .afterCarriageReturn:
                if block[index] == lineFeed { index += 1 }
                state = .recordStart

            case .recordStart:
                let byte = block[index]
                if byte == lineFeed || byte == carriageReturn {
                    nextRow &+= 1
                    index += 1
                    state = byte == carriageReturn ? .afterCarriageReturn : .recordStart
                    continue
                }
                recordRow = nextRow
                fieldIndex = 0
                hasNul = false
                overlongField = -1
                hasContent = false
                state = .fieldStart
                // The fast path for a whole line: see `plainLineEnd`.
                let lineEnd = CSVReader.plainLineEnd(block, from: index, end: end, delimiterPattern: delimiterPattern,
                                                     limit: limit, fastSlots: fastSlots, fastSlotCount: fastSlotCount,
                                                     spans: spans, slotCount: slotCount, fieldCount: &fieldIndex)
                guard lineEnd >= 0 else {
                    fieldIndex = 0
                    continue
                }
                lastFieldLength = spans[slotCount].length
                hasContent = lineEnd &- index > fieldIndex &- 1
                index = lineEnd &+ 1
                if block[lineEnd] == carriageReturn {
                    state = .afterCarriageReturn
                } else {
                    state = .recordStart
                }
                if !finishRecord(unterminatedQuote: false) { saveState(); return .stopped }

            case .fieldStart:
                // The fast path: a run of unquoted fields each ended by a delimiter, without
                // leaving this loop; anything else goes on through the states below.
                while true {
                    slot = fieldIndex < selectionCount ? selection[fieldIndex] : -1
                    fieldLength = 0
                    fieldInOverflow = false
                    segmentStart = index
                    let first = block[index]
                    if first == quote {
                        index += 1
                        segmentStart = index
                        state = .quotedField
                        break
                    }
                    if first == lineFeed || first == carriageReturn {
                        // An empty last field; the unquoted state ends it and the record.
                        state = .unquotedField
                        break
                    }
                    let stop = CSVReader.firstStop(block, from: index, end: end,
                                                   delimiterPattern: delimiterPattern, stopBytes: stopBytes)
                    index = stop
                    if stop == end || block[stop] != delimiter {
                        state = .unquotedField
                        break
                    }
                    let length = stop &- segmentStart
                    // Without a branch: an unwanted field goes to the spare span past the last
                    // slot (whether a field is wanted follows a pattern too long to predict).
                    spans[slot >= 0 ? slot : slotCount] =
                        CSVFieldSpan(start: segmentStart, length: length, inOverflow: false)
                    if length > 0 {
                        hasContent = true
                        if length > limit, overlongField < 0 { overlongField = fieldIndex }
                    }
                    lastFieldLength = length
                    fieldIndex &+= 1
                    index = stop &+ 1
                    if index == end { break }
                }

            case .unquotedField:
                let stop = CSVReader.firstStop(block, from: index, end: end,
                                               delimiterPattern: delimiterPattern, stopBytes: stopBytes)
                index = stop
                if stop == end { continue }
                let byte = block[stop]
                if byte == delimiter {
                    finishField(contentEnd: stop)
                    index = stop + 1
                    state = .fieldStart
                } else if byte == lineFeed || byte == carriageReturn {
                    finishField(contentEnd: stop)
                    index = stop + 1
                    state = byte == carriageReturn ? .afterCarriageReturn : .recordStart
                    if !finishRecord(unterminatedQuote: false) { saveState(); return .stopped }
                } else {
                    // NUL (or a tab or other byte below 0x0E that is not the delimiter: never
                    // returned by firstStop, which checks the table).
                    hasNul = true
                    index = stop + 1
                }

            case .quotedField:
                let stop = CSVReader.firstQuoteOrNul(block, from: index, end: end)
                index = stop
                if stop == end { continue }
                index = stop + 1
                if block[stop] == 0 {
                    hasNul = true
                } else {
                    state = .quoteInQuotedField
                }

            case .quoteInQuotedField:
                let byte = block[index]
                // The quote just seen is at index - 1, or was the previous block's last byte.
                let contentEnd = max(segmentStart, index - 1)
                if byte == quote {
                    flushSegment(to: contentEnd)
                    if slot >= 0 {
                        // The first quote of the pair is kept as one literal quote.
                        appendOverflowByte(quote, room: limit - (overflowCount - fieldOverflowStart))
                    }
                    fieldLength += 1
                    index += 1
                    segmentStart = index
                    state = .quotedField
                } else if byte == delimiter {
                    finishField(contentEnd: contentEnd)
                    index += 1
                    state = .fieldStart
                } else if byte == lineFeed || byte == carriageReturn {
                    finishField(contentEnd: contentEnd)
                    index += 1
                    state = byte == carriageReturn ? .afterCarriageReturn : .recordStart
                    if !finishRecord(unterminatedQuote: false) { saveState(); return .stopped }
                } else {
                    flushSegment(to: contentEnd)
                    segmentStart = index
                    state = .unquotedField
                }
            }
        }
    }
}
