import Foundation
import Hummingbird
import ParcServer
import ParcTestSupport
import Testing

/// The operations `server/openapi.yaml` documents, read with a small line parser (paths at
/// two spaces of indentation, methods at four), which is all this document's layout needs.
enum OpenAPIDocument {
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("server/openapi.yaml").path
    }

    static func operations() throws -> Set<String> {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var operations: Set<String> = []
        var inPaths = false
        var currentPath: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("paths:") {
                inPaths = true
                continue
            }
            if inPaths, let first = line.first, !first.isWhitespace { inPaths = false }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if let currentPath, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "patch", "put", "delete"].contains(String(method)) {
                    operations.insert("\(method.uppercased()) \(currentPath)")
                }
            }
        }
        return operations
    }

    /// `/clients/:code` and `/clients/{code}` both become `/clients/{code}`; a leading slash is ensured.
    static func normalise(_ path: String) -> String {
        let parts = path.split(separator: "/").map { part in part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part) }
        return "/" + parts.joined(separator: "/")
    }
}

@Suite struct OpenAPIDocumentTests {
    @Test func documentsExactlyTheRoutesTheServerHas() async throws {
        let documented = try OpenAPIDocument.operations()
        #expect(documented.count > 10)
        try await TestServer.with(.sqlite) { server in
            // The portal's HTML pages are for browsers (docs/portal.md); its JSON API is documented here.
            // `/glpi/` and `/ocsinventory` speak the inventory agents' own protocols, described in docs/intake.md.
            let implemented = Set(
                server.router.routes.map { "\($0.method) \(OpenAPIDocument.normalise("\($0.path)"))" }.filter { operation in
                    let path = operation.split(separator: " ").last.map(String.init) ?? ""
                    if path == "/glpi" || path.hasPrefix("/glpi/") || path == "/ocsinventory" { return false }
                    return !(path == "/" || path == "/portal" || path.hasPrefix("/portal/")) || path.hasPrefix("/portal/api/")
                })
            #expect(implemented.subtracting(documented).isEmpty, "routes missing from server/openapi.yaml: \(implemented.subtracting(documented).sorted())")
            #expect(documented.subtracting(implemented).isEmpty, "documented but not implemented: \(documented.subtracting(implemented).sorted())")
        }
    }
}
