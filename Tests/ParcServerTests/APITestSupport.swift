import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParcProtocol
import ParcServer
import ParcTestSupport

extension TestClientProtocol {
    /// Sends a request with a bearer token and an optional JSON body.
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String?, json: String? = nil, contentType: String = "application/json") async throws
        -> TestResponse
    {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = contentType }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try CanonicalJSON.decode(T.self, from: Data(text.utf8))
    }

    var error: APIErrorBody? { try? decode(APIErrorBody.self) }
}
