import ParcProtocol

/// Decodes the base block of an EDID (VESA E-EDID 1.3/1.4) as `/sys/class/drm/*/edid` holds it.
/// Extension blocks are counted, not decoded: identity lives in the base block.
public enum EDIDParser {
    static let header: [UInt8] = [0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]

    public enum Failure: Error, Equatable {
        case tooShort(Int)
        case badHeader
    }

    public static func parse(_ bytes: [UInt8]) throws(Failure) -> Monitor {
        guard bytes.count >= 128 else { throw .tooShort(bytes.count) }
        guard Array(bytes[0..<8]) == header else { throw .badHeader }
        let packed = UInt16(bytes[8]) << 8 | UInt16(bytes[9])
        let letters = [(packed >> 10) & 0x1F, (packed >> 5) & 0x1F, packed & 0x1F].map { value -> Character in
            (1...26).contains(value) ? Character(UnicodeScalar(UInt8(64 + value))) : "?"
        }
        var monitor = Monitor(
            manufacturerID: String(letters), productCode: Int(UInt16(bytes[10]) | UInt16(bytes[11]) << 8),
            edidVersion: "\(bytes[18]).\(bytes[19])")
        monitor.manufacturerName = pnpNames[monitor.manufacturerID]
        let serial = UInt32(bytes[12]) | UInt32(bytes[13]) << 8 | UInt32(bytes[14]) << 16 | UInt32(bytes[15]) << 24
        monitor.serialNumber = serial == 0 ? nil : serial
        // Week 0xFF means byte 17 is the model year rather than the manufacture year (EDID 1.4).
        let year = Int(bytes[17]) + 1990
        if bytes[16] == 0xFF {
            monitor.modelYear = year
        } else if bytes[17] != 0 {
            monitor.manufactureYear = year
            if (1...54).contains(bytes[16]) { monitor.manufactureWeek = Int(bytes[16]) }
        }
        if bytes[21] != 0 && bytes[22] != 0 {
            monitor.widthCm = Int(bytes[21])
            monitor.heightCm = Int(bytes[22])
            let width = Double(bytes[21])
            let height = Double(bytes[22])
            let diagonal = (width * width + height * height).squareRoot() / 2.54
            monitor.diagonalInches = (diagonal * 10).rounded() / 10
        }
        for offset in [54, 72, 90, 108] where bytes[offset] == 0 && bytes[offset + 1] == 0 {
            let text = descriptorText(bytes[(offset + 5)..<(offset + 18)])
            switch bytes[offset + 3] {
            case 0xFC: monitor.name = text
            case 0xFF: monitor.serial = text
            default: break
            }
        }
        monitor.extensionBlocks = Int(bytes[126])
        return monitor
    }

    /// Descriptor text: up to 13 bytes, ended by a line feed, padded with spaces.
    static func descriptorText(_ bytes: ArraySlice<UInt8>) -> String? {
        let content = bytes.prefix { $0 != 0x0A && $0 != 0x00 }
        let text = String(decoding: content.filter { $0 >= 0x20 && $0 < 0x7F }, as: UTF8.self).trimmingSpaces()
        return text.isEmpty ? nil : text
    }

    /// The PNP ids of manufacturers commonly met on office and laptop displays.
    static let pnpNames: [String: String] = [
        "AAC": "AcerView", "ACR": "Acer", "AOC": "AOC", "APP": "Apple", "AUO": "AU Optronics", "BNQ": "BenQ", "BOE": "BOE",
        "CMN": "Chimei Innolux", "CMO": "Chi Mei Optoelectronics", "DEL": "Dell", "ENC": "Eizo", "EIZ": "Eizo", "FUS": "Fujitsu",
        "GSM": "LG Electronics", "HPN": "HP", "HWP": "HP", "IVM": "Iiyama", "LEN": "Lenovo", "LGD": "LG Display",
        "LPL": "LG Philips", "MEI": "Panasonic", "NEC": "NEC", "PHL": "Philips", "SAM": "Samsung", "SDC": "Samsung Display",
        "SEC": "Samsung", "SHP": "Sharp", "SNY": "Sony", "TOS": "Toshiba", "VSC": "ViewSonic", "IVO": "InfoVision",
        "MSI": "MSI", "ASU": "Asus", "AUS": "Asus", "HSD": "HannStar", "HKC": "HKC", "SPT": "Sceptre", "GBT": "Gigabyte",
    ]
}
