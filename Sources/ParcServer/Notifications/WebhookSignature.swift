import Crypto
import Foundation

/// Standard Webhooks' signature: HMAC-SHA256 over `id.timestamp.body` with the secret's bytes
/// (the base64 after `whsec_`), as `v1,<base64>`; one per secret, separated by spaces, so a
/// receiver holding either secret during a rotation accepts the message.
enum WebhookSignature {
    static func header(id: String, timestamp: Int64, body: some DataProtocol, secrets: [String]) -> String {
        secrets.compactMap { secret -> String? in
            guard let key = Data(base64Encoded: secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret) else { return nil }
            var content = Data("\(id).\(timestamp).".utf8)
            content.append(contentsOf: body)
            return "v1," + Data(HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: key))).base64EncodedString()
        }.joined(separator: " ")
    }
}
