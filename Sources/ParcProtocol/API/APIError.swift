/// The body of every error the server answers: `{"error": CODE, "message": TEXT, "field": NAME?}`.
///
/// `error` is a stable machine code (`not_found`, `validation_failed`, ...) that clients may match;
/// `message` is for people; `field` names the offending input when there is one.
public struct APIErrorBody: Codable, Sendable, Equatable, Error {
    public var error: String
    public var message: String
    public var field: String?

    public init(error: String, message: String, field: String? = nil) {
        self.error = error
        self.message = message
        self.field = field
    }
}
