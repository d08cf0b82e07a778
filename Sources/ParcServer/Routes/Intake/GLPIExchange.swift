import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ParcDomain

/// The wire of the GLPI Agent protocol: the compressions it uses, named by content type, the
/// headers GLPI sends back, and answers in the request's compression.
enum GLPIExchange {
    static let agentIDHeader = HTTPField.Name("GLPI-Agent-ID")!
    static let requestIDHeader = HTTPField.Name("GLPI-Request-ID")!
    static let proxyIDHeader = HTTPField.Name("GLPI-Proxy-ID")!
    static let pragma = HTTPField.Name("Pragma")!

    enum BodyProblem: Error { case tooLarge, corrupt, notJSON }

    enum Compression: CustomStringConvertible {
        case none, zlib, gzip, deflate

        /// GLPI's names: `application/x-compress-zlib` (what GLPI Agent sends), `x-zlib`,
        /// `x-compress-gzip`, `x-gzip`, `x-compress-deflate`, `x-deflate`; JSON or XML as is.
        init(contentType: String?) throws {
            let type = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            switch type {
            // `application/x-compress`: what OCS agents send, zlib (Compress::Zlib::compress).
            case "application/x-compress-zlib", "application/x-zlib", "application/x-compress": self = .zlib
            case "application/x-compress-gzip", "application/x-gzip": self = .gzip
            case "application/x-compress-deflate", "application/x-deflate": self = .deflate
            case "", "application/json", "application/xml", "text/xml", "text/plain", "application/octet-stream": self = .none
            default: throw BodyProblem.corrupt
            }
        }

        var description: String {
            switch self {
            case .none: "JSON"
            case .zlib: "zlib"
            case .gzip: "gzip"
            case .deflate: "deflate"
            }
        }

        var contentType: String {
            switch self {
            case .none: "application/json"
            case .zlib: "application/x-compress-zlib"
            case .gzip: "application/x-compress-gzip"
            case .deflate: "application/x-compress-deflate"
            }
        }

        private var algorithm: CompressionAlgorithm? {
            switch self {
            case .none: nil
            case .zlib: .zlib()
            case .gzip: .gzip()
            case .deflate: .deflate()
            }
        }

        /// The body inflated, refused beyond `limit` bytes without inflating further.
        func inflate(_ buffer: inout ByteBuffer, limit: Int) throws -> [UInt8] {
            guard let algorithm else {
                guard buffer.readableBytes <= limit else { throw BodyProblem.tooLarge }
                return Array(buffer.readableBytesView)
            }
            // Inflated through a window, counted as it comes: a bomb stops at the limit. Each step must
            // consume input or fill the window: bytes after the end of the stream would loop for ever.
            let decompressor = algorithm.decompressor
            var window = ByteBufferAllocator().buffer(capacity: 256 << 10)
            var output: [UInt8] = []
            func drain() throws {
                guard output.count + window.readableBytes <= limit else { throw BodyProblem.tooLarge }
                output.append(contentsOf: window.readableBytesView)
                window.clear()
            }
            do {
                try decompressor.startStream()
                while buffer.readableBytes > 0 {
                    let remaining = buffer.readableBytes
                    var filled = false
                    do {
                        try buffer.decompressStream(to: &window, with: decompressor)
                    } catch let error as CompressNIOError where error == .bufferOverflow {
                        filled = true
                    } catch let error as CompressNIOError where error == .inputBufferOverflow {
                    }
                    let produced = window.readableBytes > 0
                    try drain()
                    guard filled || produced || buffer.readableBytes < remaining else { throw BodyProblem.corrupt }
                }
                try decompressor.finishStream()
            } catch BodyProblem.tooLarge {
                throw BodyProblem.tooLarge
            } catch {
                throw BodyProblem.corrupt
            }
            return output
        }

        func deflate(_ bytes: [UInt8]) throws -> ByteBuffer {
            var buffer = ByteBuffer(bytes: bytes)
            guard let algorithm else { return buffer }
            return try buffer.compress(with: algorithm)
        }
    }

    /// What GLPI sends with every answer, the agent's own GLPI-* headers reflected.
    static func echoedHeaders(_ request: Request) -> HTTPFields {
        var headers: HTTPFields = [pragma: "no-cache", .cacheControl: "no-cache,no-store", .connection: "close"]
        for name in [agentIDHeader, requestIDHeader, proxyIDHeader] {
            if let value = request.headers[name], value.utf8.count <= 64 { headers[name] = value }
        }
        return headers
    }

    /// A JSON answer in the request's compression, keys in a stable order.
    static func answer(_ object: [String: Any], status: HTTPResponse.Status = .ok, compression: Compression, headers: HTTPFields) throws -> Response {
        var headers = headers
        headers[.contentType] = compression.contentType
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: status, headers: headers, body: .init(byteBuffer: try compression.deflate(Array(data))))
    }

    /// An XML answer (`<REPLY>` with one element per field, in order of name) in the request's
    /// compression: what FusionInventory and OCS agents read.
    static func xmlAnswer(_ fields: [String: String], status: HTTPResponse.Status = .ok, compression: Compression, headers: HTTPFields) throws -> Response {
        var headers = headers
        headers[.contentType] = compression == .none ? "application/xml" : compression.contentType
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<REPLY>"
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { text += "<\(name)>\(XMLText.escape(value))</\(name)>" }
        text += "</REPLY>\n"
        return Response(status: status, headers: headers, body: .init(byteBuffer: try compression.deflate(Array(text.utf8))))
    }

    /// Refusals before the body is read: plain JSON, which the agent reads whatever it sent.
    static func plainError(_ status: HTTPResponse.Status, _ message: String, _ headers: HTTPFields) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        let data = (try? JSONSerialization.data(withJSONObject: ["status": "error", "message": message], options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json(_ object: [String: Any], status: HTTPResponse.Status) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store", pragma: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// RFC 6749 §5.2.
    static func oauthError(_ status: HTTPResponse.Status, _ code: String, _ description: String) throws -> Response {
        try json(["error": code, "error_description": description], status: status)
    }

    /// `host-2024-05-01-08-30-00` → `host`.
    static func hostname(deviceID: String) -> String {
        let parts = deviceID.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count > 6, parts.suffix(6).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return String(deviceID.prefix(255)) }
        return String(parts.dropLast(6).joined(separator: "-").prefix(255))
    }

    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !(byte >= 48 && byte <= 57) && !((byte | 0x20) >= 97 && (byte | 0x20) <= 102) {
                return false
            }
        }
        return true
    }
}
