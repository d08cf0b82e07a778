/// The version every Parc program reports with `--version`.
public enum ParcVersion {
    public static let current = "0.1.0"
}
