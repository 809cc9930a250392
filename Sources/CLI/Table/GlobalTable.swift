#if canImport(Glibc)
import Glibc
#endif

/// The program-level part of the command table: name, description and global options.
public enum GlobalTable {
    public static let programName = "swiftlet"
    public static let summary = "Open Container Initiative runtime"
    public static let systemRoot = "/run/swiftlet"

    /// runc's app description (shown after NAME in `--help`), with our program name.
    public static let description = """
        swiftlet is a command line client for running applications packaged according to
        the Open Container Initiative (OCI) format and is a compliant implementation of the
        Open Container Initiative specification.

        swiftlet integrates well with existing process supervisors to provide a production
        container runtime environment for applications. It can be used with your
        existing process monitoring tools and the container will be spawned as a
        direct child of the process supervisor.

        Containers are configured using bundles. A bundle for a container is a directory
        that includes a specification file named "config.json" and a root filesystem.
        The root filesystem contains the contents of the container.

        To start a new instance of a container:

            # swiftlet run [ -b bundle ] <container-id>

        Where "<container-id>" is your name for the instance of the container that you
        are starting. The name you provide for the container instance must be unique on
        your host. Providing the bundle directory using "-b" is optional. The default
        value for "bundle" is the current directory.
        """

    /// Like runc: `/run/swiftlet`, or `$XDG_RUNTIME_DIR/swiftlet` when not running as root.
    public static func defaultRoot(euid: uid_t = geteuid(), xdgRuntimeDir: String? = environmentValue("XDG_RUNTIME_DIR")) -> String {
        if euid != 0, let xdg = xdgRuntimeDir, !xdg.isEmpty { return xdg + "/swiftlet" }
        return systemRoot
    }

    /// Global options in runc's order; `--help` and `--version` are listed like any other.
    public static func flags(defaultRoot root: String = systemRoot) -> [FlagSpec] {
        [
            .bool("debug", usage: "enable debug logging"),
            .string("log", placeholder: "path", hint: .file,
                    usage: "set the log file to write swiftlet logs to (default is '/dev/stderr')"),
            .string("log-format", default: "text", placeholder: "text|json", hint: .choices(["text", "json"]),
                    usage: "set the log format ('text' (default), or 'json')"),
            .string("root", default: root, placeholder: "path", hint: .directory,
                    usage: "root directory for storage of container state (this should be located in tmpfs)"),
            .string("criu", default: "criu", placeholder: "path", hint: .file,
                    usage: "path to the criu binary used for checkpoint and restore"),
            .bool("systemd-cgroup",
                  usage: "enable systemd cgroup support, expects cgroupsPath to be of form \"slice:prefix:name\" for e.g. \"system.slice:swiftlet:434234\""),
            .string("rootless", default: "auto", placeholder: "true|false|auto",
                    hint: .choices(["true", "false", "auto"]),
                    usage: "ignore cgroup permission errors ('true', 'false', or 'auto')"),
            FlagSpec.bool("help", "h", usage: "show help"),
            FlagSpec.version,
        ]
    }

    /// getenv without Foundation.
    @usableFromInline static func environmentValue(_ name: String) -> String? {
        guard let p = getenv(name) else { return nil }
        return String(cString: p)
    }

    /// Position of each global in `flags()`; keep in step with the list above.
    enum Index {
        static let debug = 0, log = 1, logFormat = 2, root = 3, criu = 4, systemdCgroup = 5
        static let rootless = 6, help = 7, version = 8
    }
}
