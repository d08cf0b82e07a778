import ParcDomain
import ParcProtocol
import Testing

@Suite struct CSVTests {
    @Test func readsWhatSpreadsheetsWrite() throws {
        let text = "\u{FEFF}kind,name,notes\r\ncomputer,\"Laptop, spare\",\"said \"\"hi\"\"\r\non two lines\"\r\nprinter,P,\r\n\r\n"
        let rows = try CSV.parse(text)
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(rows[0].fields == ["kind", "name", "notes"])
        #expect(rows[1].fields == ["computer", "Laptop, spare", "said \"hi\"\r\non two lines"])
        #expect(rows[2].fields == ["printer", "P", ""])
        #expect(throws: ValidationError.self) { try CSV.parse("a,\"never closed\n") }
    }

    @Test func writesWhatItReads() throws {
        let fields = ["plain", "with, comma", "with \"quote\"", "two\nlines", ""]
        #expect(CSV.line(fields) == "plain,\"with, comma\",\"with \"\"quote\"\"\",\"two\nlines\",\r\n")
        #expect(try CSV.parse(CSV.line(fields)).first?.fields == fields)
    }

    @Test func importNamesEveryProblemByLine() {
        let (rows, problems) = AssetCSV.read("kind,name,colour\nprinter,P,red\n", client: "ACME")
        #expect(rows.isEmpty)
        #expect(problems.map(\.field) == ["colour"])
        let second = AssetCSV.read(
            "kind,name,purchase_price,status\nprinter,,12.5,in-use\nlaptop,X,,\nphone,Y,1.234,\nphone,Z,\"12,50\",lost\n", client: "ACME")
        #expect(second.problems.map { "\($0.line):\($0.field)" } == ["2:name", "3:kind", "4:purchase_price"])
        #expect(second.rows.map(\.item.name) == ["Z"])
        #expect(second.rows.first?.item.purchasePriceCents == 1250)
    }
}
