/// runc's global options, parsed from before the subcommand.
public struct GlobalOptions: Sendable {
    public var debug = false
    /// Log file path; "" means stderr.
    public var log = ""
    /// "text" or "json" (validated before any command runs).
    public var logFormat = "text"
    /// Absolute state directory (`--root` made absolute like Go's filepath.Abs; "" stays "").
    public var root: String
    /// True when `--root` was given (runc only creates the XDG default root itself).
    public var rootIsSet = false
    public var criu = "criu"
    public var systemdCgroup = false
    /// Raw `--rootless` value when given; nil means not given (= "auto").
    public var rootless: String? = nil
    /// argv[0], which runc puts in some messages (`swiftlet: "start" requires ...`).
    public var program: String = GlobalTable.programName
    /// Error/warn/debug logger honouring --log, --log-format and --debug; Main replaces the
    /// default stderr logger once the log file is open.
    public var logger: Logger = Logger()

    public init(root: String = GlobalTable.systemRoot) {
        self.root = root
    }

    /// runc's parseBoolOrAuto: nil for auto-detect, else the forced setting.
    public func rootlessSetting() -> Result<Bool?, UsageError> {
        guard let raw = rootless, !raw.isEmpty, raw.lowercased() != "auto" else { return .success(nil) }
        guard let b = GoValueSyntax.parseBool(raw) else {
            return .failure(UsageError("strconv.ParseBool: parsing \(GoValueSyntax.quote(raw)): invalid syntax"))
        }
        return .success(b)
    }
}
