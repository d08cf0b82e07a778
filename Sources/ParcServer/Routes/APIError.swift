import Foundation
import HTTPTypes
import Hummingbird
import ParcDomain
import ParcProtocol

/// An error answered to the caller as `{"error": CODE, "message": TEXT, "field": NAME?}`.
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var body: APIErrorBody

    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil) {
        self.status = status
        self.body = APIErrorBody(error: code, message: message, field: field)
    }

    public static let unauthorized = APIError(
        .unauthorized, code: "unauthorized", message: "missing, invalid, expired or revoked API token (send 'Authorization: Bearer TOKEN')")

    public var headers: HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if status == .unauthorized { fields[.wwwAuthenticate] = "Bearer realm=\"parc\"" }
        return fields
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = (try? CanonicalJSON.encode(body)) ?? Data(#"{"error":"internal","message":"error"}"#.utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Translates any error a handler throws into what the caller should see.
    /// Unknown errors become a bare 500 and are logged by `ErrorMiddleware`.
    static func from(_ error: any Error) -> APIError? {
        switch error {
        case let error as APIError:
            return error
        case let error as ValidationError:
            let first = error.issues.first
            return APIError(.unprocessableContent, code: "validation_failed", message: error.description, field: first?.field)
        case let error as Money.OutOfRange:
            return APIError(.unprocessableContent, code: "amount_out_of_range", message: error.description)
        case let error as WorkflowError:
            return APIError(.conflict, code: "invalid_transition", message: error.message, field: "status")
        case let error as StoreError:
            switch error {
            case .notFound(let entity, let key):
                return APIError(.notFound, code: "not_found", message: "no \(entity) \(key)")
            case .conflict(let field, let message):
                return APIError(.conflict, code: "conflict", message: message, field: field)
            case .invalidReference(let field, let message):
                return APIError(.unprocessableContent, code: "invalid_reference", message: message, field: field)
            }
        case let error as DecodingError:
            return APIError.decoding(error)
        case let error as HTTPError:
            return APIError(error.status, code: Self.code(for: error.status), message: error.body ?? error.status.reasonPhrase)
        default:
            return nil
        }
    }

    static func decoding(_ error: DecodingError) -> APIError {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String? {
            let keys = (codingPath + (last.map { [$0] } ?? [])).map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
            return keys.isEmpty ? nil : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath, key)
            return APIError(.badRequest, code: "missing_field", message: "missing required field '\(field ?? key.stringValue)'", field: field)
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return APIError(.badRequest, code: "wrong_type", message: "field '\(field ?? "body")' must be \(Self.typeName(type))", field: field)
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            return APIError(.badRequest, code: "wrong_type", message: "field '\(field ?? "body")' must be \(Self.typeName(type)), not null", field: field)
        case .dataCorrupted(let context):
            if let field = path(context.codingPath) {
                return APIError(.badRequest, code: "invalid_value", message: "field '\(field)' \(context.debugDescription)", field: field)
            }
            return APIError(.badRequest, code: "malformed_json", message: "the request body is not valid JSON")
        @unknown default:
            return APIError(.badRequest, code: "malformed_json", message: "the request body could not be read")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        default:
            if "\(type)".hasPrefix("Array") { "an array" } else if "\(type)".hasPrefix("Dictionary") { "an object" } else { "a \(type)" }
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "body_too_large"
        case 415: "unsupported_media_type"
        case 422: "validation_failed"
        default: status.code >= 500 ? "internal" : "error"
        }
    }
}
