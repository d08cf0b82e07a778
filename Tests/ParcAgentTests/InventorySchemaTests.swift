import Foundation
import ParcAgent
import ParcProtocol
import ParcTestSupport
import Testing

/// `protocol/schemas/inventory.schema.json` against the examples and against real output, checked by
/// Python's jsonschema (an independent validator; Debian's python3-jsonschema).
@Suite struct InventorySchemaTests {
    static let protocolDirectory = URL(fileURLWithPath: FixtureFiles.directory).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("protocol").path

    static func validate(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let result = try await runProgram("/usr/bin/env", ["python3", protocolDirectory + "/validate.py"] + arguments, timeout: 120)
        return (result.status, result.output)
    }

    @Test func examplesPassAndInvalidExamplesFail() async throws {
        let result = try await Self.validate([])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("examples checked"))
    }

    @Test func realInventoriesValidate() async throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        var roots = ["/", FixtureFiles.nodeExporterRoot]
        for machine in FixtureFiles.smbiosMachines {
            let root = directory + "/roots/" + machine
            try FileManager.default.createDirectory(atPath: root + "/sys/firmware/dmi/tables", withIntermediateDirectories: true)
            for file in ["DMI", "smbios_entry_point"] {
                try FileManager.default.copyItem(atPath: FixtureFiles.path("smbios/\(machine)/\(file)"), toPath: root + "/sys/firmware/dmi/tables/" + file)
            }
            roots.append(root)
        }
        var files: [String] = []
        for (index, root) in roots.enumerated() {
            let inventory = InventoryCollector(root: SystemRoot(root)).collect()
            let file = directory + "/inventory-\(index).json"
            try CanonicalJSON.encode(inventory).write(to: URL(fileURLWithPath: file))
            files.append(file)
        }
        let result = try await Self.validate(["inventory"] + files)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func examplesRoundTripThroughTheSwiftTypes() throws {
        let examples = Self.protocolDirectory + "/examples/inventory"
        let names = try FileManager.default.contentsOfDirectory(atPath: examples).filter { $0.hasSuffix(".json") }
        #expect(names.count >= 2)
        for name in names {
            let data = try Data(contentsOf: URL(fileURLWithPath: examples + "/" + name))
            let inventory = try CanonicalJSON.decode(Inventory.self, from: data)
            let reencoded = try CanonicalJSON.encode(inventory)
            let original = try JSONSerialization.jsonObject(with: data) as? NSDictionary
            let again = try JSONSerialization.jsonObject(with: reencoded) as? NSDictionary
            #expect(original == again, "\(name) loses or changes fields in a round trip")
        }
    }
}
