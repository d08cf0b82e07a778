import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParcDomain
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

/// The FusionInventory / OCS XML protocol at `/glpi/` (no GLPI-Agent-ID) and `/ocsinventory`, byte by
/// byte as those agents speak it (FusionInventory's `HTTP/Client/OCS.pm`, OCS's `Agent/Network.pm`):
/// PROLOG answered `PROLOG_FREQ` and `SEND`, the inventory answered `SEND`, each in the request's
/// compression.
@Suite struct XMLIntakeTests {
    enum Wire: String, CaseIterable, Sendable {
        /// FusionInventory with Compress::Zlib.
        case zlib = "application/x-compress-zlib"
        /// OCS: zlib under the older name.
        case ocs = "application/x-compress"
        /// FusionInventory when only the gzip program is there.
        case gzip = "application/x-compress-gzip"
        case deflate = "application/x-compress-deflate"
        /// FusionInventory with --no-compression.
        case plain = "application/xml"

        var algorithm: CompressionAlgorithm? {
            switch self {
            case .zlib, .ocs: .zlib()
            case .gzip: .gzip()
            case .deflate: .deflate()
            case .plain: nil
            }
        }

        func pack(_ bytes: [UInt8]) throws -> ByteBuffer { try GLPIIntakeTests.Wire.pack(bytes, algorithm) }
        func unpack(_ buffer: ByteBuffer) throws -> String { String(decoding: try GLPIIntakeTests.Wire.unpack(buffer, algorithm), as: UTF8.self) }
    }

    static func prolog(_ deviceID: String) -> [UInt8] {
        Array("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<REQUEST>\n  <DEVICEID>\(deviceID)</DEVICEID>\n  <QUERY>PROLOG</QUERY>\n</REQUEST>\n".utf8)
    }

    /// An inventory as FusionInventory 2.6 writes it (element names and layout from its `--local`
    /// output), with two programs, one of them named with an entity. OCS agents send no VERSIONCLIENT.
    static func inventory(_ deviceID: String, hostname: String, serial: String, mac: String, ocs: Bool = false) -> [UInt8] {
        let versionClient = ocs ? "" : "<VERSIONCLIENT>FusionInventory-Agent_v2.6-3</VERSIONCLIENT>"
        return Array(
            """
            <?xml version="1.0" encoding="UTF-8" ?>
            <REQUEST>
              <CONTENT>
                <BIOS>
                  <SMANUFACTURER>Dell Inc.</SMANUFACTURER>
                  <SMODEL>OptiPlex 7010</SMODEL>
                  <SSN>\(serial)</SSN>
                </BIOS>
                <CPUS>
                  <CORE>4</CORE>
                  <NAME>Intel(R) Core(TM) i5-3470 CPU @ 3.20GHz</NAME>
                  <THREAD>1</THREAD>
                </CPUS>
                <HARDWARE>
                  <MEMORY>7872</MEMORY>
                  <NAME>\(hostname)</NAME>
                  <UUID>4C4C4544-0042-3510-8056-B4C04F4E4E31</UUID>
                </HARDWARE>
                <NETWORKS>
                  <DESCRIPTION>eth0</DESCRIPTION>
                  <IPADDRESS>192.0.2.10</IPADDRESS>
                  <MACADDR>\(mac)</MACADDR>
                  <STATUS>Up</STATUS>
                  <TYPE>ethernet</TYPE>
                </NETWORKS>
                <OPERATINGSYSTEM>
                  <FULL_NAME>Debian GNU/Linux 12 (bookworm)</FULL_NAME>
                  <KERNEL_NAME>linux</KERNEL_NAME>
                  <NAME>Debian GNU/Linux</NAME>
                  <VERSION>12.11</VERSION>
                </OPERATINGSYSTEM>
                <SOFTWARES>
                  <ARCH>amd64</ARCH>
                  <FROM>deb</FROM>
                  <NAME>firefox-esr</NAME>
                  <PUBLISHER>Debian Mozilla Team</PUBLISHER>
                  <VERSION>115.12.0esr-1~deb12u1</VERSION>
                </SOFTWARES>
                <SOFTWARES>
                  <FROM>deb</FROM>
                  <NAME>libstdc++6 &amp; friends</NAME>
                  <VERSION>12.2.0-14</VERSION>
                </SOFTWARES>
                \(versionClient)
              </CONTENT>
              <DEVICEID>\(deviceID)</DEVICEID>
              <QUERY>INVENTORY</QUERY>
            </REQUEST>
            """.utf8)
    }

