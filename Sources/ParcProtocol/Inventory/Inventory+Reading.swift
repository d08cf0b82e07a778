#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Decoding reports. The software list is nearly all of an inventory's values (1,500 packages of ten
/// fields on a desktop), and `JSONDecoder` spent half of a full report's server time on it; it is read
/// by `JSONReader`, and the rest, a few kilobytes of many types, by `JSONDecoder` with the software
/// member cut out. Whatever the reader does not handle goes whole to `JSONDecoder`.
extension Inventory {
    public static func decode(_ bytes: [UInt8]) throws -> Inventory {
        try JSONReader.decode(bytes, Inventory.init(reading:))
    }

    init(reading reader: inout JSONReader) throws {
        var rest: [UInt8] = [UInt8(ascii: "{")]
        var software: SoftwareSection?
        var seen = JSONReader.SeenKeys()
        try reader.forEachMember { reader, key in
            let start = reader.memberStart
            if key == "software" {
                try seen.first(0)
                software = reader.consumeNull() ? nil : try SoftwareSection(reading: &reader)
            } else {
                try reader.skipValue()
                if rest.count > 1 { rest.append(UInt8(ascii: ",")) }
                rest.append(contentsOf: reader.bytes[start..<reader.index])
            }
        }
        rest.append(UInt8(ascii: "}"))
        self = try CanonicalJSON.decode(Inventory.self, from: Data(rest))
        self.software = software
    }
}

extension SoftwareSection {
    /// A stored software section, as `sectionPayloads()` wrote it.
    public static func decode(_ bytes: [UInt8]) throws -> SoftwareSection {
        try JSONReader.decode(bytes, SoftwareSection.init(reading:))
    }

    init(reading reader: inout JSONReader) throws {
        var packages: [SoftwarePackage]?
        try reader.forEachMember { reader, key in
            guard key == "packages" else { return try reader.skipValue() }
            guard packages == nil else { throw JSONReader.Unhandled() }
            var list: [SoftwarePackage] = []
            try reader.forEachElement { reader in list.append(try SoftwarePackage(reading: &reader)) }
            packages = list
        }
        guard let packages else { throw JSONReader.Unhandled() }
        self.init(packages: packages)
    }
}

extension SoftwarePackage {
    /// Every stored property is read here: `InventoryReadingTests` fails on one left out.
    init(reading reader: inout JSONReader) throws {
        var name: String?
        var version: String?
        var manager: String?
        var package = SoftwarePackage(name: "", version: "", manager: "")
        var seen = JSONReader.SeenKeys()
        try reader.forEachMember { reader, key in
            switch key {
            case "name":
                try seen.first(0)
                name = try reader.string()
            case "version":
                try seen.first(1)
                version = try reader.string()
            case "manager":
                try seen.first(2)
                manager = try reader.string()
            case "architecture":
                try seen.first(3)
                package.architecture = try reader.optionalString()
            case "source":
                try seen.first(4)
                package.source = try reader.optionalString()
            case "sourceVersion":
                try seen.first(5)
                package.sourceVersion = try reader.optionalString()
            case "maintainer":
                try seen.first(6)
                package.maintainer = try reader.optionalString()
            case "installedSizeKiB":
                try seen.first(7)
                package.installedSizeKiB = try reader.optionalInt64()
            case "section":
                try seen.first(8)
                package.section = try reader.optionalString()
            case "summary":
                try seen.first(9)
                package.summary = try reader.optionalString()
            case "publisher":
                try seen.first(10)
                package.publisher = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        guard let name, let version, let manager else { throw JSONReader.Unhandled() }
        package.name = name
        package.version = version
        package.manager = manager
        self = package
    }
}
