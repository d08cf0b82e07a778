import ParcProtocol

/// CPU from `/proc/cpuinfo` and `/sys/devices/system/cpu`, with SMBIOS type 4 per-socket details.
public struct CPUCollector: Sendable {
    public init() {}

    public func collect(_ root: SystemRoot, smbios: SMBIOSTable?, warnings: CollectionWarnings) -> CPUSection? {
        guard let text = root.text("proc/cpuinfo") else {
            warnings.add("cpu: proc/cpuinfo is not readable")
            return nil
        }
        let blocks = KeyValueParsers.cpuinfo(text).filter { $0["processor"] != nil }
        var cpu = CPUSection()
        let first = blocks.first ?? [:]
        cpu.model = first["model name"] ?? first["Model"] ?? first["cpu model"]
        cpu.vendor = first["vendor_id"] ?? first["CPU implementer"].map { "implementer \($0)" }
        cpu.threads = blocks.isEmpty ? nil : blocks.count
        let packages = Set(blocks.map { $0["physical id"] ?? "0" })
        cpu.sockets = blocks.isEmpty ? nil : packages.count
        let cores = Set(blocks.compactMap { block in block["core id"].map { "\(block["physical id"] ?? "0")/\($0)" } })
        cpu.cores = cores.isEmpty ? cpu.threads : cores.count
        let flags = Set((first["flags"] ?? first["Features"] ?? "").split(separator: " ").map(String.init))
        cpu.virtualizationFlags = ["vmx", "svm"].filter(flags.contains)
        cpu.hypervisorFlag = flags.contains("hypervisor")

        if let khz = root.integer("sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq"), khz > 0 {
            cpu.maxFrequencyMHz = Int(khz / 1000)
        }
        if let smbios {
            let sockets = SMBIOSDecoder.processors(smbios)
            if !sockets.isEmpty {
                cpu.packages = sockets
                if cpu.maxFrequencyMHz == nil { cpu.maxFrequencyMHz = sockets.compactMap(\.maxSpeedMHz).max() }
            }
        }
        return cpu
    }
}

/// Memory totals from `/proc/meminfo`, modules from SMBIOS type 17.
public struct MemoryCollector: Sendable {
    public init() {}

    public func collect(_ root: SystemRoot, smbios: SMBIOSTable?, warnings: CollectionWarnings) -> MemorySection? {
        var memory = MemorySection()
        if let text = root.text("proc/meminfo") {
            let values = KeyValueParsers.meminfo(text)
            memory.totalBytes = values["MemTotal"]
            memory.swapTotalBytes = values["SwapTotal"]
        } else {
            warnings.add("memory: proc/meminfo is not readable")
        }
        if let smbios {
            memory.modules = SMBIOSDecoder.memoryModules(smbios)
        }
        return memory == MemorySection() ? nil : memory
    }
}
