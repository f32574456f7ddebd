// The generator's driver: draws the schools in order and streams their rows through the table writer.

import Foundation

/// Writes one table from checked options.
enum Generator {
    /// Writes the table (and the planted list, if asked) and returns the number of data rows.
    ///
    /// The random draws happen in one fixed order: a school's profile, then for each of its
    /// years the record followed by one missing-cell draw per column that may be empty. The
    /// draw is taken even when `--missing` is 0, so tables that differ only in `--missing`,
    /// `--delimiter`, `--decimal-comma` or `--encoding` hold the same values.
    static func run(_ options: GeneratorOptions) throws(GeneratorError) -> Int {
        if options.participants { return try ParticipantTable.run(options) }
        let years = options.years
        let firstYear = GeneratorOptions.lastYear - years + 1
        let totalRows = options.rows ?? options.schools * years
        let schoolCount = (totalRows + years - 1) / years

        var writer = TableWriter(
            output: try OutputFile(path: options.outputPath),
            delimiter: options.delimiter,
            decimalSeparator: options.decimalComma ? UInt8(ascii: ",") : UInt8(ascii: "."),
            encoding: options.encoding)
        var random = SeededRandom(seed: options.seed)
        var planted = "school_id,planted\n"
        let columns = Column.all
        try writer.writeHeader(columns)

        var rowsLeft = totalRows
        for index in 0..<schoolCount {
            let school = SchoolModel.school(index: index, random: &random, years: years)
            if school.planted != .none {
                planted += "\(school.id),\(school.planted.rawValue)\n"
            }
            try writer.startSchool(school)
            for yearIndex in 0..<min(years, rowsLeft) {
                let record = SchoolModel.record(
                    for: school, yearIndex: yearIndex, year: firstYear + yearIndex, random: &random)
                for column in columns {
                    if column.canBeMissing && random.chance(options.missing) {
                        writer.appendEmpty()
                    } else {
                        writer.append(column.value(school, record))
                    }
                }
                try writer.endRow()
            }
            rowsLeft -= min(years, rowsLeft)
        }
        try writer.finish()

        if let path = options.plantedPath {
            let file = try OutputFile(path: path)
            try file.write(Array(planted.utf8))
            try file.close()
        }
        return totalRows
    }

    /// Runs the command line and returns the process's exit code; messages go to standard error.
    static func main(arguments: [String]) -> Int32 {
        do {
            switch try CommandLineParser.parse(arguments) {
            case .help:
                FileHandle.standardOutput.write(Data(CommandLineParser.helpText.utf8))
                return 0
            case .generate(let options):
                _ = try run(options)
                return 0
            }
        } catch {
            var text = "sokogen: error: \(error.message)\n"
            if case .usage = error { text += "Usage: sokogen [--rows N | --schools N] [--years N] [--seed N] [options]; see sokogen --help\n" }
            FileHandle.standardError.write(Data(text.utf8))
            return error.exitCode
        }
    }
}
