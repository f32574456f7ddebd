// The fast path for plain lines (`CSVReader.plainLineEnd`) against the states alone: with
// blocks of fewer than eight bytes the fast path never runs, with large blocks it reads every
// plain line; the records must be the same.
import Testing
@testable import Soko

@Suite struct CSVReaderPlainLineTests {
    typealias T = DataTest

    static let inputs: [String] = [
        "a,b,c\n1,2,3\n",
        "a,b,c\r\n1,2,3\r\n\r\n4,5,6\r\n",
        "a,b\r1,2\r3,4",
        "a,b,c\n,,\n,,x\nx,,\n\n,\n",
        "id,name\n1,\"Школа, №1\"\n2,Школа \"№2\"\n3,\"a\"\"b\"\n4,\"line\nbreak\"\n",
        "a,b\n1,x\u{0}y\n2,\tz\u{0B}\n",
        "a,b,c,d,e,f,g,h,i,j\n1,22,333,4444,55555,666666,7777777,88888888,999999999,x\n",
        "name,city\nМБОУ СОШ № 1,Светловский ГО\nЁлка,Город\n",
        "a;b;c\n1,5;2,5;3\n",
        "x\n" + String(repeating: "y", count: 100) + "\n" + String(repeating: "z,", count: 40) + "\n",
        "a,b,c\n1,2,3",
        "a,b,c\n1,2,",
        "a,b\n\"1\",2\n1,\"2\"\n",
        // Quoted fields, which the fast path skips to their closing quote, and every way a
        // quote can make it give the line back to the states.
        "id,name,city\n1,\"МБОУ СОШ п. Коврово, филиал №3\",Славский МО\n2,\"a,b,c,d,e,f,g,h,i,j\",x\n",
        "a,b,c\n\"x\",\"y\",\"z\"\r\n\"x\",\"\",z\n\"\",\"\"\n\"\",\"\",\"\"\n",
        "a,b\n\"ab\"c,d\nx\"y,z\n\"p\"\"q\",r\n\"s\" ,t\n",
        "a,b\n\"one\ntwo\",3\n\"cr\rlf\",4\r\n5,\"six\"",
        "a,b\n\"x\u{0}y\",1\n\"open,2\n3,4\n",
        "a,b,c,d,e,f,g,h,i,j,k,l\n\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\",\"12\"\n",
        "a\n\"" + String(repeating: "q", count: 40) + "\"\n\"" + String(repeating: "r,", count: 30) + "\"\n",
    ]

    @Test(arguments: inputs.indices)
    func plainLinesReadAsTheStatesReadThem(_ index: Int) {
        let text = Self.inputs[index]
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")] {
            let bytes = Array((delimiter == UInt8(ascii: "\t") ? String(text.map { $0 == "," ? "\t" : $0 }) : text).utf8)
            let states = T.records(bytes, delimiter: delimiter, blockSize: 7)
            for blockSize in [8, 9, 13, 64, 1 << 16] {
                #expect(T.records(bytes, delimiter: delimiter, blockSize: blockSize) == states,
                        "input \(index), delimiter \(delimiter), block \(blockSize)")
            }
        }
    }

    @Test func aLineLongerThanTheFieldLimitIsLeftToTheStates() {
        let long = String(repeating: "x", count: CSVReader.fieldLengthLimit + 5)
        let bytes = Array("a,b\n1,\(long)\n2,3\n".utf8)
        let records = T.records(bytes, blockSize: 4 << 20)
        #expect(records.count == 3)
        #expect(records[1].overlongField == 1)
        #expect(records[1].fields[1].utf8.count == long.utf8.count)
        #expect(records[2].fields == ["2", "3"])
    }
}
