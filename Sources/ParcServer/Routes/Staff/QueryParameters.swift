import Hummingbird
import ParcProtocol

extension Request {
    /// Paging and filters common to list routes: `limit` (1–500, default 50), `offset`, `q`, `active`.
    func listQuery() throws -> ListQuery {
        let parameters = uri.queryParameters
        var query = ListQuery()
        if let raw = parameters.get("limit") {
            guard let limit = Int(raw), (1...Page<Client>.maximumLimit).contains(limit) else {
                throw APIError(
                    .badRequest, code: "invalid_parameter", message: "limit must be an integer from 1 to \(Page<Client>.maximumLimit)", field: "limit")
            }
            query.limit = limit
        }
        if let raw = parameters.get("offset") {
            guard let offset = Int(raw), offset >= 0 else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "offset must be a non-negative integer", field: "offset")
            }
            query.offset = offset
        }
        if let search = parameters.get("q"), !search.isEmpty { query.search = search }
        if let raw = parameters.get("active") {
            guard let active = Bool(raw) else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "active must be true or false", field: "active")
            }
            query.active = active
        }
        return query
    }
}

extension Parameters {
    /// A numeric id from the path, with a 400 naming it when it is not a number.
    func id(_ name: String) throws -> Int64 {
        guard let raw = get(name), let value = Int64(raw), value > 0 else {
            throw APIError(.badRequest, code: "invalid_parameter", message: "\(name) must be a positive integer", field: name)
        }
        return value
    }

    func string(_ name: String) throws -> String {
        guard let value = get(name), !value.isEmpty else {
            throw APIError(.badRequest, code: "invalid_parameter", message: "missing \(name)", field: name)
        }
        return value
    }
}
