/// Values firmware and vendors put in identity fields when they have nothing real to say.
///
/// They must never identify an asset: thousands of unrelated boards say "To Be Filled By O.E.M."
/// or carry AMI's sample UUID. The agent reports them as absent and reconciliation skips them.
public enum HardwareIdentity {
    static let placeholderTexts: Set<String> = [
        "to be filled by o.e.m.", "to be filled by oem", "default string", "default", "not specified",
        "not applicable", "not available", "not present", "none", "n/a", "na", "null", "unknown", "oem", "o.e.m.",
        "system product name", "system manufacturer", "system version", "system serial number", "system name",
        "chassis manufacture", "chassis manufacturer", "chassis version", "chassis serial number", "base board serial number",
        "type2 - board serial number", "type2 - board version", "type2 - board product name", "type2 - board vendor name",
        "type1productconfigid", "type1 - sku number", "sku", "asset-1234567890", "asset tag", "no asset information",
        "no asset tag", "invalid", "empty", "123456789", "0123456789", "1234567890", "serial", "to be filled",
        "sys-1234567890", "chassis asset tag", "not settable", "unspecified",
    ]

    /// UUIDs shared by many machines: all zeros, all F, and AMI's sample UUID.
    static let placeholderUUIDs: Set<String> = [
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "03000200-0400-0500-0006-000700080009",
    ]

    /// True for empty text, known placeholders, and runs of one repeated character (`00000000`, `FFFF`, `xxxx`).
    public static func isPlaceholder(_ value: String) -> Bool {
        let trimmed = value.trimmingWhitespace()
        if trimmed.isEmpty { return true }
        let lower = trimmed.lowercased()
        if placeholderTexts.contains(lower) { return true }
        if let first = lower.first, lower.count >= 3, lower.allSatisfy({ $0 == first }),
            first == "0" || first == "f" || first == "x" || first == "." || first == "-" || first == " "
        {
            return true
        }
        return false
    }

    /// A UUID that can identify a machine (not a shared placeholder).
    public static func isPlaceholderUUID(_ uuid: String) -> Bool {
        placeholderUUIDs.contains(uuid.lowercased())
    }

    /// `value` trimmed, or nil when it is a placeholder.
    public static func meaningful(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingWhitespace()
        return isPlaceholder(trimmed) ? nil : trimmed
    }
}
