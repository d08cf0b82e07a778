import CompressNIO
import NIOCore
import ParcAgent
import ParcProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// The parsers that read untrusted bytes, each as one function of the bytes: what libFuzzer calls
/// (`make fuzz`) and what the corpus replay runs (`parc-fuzz replay`, in `make test`). A target
/// may throw a parsing error; it must never trap, hang or read out of bounds.
enum FuzzTarget: String, CaseIterable {
    /// The raw SMBIOS table as the agent reads it from sysfs, with its entry point first (the
    /// first byte says how many bytes of the input the entry point takes).
    case smbios
    /// A monitor's EDID from `/sys/class/drm/*/edid`.
    case edid
    /// dpkg's status database.
    case dpkg
    /// An agent's check-in body, as the server reads it.
    case checkin
    /// An agent's report body, as the server reads it.
    case report
    /// A gzip body, inflated as the server does (with its limit).
    case gzip

    func run(_ bytes: [UInt8]) {
        switch self {
        case .smbios:
            let split = min(Int(bytes.first ?? 0), max(0, bytes.count - 1))
            let entryPoint = split == 0 ? nil : Array(bytes.dropFirst().prefix(split))
            let table = SMBIOSTable(entryPoint: entryPoint, table: Array(bytes.dropFirst(1 + split)))
            _ = SMBIOSDecoder.system(table)
            _ = SMBIOSDecoder.processors(table)
            _ = SMBIOSDecoder.memoryModules(table)
        case .edid:
            _ = try? EDIDParser.parse(bytes)
        case .dpkg:
            _ = DpkgStatusParser.parse(bytes)
        case .checkin:
            guard (try? ReportShape.check(bytes)) != nil else { return }
            _ = try? CheckIn.decode(bytes)
        case .report:
            guard (try? ReportShape.check(bytes, allowedTopLevelKeys: ReportShape.reportKeys)) != nil,
                let inventory = try? Inventory.decode(bytes)
            else { return }
            _ = try? InventoryRules.check(inventory)
            _ = try? inventory.sectionPayloads()
        case .gzip:
            var buffer = ByteBuffer(bytes: bytes)
            _ = try? buffer.decompress(with: .gzip, maxSize: 1 << 20)
        }
    }
}

#if PARC_FUZZ
    // libFuzzer's entry point; `PARC_FUZZ_TARGET` names the target (`make fuzz` sets it).
    nonisolated(unsafe) let fuzzTarget: FuzzTarget = {
        let name = getenv("PARC_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("set PARC_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return target
    }()

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        fuzzTarget.run(bytes)
        return 0
    }

    // SwiftPM links an executable's `main` to `ParcFuzz_main`; here that hands over to libFuzzer's driver.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    @_cdecl("ParcFuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
    }
#else
    /// `parc-fuzz replay DIR...`: every file of each target's corpus through its target, so that the
    /// inputs fuzzing found keep being tried by `make test` (directories are named after targets).
    @main
    struct ReplayCorpus {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard arguments.first == "replay", arguments.count > 1 else {
                print(
                    "usage: parc-fuzz replay CORPUS_DIR... (each directory named after a target: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
                exit(64)
            }
            var total = 0
            for directory in arguments.dropFirst() {
                let name = directory.split(separator: "/").last.map(String.init) ?? ""
                guard let target = FuzzTarget(rawValue: name) else {
                    print("error: \(directory) is not named after a target")
                    exit(64)
                }
                let files = (try? listFiles(directory)) ?? []
                for file in files {
                    guard let bytes = readFile(directory + "/" + file) else { continue }
                    target.run(bytes)
                }
                print("\(target.rawValue): \(files.count) inputs replayed")
                total += files.count
            }
            print("\(total) inputs replayed, none crashed")
        }

        static func listFiles(_ directory: String) throws -> [String] {
            guard let handle = opendir(directory) else { return [] }
            defer { closedir(handle) }
            var names: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
                if !name.hasPrefix(".") { names.append(name) }
            }
            return names.sorted()
        }

        static func readFile(_ path: String) -> [UInt8]? {
            guard let file = fopen(path, "rb") else { return nil }
            defer { fclose(file) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = fread(&chunk, 1, chunk.count, file)
                if count <= 0 { break }
                bytes += chunk[0..<count]
            }
            return bytes
        }
    }
#endif