    struct Exchange {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String
    }

    static func send(
        _ client: some TestClientProtocol, _ body: [UInt8], wire: Wire = .zlib, path: String = "/glpi/", authorization: String?,
        userAgent: String = "FusionInventory-Agent_v2.6-3"
    ) async throws -> Exchange {
        var headers: HTTPFields = [.contentType: wire.rawValue, .userAgent: userAgent, HTTPField.Name("Pragma")!: "no-cache"]
        if let authorization { headers[.authorization] = authorization }
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: try wire.pack(body))
        let compressed = wire != .plain && response.headers[.contentType]?.hasPrefix("application/x-compress") == true
        return Exchange(
            status: response.status, headers: response.headers, text: compressed ? try wire.unpack(response.body) : String(buffer: response.body))
    }

    @Test(arguments: TestBackend.available)
    func prologAndInventoryInEveryCompression(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            let auth = try await GLPIIntakeTests.acmeWithBasicCredential(server.store)
            try await server.application.test(.router) { client async throws in
                for (index, wire) in Wire.allCases.enumerated() {
                    let deviceID = "pc\(index)-2026-12-06-10-00-0\(index)"
                    let (path, userAgent) =
                        wire == .ocs ? ("/ocsinventory", "OCS-NG_unified_unix_agent_v2.10.0") : ("/glpi/", "FusionInventory-Agent_v2.6-3")
                    // Without credentials: the Basic challenge the agents answer.
                    let anonymous = try await Self.send(client, Self.prolog(deviceID), wire: wire, path: path, authorization: nil, userAgent: userAgent)
                    #expect(anonymous.status == .unauthorized)
                    #expect(anonymous.headers[.wwwAuthenticate] == "Basic realm=\"Parc inventory\"")

                    let prolog = try await Self.send(client, Self.prolog(deviceID), wire: wire, path: path, authorization: auth, userAgent: userAgent)
                    #expect(prolog.status == .ok, "\(wire): \(prolog.text)")
                    #expect(prolog.headers[.contentType] == (wire == .plain ? "application/xml" : wire == .ocs ? Wire.zlib.rawValue : wire.rawValue))
                    #expect(
                        prolog.text == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<REPLY><PROLOG_FREQ>1</PROLOG_FREQ><RESPONSE>SEND</RESPONSE></REPLY>\n",
                        "\(wire)")

                    let stored = try await Self.send(
                        client,
                        Self.inventory(deviceID, hostname: "pc\(index)", serial: "SN-\(index)", mac: "00:1a:2b:3c:4d:5\(index)", ocs: wire == .ocs),
                        wire: wire, path: path, authorization: auth, userAgent: userAgent)
                    #expect(stored.status == .ok, "\(wire): \(stored.text)")
                    #expect(stored.text.contains("<RESPONSE>SEND</RESPONSE>"))
                }
                let get = try await client.execute(uri: "/ocsinventory", method: .get)
                #expect(get.status == .methodNotAllowed)
            }
            let agents = try await server.store.listAgents(clientCode: "ACME", ListQuery()).items
            #expect(agents.count == Wire.allCases.count)
            #expect(agents.filter { $0.kind == "ocs" }.map(\.agentVersion) == ["OCS-NG_unified_unix_agent_v2.10.0"])
            #expect(agents.filter { $0.kind == "fusioninventory" }.count == Wire.allCases.count - 1)
            #expect(agents.filter { $0.kind == "fusioninventory" }.allSatisfy { $0.agentVersion == "FusionInventory-Agent_v2.6-3" })
            #expect(agents.allSatisfy { $0.lastReportScope == "full" })
            let assets = try await server.store.listAssets(AssetFilter(clientCode: "ACME", kind: .computer), ListQuery()).items
            #expect(assets.count == Wire.allCases.count)
            for asset in assets {
                let detail = try await server.store.assetDetail(id: asset.id)
                #expect(detail.softwareCount == 2)
                #expect(detail.asset.serial?.hasPrefix("SN-") == true)
                // The XML agents name the MAC `MACADDR` (GLPI's JSON: `mac`).
                #expect(detail.components.contains { $0.kind == .networkInterface && $0.serial?.hasPrefix("00:1a:2b:3c:4d:5") == true }, "\(detail.components)")
            }
            let software = try await server.store.assetSoftware(id: try #require(assets.first?.id)).items
            #expect(Set(software.map(\.name)) == ["firefox-esr", "libstdc++6 & friends"])
            #expect(software.first { $0.name == "firefox-esr" }?.publisher == "Debian Mozilla Team")
        }
    }

    /// The same machine moving from FusionInventory to OCS (another agent, the same serial and MAC) stays one asset.
    @Test(arguments: TestBackend.available)
    func bothAgentsOfOneMachineMakeOneAsset(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            let auth = try await GLPIIntakeTests.acmeWithBasicCredential(server.store)
            try await server.application.test(.router) { client async throws in
                let machine = Self.inventory("ws-2026-12-06-10-00-00", hostname: "ws", serial: "SN-WS", mac: "00:1a:2b:3c:4d:99")
                #expect(try await Self.send(client, machine, authorization: auth).status == .ok)
                #expect(
                    try await Self.send(client, machine, wire: .ocs, path: "/ocsinventory", authorization: auth, userAgent: "OCS-NG_unified_unix_agent_v2.10.0")
                        .status == .ok)
            }
            #expect(try await server.store.listAgents(clientCode: "ACME", ListQuery()).items.count == 2)
            #expect(try await server.store.listAssets(AssetFilter(clientCode: "ACME", kind: .computer), ListQuery()).total == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func badXMLIsRefusedNeverAServerError(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            let auth = try await GLPIIntakeTests.acmeWithBasicCredential(server.store)
            try await server.application.test(.router) { client async throws in
                let cases: [(String, HTTPResponse.Status, String)] = [
                    // Entities are never defined, so never expanded: a billion laughs costs nothing.
                    (
                        #"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><REQUEST><DEVICEID>x</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>"#, .badRequest,
                        "document type"
                    ),
                    ("<REQUEST><DEVICEID>x</DEVICEID><QUERY>PROLOG</QUERY>", .badRequest, "unterminated"),
                    ("<REQUEST><DEVICEID>x</DEVICEID><QUERY>PROLOG</QUERY></REQUST>", .badRequest, "closes"),
                    ("<REQUEST><QUERY>PROLOG</QUERY></REQUEST>", .badRequest, "DEVICEID"),
                    ("<REPLY><DEVICEID>x</DEVICEID><QUERY>PROLOG</QUERY></REPLY>", .badRequest, "REQUEST"),
                    ("<REQUEST><DEVICEID>x</DEVICEID><QUERY>SNMPQUERY</QUERY></REQUEST>", .notImplemented, "SNMPQUERY"),
                    ("<REQUEST><DEVICEID>x</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>", .badRequest, "content"),
                    ("<REQUEST><DEVICEID>x &bogus; y</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>", .badRequest, "entity"),
                    (String(repeating: "<A>", count: 5000) + String(repeating: "</A>", count: 5000), .badRequest, "deeper"),
                ]
                for (body, status, words) in cases {
                    let answer = try await Self.send(client, Array(body.utf8), authorization: auth)
                    #expect(answer.status == status, "\(body.prefix(60)): \(answer.text)")
                    #expect(answer.text.contains("<ERROR>") && answer.text.contains(words), "\(body.prefix(60)): \(answer.text)")
                }
            }
            #expect(try await server.store.listAgents(clientCode: "ACME", ListQuery()).items.isEmpty)
        }
    }
}
