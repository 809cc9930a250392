/// checkpoint and restore (CRIU). Flags follow runc 1.1.5 plus the newer checkpoint flags
/// the man pages list (--tcp-skip-in-flight, --link-remap).
extension CommandTable {
    static let imagePathUsage = "path for saving criu image files"
    static let workPathFlag = FlagSpec.string("work-path", placeholder: "path", hint: .directory,
                                              usage: "path for saving work files and logs")
    static let tcpEstablishedFlag = FlagSpec.bool("tcp-established", usage: "allow open tcp connections")
    static let extUnixSkFlag = FlagSpec.bool("ext-unix-sk", usage: "allow external unix sockets")
    static let shellJobFlag = FlagSpec.bool("shell-job", usage: "allow shell jobs")
    static let lazyPagesFlag = FlagSpec.bool("lazy-pages", usage: "use userfaultfd to lazily restore memory pages")
    static let fileLocksFlag = FlagSpec.bool("file-locks", usage: "handle file locks, for safety")
    static let manageCgroupsModeFlag = FlagSpec.string(
        "manage-cgroups-mode", placeholder: "soft|full|strict|ignore",
        hint: .choices(["soft", "full", "strict", "ignore"]),
        usage: "cgroups mode: 'soft' (default), 'full' and 'strict'")
    static let emptyNsFlag = FlagSpec.stringList("empty-ns", placeholder: "namespace",
                                                 usage: "create a namespace, but don't restore its properties")
    static let autoDedupFlag = FlagSpec.bool("auto-dedup", usage: "enable auto deduplication of memory images")

    public static let checkpoint = CommandSpec(
        name: "checkpoint", summary: "checkpoint a running container",
        argsUsage: """
            <container-id>

            Where "<container-id>" is the name for the instance of the container to be
            checkpointed.
            """,
        description: "The checkpoint command saves the state of the container instance.",
        flags: [
            .string("image-path", placeholder: "path", hint: .directory, usage: imagePathUsage),
            workPathFlag,
            .string("parent-path", placeholder: "path", hint: .directory,
                    usage: "path for previous criu image files in pre-dump"),
            .bool("leave-running", usage: "leave the process running after checkpointing"),
            tcpEstablishedFlag,
            .bool("tcp-skip-in-flight", usage: "skip in-flight tcp connections"),
            .bool("link-remap", usage: "allow one to link unlinked files back when possible"),
            extUnixSkFlag, shellJobFlag, lazyPagesFlag,
            .int("status-fd", default: "-1", placeholder: "fd",
                 usage: "criu writes \\0 to this FD once lazy-pages is ready"),
            .string("page-server", placeholder: "address:port", usage: "ADDRESS:PORT of the page server"),
            fileLocksFlag,
            .bool("pre-dump",
                  usage: "dump container's memory information only, leave the container running after this"),
            manageCgroupsModeFlag, emptyNsFlag, autoDedupFlag,
        ],
        arguments: .exactly(1), synopsis: ["[option ...] container-id"], seeAlso: ["restore"])

    public static let restore = CommandSpec(
        name: "restore", summary: "restore a container from a previous checkpoint",
        argsUsage: """
            <container-id>

            Where "<container-id>" is the name for the instance of the container to be
            restored.
            """,
        description: """
            Restores the saved state of the container instance that was previously saved
            using the swiftlet checkpoint command.
            """,
        flags: [
            consoleSocketFlag,
            .string("image-path", placeholder: "path", hint: .directory,
                    usage: "path to criu image files for restoring"),
            workPathFlag, tcpEstablishedFlag, extUnixSkFlag, shellJobFlag, fileLocksFlag,
            manageCgroupsModeFlag,
            .string("bundle", "b", placeholder: "path", hint: .directory,
                    usage: "path to the root of the bundle directory"),
            detachFlag, pidFileFlag, noSubreaperFlag, noPivotFlag, emptyNsFlag, autoDedupFlag, lazyPagesFlag,
            .string("lsm-profile", placeholder: "type:label",
                    usage: "Specify an LSM profile to be used during restore in the form of TYPE:NAME."),
            .string("lsm-mount-context", placeholder: "context",
                    usage: "Specify an LSM mount context to be used during restore."),
        ],
        arguments: .exactly(1), synopsis: ["[option ...] container-id"], seeAlso: ["checkpoint"])
}
