import Foundation
import ParcDomain

/// An e-mail as the relay receives it (RFC 5322 with MIME): text and HTML alternatives, files
/// attached, every header value either ASCII or encoded (RFC 2047), every body in base64, so
/// nothing a client typed can end a header or a part.
struct MailMessage: Sendable {
    struct Attachment: Sendable {
        var filename: String
        var contentType: String
        var data: Data
    }

    var fromAddress: String
    var fromName: String?
    var to: String
    var subject: String
    var text: String
    var html: String
    var attachments: [Attachment] = []
    /// `<…@domain>`: receivers and threads tell messages apart by it; the same notification
    /// retried keeps it.
    var messageID: String
    /// For digests: where to ask for no more (RFC 2369).
    var listUnsubscribe: String?
    var date: Date

    /// A Message-ID from a stable key (an outbox delivery) and the sender's domain.
    static func messageID(key: String, fromAddress: String) -> String {
        let domain = fromAddress.split(separator: "@").last.map(String.init) ?? "parc.invalid"
        return "<\(key)@\(domain)>"
    }

    /// The bytes handed to the relay, lines ending in CRLF.
    func rendered(boundarySeed: UInt64 = UInt64.random(in: 0...UInt64.max)) -> Data {
        let seed = String(boundarySeed, radix: 36)
        var headers: [(String, String)] = [
            ("From", fromName.map { Self.encodedWord($0) + " <\(fromAddress)>" } ?? fromAddress),
            ("To", to),
            ("Subject", Self.encodedWord(subject)),
            ("Date", Self.rfc5322Date(date)),
            ("Message-ID", messageID),
            ("MIME-Version", "1.0"),
            // Out-of-office replies and the like are not sent back to automatic mail (RFC 3834).
            ("Auto-Submitted", "auto-generated"),
        ]
        if let listUnsubscribe { headers.append(("List-Unsubscribe", "<\(listUnsubscribe)>")) }
        let alternative = "alt-" + seed
        var body = Self.part(
            headers: [("Content-Type", "multipart/alternative; boundary=\"\(alternative)\"")],
            body: Self.multipart(
                boundary: alternative,
                parts: [
                    Self.part(headers: [("Content-Type", "text/plain; charset=utf-8")], base64: Data(text.utf8)),
                    Self.part(headers: [("Content-Type", "text/html; charset=utf-8")], base64: Data(html.utf8)),
                ]))
        if !attachments.isEmpty {
            let mixed = "mix-" + seed
            body = Self.part(
                headers: [("Content-Type", "multipart/mixed; boundary=\"\(mixed)\"")],
                body: Self.multipart(
                    boundary: mixed,
                    parts: [body]
                        + attachments.map { file in
                            Self.part(
                                headers: [
                                    ("Content-Type", file.contentType),
                                    ("Content-Disposition", "attachment; filename=\"\(Self.safeFilename(file.filename))\""),
                                ], base64: file.data)
                        }))
        }
        let head = headers.map { "\($0.0): \($0.1)\r\n" }.joined()
        return Data((head + body).utf8)
    }

    /// A MIME part: its headers, a blank line, its body.
    static func part(headers: [(String, String)], body: String) -> String {
        headers.map { "\($0.0): \($0.1)\r\n" }.joined() + "\r\n" + body
    }

    static func part(headers: [(String, String)], base64 data: Data) -> String {
        part(headers: headers + [("Content-Transfer-Encoding", "base64")], body: base64Lines(data))
    }

    static func multipart(boundary: String, parts: [String]) -> String {
        parts.map { "--\(boundary)\r\n\($0)\r\n" }.joined() + "--\(boundary)--\r\n"
    }

    /// Base64 in lines of 76 characters (RFC 2045).
    static func base64Lines(_ data: Data) -> String {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) + "\r\n"
    }

    /// `text` as it may stand in a header: printable ASCII as is, anything else as UTF-8 encoded
    /// words (RFC 2047) of at most 75 characters each, never splitting a character.
    static func encodedWord(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flat.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) && !flat.contains("=?") { return flat }
        var words: [String] = []
        var chunk = ""
        for character in flat {
            // 45 bytes of UTF-8 make 60 characters of base64, within the 75 allowed with the markers.
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    static func safeFilename(_ name: String) -> String {
        String(name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }.prefix(100))
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
