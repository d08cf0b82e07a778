/// One problem with some input: which field, and why it was refused.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// Input that cannot be accepted, with every problem found (not only the first).
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [ValidationIssue]

    public init(_ issues: [ValidationIssue]) {
        self.issues = issues
    }

    public init(field: String, reason: String) {
        self.issues = [ValidationIssue(field: field, reason: reason)]
    }

    public var description: String { issues.map(\.description).joined(separator: "; ") }
}

/// Collects issues while checking a value, then throws them all at once.
public struct Validator: Sendable {
    public private(set) var issues: [ValidationIssue] = []

    public init() {}

    public mutating func check(_ condition: Bool, _ field: String, _ reason: @autoclosure () -> String) {
        if !condition { issues.append(ValidationIssue(field: field, reason: reason())) }
    }

    public mutating func add(_ field: String, _ reason: String) {
        issues.append(ValidationIssue(field: field, reason: reason))
    }

    public func throwIfInvalid() throws(ValidationError) {
        if !issues.isEmpty { throw ValidationError(issues) }
    }
}
