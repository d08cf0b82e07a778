import NIOSSL
import ParcServer
import ParcTestSupport
import Testing

/// The server finds an agent by the serial the TLS layer reads from its certificate; that reading
/// (BoringSSL's magnitude bytes) must give the same text as the one recorded at issue (the DER
/// integer, which starts with 00 when the high bit is set: about every other random serial).
struct CertificateSerialTests {
    @Test func theSerialReadFromTLSIsTheOneRecorded() throws {
        let authority = try CertificateAuthority.create()
        for index in 0..<48 {
            let (_, csr) = try TestPKI.agentRequest()
            let issued = try authority.issueAgentCertificate(csrPEM: csr, agentID: "agent-\(index)", clientCode: "ACME")
            let presented = try NIOSSLCertificate(bytes: Array(issued.certificatePEM.utf8), format: .pem)
            #expect(CertificateAuthority.serialText(presented.serialNumber) == issued.serial)
            #expect(!issued.serial.hasPrefix("0"))
        }
        #expect(CertificateAuthority.serialText([0x00, 0x8f, 0x01]) == "8f01")
        #expect(CertificateAuthority.serialText([0x0a, 0x01]) == "a01")
    }
}
