import Foundation
import Hummingbird
import Logging
import NIOCore
import ParcProtocol

extension Request {
    /// Reads and decodes a JSON body of at most `limit` bytes, with errors that name the problem.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext, limit: Int? = nil) async throws -> T {
        let buffer = try await collectBody(limit: limit ?? context.maxUploadSize, context: context)
        guard buffer.readableBytes > 0 else {
            throw APIError(.badRequest, code: "malformed_json", message: "the request needs a JSON body")
        }
        if let contentType = headers[.contentType], !contentType.lowercased().hasPrefix("application/json") {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "send the body as application/json")
        }
        return try CanonicalJSON.decoder().decode(T.self, from: Data(buffer.readableBytesView))
    }
}

extension Request {
    /// A CSV upload (imports): UTF-8 text of at most 8 MiB.
    func csvBody(context: AppRequestContext) async throws -> String {
        let body = try await collectBody(limit: 8 << 20, context: context)
        guard let csv = body.getString(at: body.readerIndex, length: body.readableBytes), !csv.isEmpty else {
            throw APIError(.badRequest, code: "malformed_body", message: "send the CSV as the request body (text/csv, UTF-8)")
        }
        return csv
    }

    /// `dryRun=true` (or 1) in the query.
    var isDryRun: Bool { uri.queryParameters.get("dryRun").map { $0 == "true" || $0 == "1" } ?? false }
}

extension Request {
    /// The whole body, refused with 413 as soon as it is known to exceed `limit` (by its
    /// Content-Length, or while receiving it), and logged: a client sending too much is worth knowing.
    func collectBody(limit: Int, context: AppRequestContext) async throws -> ByteBuffer {
        let tooLarge = APIError(.contentTooLarge, code: "body_too_large", message: "the request body is over the \(limit)-byte limit")
        if let length = headers[.contentLength].flatMap(Int.init), length > limit {
            context.logger.notice("request body refused", metadata: ["parc.reason": "content-length \(length) over \(limit)"])
            throw tooLarge
        }
        do {
            return try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            context.logger.notice("request body refused", metadata: ["parc.reason": "over \(limit) bytes"])
            throw tooLarge
        }
    }
}

/// Builds JSON responses with the canonical encoder.
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try CanonicalJSON.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
