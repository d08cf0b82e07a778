import ParcProtocol

/// How portal accounts are opened, kept and locked.
public enum PortalRules {
    /// An invitation link is good for a week; a password reset for a quarter of an hour.
    public static let invitationSeconds: Int64 = 7 * 86_400
    public static let resetSeconds: Int64 = 15 * 60
    /// Five wrong passwords in a row lock the account for 15 minutes (a staff unlock ends it sooner).
    public static let failuresBeforeLock = 5
    public static let lockSeconds: Int64 = 15 * 60
    /// Twenty failures from one address within 15 minutes refuse that address until the window ends,
    /// whatever the account: guessing across accounts is as slow as guessing one.
    public static let failuresPerAddress = 20
    public static let addressWindowSeconds: Int64 = 15 * 60

    public enum LinkPurpose: String, Sendable {
        case invitation = "invite"
        case reset

        public var lifetimeSeconds: Int64 { self == .invitation ? PortalRules.invitationSeconds : PortalRules.resetSeconds }
    }

    /// An account's state from what is stored about it.
    public static func status(hasPassword: Bool, disabled: Bool, lockedUntil: Int64?, now: Int64) -> PortalUser.Status {
        if disabled { return .disabled }
        if let lockedUntil, lockedUntil > now { return .locked }
        return hasPassword ? .active : .invited
    }

    /// After a wrong password: the new failure count, and until when the account is locked (if it now is).
    public static func afterFailure(failures: Int, now: Int64) -> (failures: Int, lockedUntil: Int64?) {
        let count = min(failures, failuresBeforeLock) + 1
        return count >= failuresBeforeLock ? (0, now + lockSeconds) : (count, nil)
    }
}

/// What a portal password must be: long enough to resist guessing (12 characters), within what
/// bcrypt reads (72 bytes: it ignores the rest), not a common password dressed up with digits or
/// symbols, and not the user's own e-mail name.
public enum PasswordPolicy {
    public static let minimumCharacters = 12
    public static let maximumBytes = 72

    /// A reason a password is refused; pages word it in their language.
    public enum Problem: String, Sendable, Equatable, CustomStringConvertible {
        case tooShort, tooLong, common, containsEmailName

        public var description: String {
            switch self {
            case .tooShort: "must be at least \(minimumCharacters) characters"
            case .tooLong: "must be at most \(maximumBytes) bytes (bcrypt ignores the rest)"
            case .common: "is a common password, easily guessed: choose another"
            case .containsEmailName: "must not contain your e-mail name"
            }
        }
    }

    /// Every reason `password` is refused; empty when it is accepted.
    public static func problems(_ password: String, email: String) -> [Problem] {
        var problems: [Problem] = []
        if password.count < minimumCharacters { problems.append(.tooShort) }
        if password.utf8.count > maximumBytes { problems.append(.tooLong) }
        if isCommon(password) { problems.append(.common) }
        let name = email.split(separator: "@").first.map { $0.lowercased() } ?? ""
        if name.count >= 4, password.lowercased().contains(name) { problems.append(.containsEmailName) }
        return problems
    }

    /// A common word or keyboard run with digits and symbols around it ("Password2026!",
    /// "azertyuiop123"), or a single character repeated.
    public static func isCommon(_ password: String) -> Bool {
        let lowered = password.lowercased()
        if Set(lowered).count <= 2 { return true }
        let core = lowered.filter { $0.isLetter }
        let digits = lowered.filter { $0.isNumber }
        if core.isEmpty { return digits.count == lowered.count && isRun(digits) || Set(digits).count <= 3 }
        return commonWords.contains(core) || commonWords.contains { core.hasPrefix($0) && core.count <= $0.count + 2 }
    }

    /// "123456789012", "987654321", "abcdefgh": consecutive characters, up or down.
    static func isRun(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map(\.value)
        guard scalars.count > 2 else { return true }
        let steps = zip(scalars.dropFirst(), scalars).map { Int($0) - Int($1) }
        return steps.allSatisfy { abs($0) == 1 || $0 == -9 || $0 == 9 }
    }

    /// The stems of the most used passwords (English and French lists), letters only.
    static let commonWords: Set<String> = [
        "password", "passw", "passwd", "pass", "qwerty", "qwertyuiop", "azerty", "azertyuiop", "qwertz", "abc", "abcdef", "abcdefgh", "letmein",
        "welcome", "bienvenue", "admin", "administrator", "administrateur", "root", "user", "login", "iloveyou", "jetaime", "monkey", "dragon",
        "football", "baseball", "soccer", "master", "sunshine", "princess", "shadow", "superman", "batman", "trustno", "starwars", "secret",
        "motdepasse", "mdp", "soleil", "bonjour", "doudou", "chouchou", "loulou", "marseille", "paris", "france", "nicolas", "camille", "changeme",
        "default", "test", "testing", "hello", "freedom", "whatever", "computer", "internet", "service", "support", "office", "company", "winter",
        "summer", "spring", "autumn", "hiver", "printemps", "automne", "michael", "jennifer", "jordan", "charlie", "thomas", "daniel", "ashley",
        "qazwsx", "zaqxsw", "asdfgh", "asdfghjkl", "zxcvbn", "zxcvbnm", "wxcvbn", "poiuytreza", "azertyui", "parc", "portal", "portail",
    ]
}

/// Personal access tokens of the portal's JSON API.
public enum PortalTokenRules {
    /// Tokens say what they are: `parcp_` then 256 random bits.
    public static let prefix = "parcp_"
    public static let defaultDays = 90
    public static let maximumDays = 365
    /// A client admin keeps at most this many live tokens.
    public static let maximumLive = 20

    /// A token's name and lifetime, checked.
    public static func validated(name: String, days: Int?) throws(ValidationError) -> (name: String, days: Int) {
        let trimmed = String(name.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        var validator = Validator()
        validator.check(!trimmed.isEmpty, "name", "say what the token is for (e.g. 'monitoring')")
        validator.check(trimmed.count <= 100, "name", "must be at most 100 characters")
        let days = days ?? defaultDays
        validator.check((1...maximumDays).contains(days), "days", "must be from 1 to \(maximumDays)")
        try validator.throwIfInvalid()
        return (trimmed, days)
    }
}

/// Time-based one-time codes (RFC 6238: six digits, 30-second steps, as authenticator apps make
/// them) as the portal's second factor.
public enum SecondFactorRules {
    public static let stepSeconds: Int64 = 30
    /// A code is taken from the step before to the step after the server's: clocks drift.
    public static let driftSteps: Int64 = 1
    /// A sign-in waits this long for its code before it must start again.
    public static let pendingSeconds: Int64 = 5 * 60

    /// The step a typed code matches, if any: six digits, within the drift, and later than the
    /// last step used (a code serves once). `code(step)` is the expected code of a step.
    public static func matchingStep(_ typed: String, now: Int64, lastUsedStep: Int64?, code: (Int64) -> Int) -> Int64? {
        let digits = typed.filter { !$0.isWhitespace }
        guard digits.count == 6, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let value = Int(digits) else { return nil }
        let current = now / stepSeconds
        for step in (current - driftSteps)...(current + driftSteps) where step > (lastUsedStep ?? Int64.min) {
            if code(step) == value { return step }
        }
        return nil
    }

    /// Whether this account must use a second factor before seeing any page.
    public static func required(role: PortalRole, adminsNeedIt: Bool) -> Bool { adminsNeedIt && role == .clientAdmin }
}
