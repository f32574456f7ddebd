// One way in for a data file, whatever its kind: an .xlsx workbook goes through the workbook
// reader, anything else through the CSV reader. Both give the same typed table.

/// Reads a dataset's data file, CSV or workbook.
public enum DataFileReader {
    /// The dataset's columns from the file at `path`.
    public static func read(path: String, dataset: Dataset, csv: CSVOptions,
                            workbook: WorkbookOptions) -> Result<LoadedTable, DataReadFailure> {
        guard WorkbookReader.isWorkbook(path: path) else {
            return TableReader.read(path: path, columns: dataset.requests, options: csv)
        }
        let key = dataset.columns.indices.contains(dataset.keyColumn) ? dataset.columns[dataset.keyColumn].header : nil
        return WorkbookReader.read(path: path, columns: dataset.requests, key: key, options: csv, workbook: workbook)
    }

    /// The header names of the file at `path`; a workbook's header is found for the dataset's columns.
    public static func readHeader(path: String, dataset: Dataset, csv: CSVOptions,
                                  workbook: WorkbookOptions) -> Result<[String], DataReadFailure> {
        guard WorkbookReader.isWorkbook(path: path) else { return TableReader.readHeader(path: path, options: csv) }
        return WorkbookReader.readHeader(path: path, wanted: dataset.columns.map(\.header), workbook: workbook)
    }
}
