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

    /// What French Excel writes: a byte-order mark, semicolons, decimal commas.
    @Test func readsSemicolonsAndAByteOrderMark() throws {
        let rows = try CSV.parse("\u{FEFF}kind;name;purchase_price\r\ncomputer;\"Portable; Jane\";1249,90\r\nprinter;HP, 2nd floor;\r\n")
        #expect(rows.map(\.fields) == [["kind", "name", "purchase_price"], ["computer", "Portable; Jane", "1249,90"], ["printer", "HP, 2nd floor", ""]])
        let read = AssetCSV.read("\u{FEFF}kind;name;purchase_price\r\ncomputer;Portable Jane;1249,90\r\n", client: "ACME")
        #expect(read.problems.isEmpty && read.rows.first?.item.created?.purchasePriceCents == 124_990, "\(read.problems)")
    }

    /// Cells a spreadsheet would run as formulas are written with a leading ' and read back without it.
    @Test func formulasAreNeutralisedAndReadBack() throws {
        let fields = ["=HYPERLINK(\"http://x\")", "+1", "-12.50", "@SUM(A1)", "-", "plain"]
        let line = CSV.line(fields)
        #expect(line == "\"'=HYPERLINK(\"\"http://x\"\")\",+1,-12.50,'@SUM(A1),'-,plain\r\n", "\(line)")
        #expect(try CSV.parse(line).first?.fields == fields)
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
        #expect(second.rows.map { $0.item.created?.name } == ["Z"])
        #expect(second.rows.first?.item.created?.purchasePriceCents == 1250)
    }

    /// A row with an id edits that asset: columns the file has are applied (empty clears), others left alone.
    @Test func rowsWithAnIdAreEdits() throws {
        let read = AssetCSV.read("id,kind,name,supplier,site_id\n12,computer,PC-01,,\n", client: "ACME")
        guard case .edit(let edit) = try #require(read.rows.first?.item) else {
            Issue.record("not an edit")
            return
        }
        #expect(edit.id == 12 && edit.update.name == "PC-01" && edit.update.supplier == "" && edit.update.siteID == 0)
        #expect(edit.update.warrantyEnd == nil && edit.update.purchasePriceCents == nil && edit.readOnly == ["kind": "computer"])
        let bad = AssetCSV.read("id,kind,name\nx,computer,PC\n", client: "ACME")
        #expect(bad.problems.map(\.field) == ["id"])
        let other = AssetCSV.read("client,kind,name\nRIVAL,computer,PC\n", client: "ACME")
        #expect(other.problems.map(\.message) == ["the row is for RIVAL, the import for ACME"])
    }
}

extension AssetCSV.Row {
    var created: NewAsset? {
        if case .new(let asset) = self { return asset }
        return nil
    }
}
