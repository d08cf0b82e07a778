import ParcProtocol

/// Facts about this agent build, reported with every check-in.
public enum AgentInfo {
    public static var version: String { ParcVersion.current }
}
