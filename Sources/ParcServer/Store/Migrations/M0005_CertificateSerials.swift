/// Agents are found by the serial of the certificate they present, which the TLS layer hands over
/// without parsing the certificate; serials are kept as hex without leading zeros.
enum M0005_CertificateSerials {
    static let migration = Migration(version: 5, name: "agent certificate serials") { _ in
        [
            "UPDATE agents SET certificate_serial = ltrim(certificate_serial, '0')",
            "CREATE UNIQUE INDEX agents_certificate_serial ON agents (certificate_serial)",
        ]
    }
}
