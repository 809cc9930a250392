/// The OCI lifecycle commands: create, run, start, state, kill, delete, exec, pause, resume.
/// Each is a lazily initialised static so a run only builds the command it needs.
extension CommandTable {
    static let startingIDArgs = """
        <container-id>

        Where "<container-id>" is your name for the instance of the container that you
        are starting. The name you provide for the container instance must be unique on
        your host.
        """

    static func bundleDescription(_ verb: String) -> String {
        """
        The \(verb) command creates an instance of a container for a bundle. The bundle
        is a directory with a specification file named "config.json" and a root
        filesystem.

        The specification file includes an args parameter. The args parameter is used
        to specify command(s) that get run when the container is started. To change the
        command(s) that get executed on start, edit the args parameter of the spec. See
        "swiftlet spec --help" for more explanation.
        """
    }

    static let bundleFlag = FlagSpec.string("bundle", "b", placeholder: "path", hint: .directory,
                                            usage: "path to the root of the bundle directory, defaults to the current directory")
    static let consoleSocketFlag = FlagSpec.string(
        "console-socket", placeholder: "path", hint: .file,
        usage: "path to an AF_UNIX socket which will receive a file descriptor referencing the master end of the console's pseudoterminal")
    static func pidfdSocketFlag(_ process: String) -> FlagSpec {
        .string("pidfd-socket", placeholder: "path", hint: .file,
                usage: "path to an AF_UNIX socket which will receive a file descriptor referencing the \(process) process")
    }
    static let pidFileFlag = FlagSpec.string("pid-file", placeholder: "path", hint: .file,
                                             usage: "specify the file to write the process id to")
    static let noPivotFlag = FlagSpec.bool(
        "no-pivot",
        usage: "do not use pivot root to jail process inside rootfs.  This should be used whenever the rootfs is on top of a ramdisk")
    static let noNewKeyringFlag = FlagSpec.bool(
        "no-new-keyring",
        usage: "do not create a new session keyring for the container.  This will cause the container to inherit the calling processes session key")
    static let preserveFDsFlag = FlagSpec.int(
        "preserve-fds", usage: "Pass N additional file descriptors to the container (stdio + $LISTEN_FDS + N in total)")
    static let detachFlag = FlagSpec.bool("detach", "d", usage: "detach from the container's process")
    static let noSubreaperFlag = FlagSpec.bool(
        "no-subreaper", usage: "disable the use of the subreaper used to reap reparented processes")

    public static let create = CommandSpec(
        name: "create", summary: "create a container", argsUsage: startingIDArgs,
        description: bundleDescription("create"),
        flags: [bundleFlag, consoleSocketFlag, pidfdSocketFlag("init"), pidFileFlag, noPivotFlag,
                noNewKeyringFlag, preserveFDsFlag],
        arguments: .exactly(1), synopsis: ["[option ...] container-id"],
        seeAlso: ["spec", "start"])

    public static let run = CommandSpec(
        name: "run", summary: "create and run a container", argsUsage: startingIDArgs,
        description: bundleDescription("run"),
        flags: [bundleFlag, consoleSocketFlag, pidfdSocketFlag("init"), detachFlag,
                .bool("keep", usage: "do not delete the container after it exits"),
                pidFileFlag, noSubreaperFlag, noPivotFlag, noNewKeyringFlag, preserveFDsFlag],
        arguments: .exactly(1), synopsis: ["[option ...] container-id"],
        seeAlso: ["create", "start", "spec"])

    public static let start = CommandSpec(
        name: "start", summary: "executes the user defined process in a created container",
        argsUsage: startingIDArgs,
        description: "The start command executes the user defined process in a created container.",
        arguments: .exactly(1), synopsis: ["container-id"], seeAlso: ["create"])

    public static let state = CommandSpec(
        name: "state", summary: "output the state of a container",
        argsUsage: """
            <container-id>

            Where "<container-id>" is your name for the instance of the container.
            """,
        description: """
            The state command outputs current state information for the
            instance of a container.
            """,
        arguments: .exactly(1), synopsis: ["container-id"])

    public static let kill = CommandSpec(
        name: "kill", summary: "kill sends the specified signal (default: SIGTERM) to the container's init process",
        argsUsage: """
            <container-id> [signal]

            Where "<container-id>" is the name for the instance of the container and
            "[signal]" is the signal to be sent to the init process.

            EXAMPLE:
            For example, if the container id is "ubuntu01" the following will send a "KILL"
            signal to the init process of the "ubuntu01" container:

                   # swiftlet kill ubuntu01 KILL
            """,
        flags: [.bool("all", "a", usage: "send the specified signal to all processes inside the container")],
        arguments: .between(1, 2), synopsis: ["[option ...] container-id [signal]"])

    public static let delete = CommandSpec(
        name: "delete", summary: "delete any resources held by the container often used with detached container",
        argsUsage: """
            <container-id>

            Where "<container-id>" is the name for the instance of the container.

            EXAMPLE:
            For example, if the container id is "ubuntu01" and swiftlet list currently shows the
            status of "ubuntu01" as "stopped" the following will delete resources held for
            "ubuntu01" removing "ubuntu01" from the swiftlet list of containers:

                   # swiftlet delete ubuntu01
            """,
        flags: [.bool("force", "f", usage: "Forcibly deletes the container if it is still running (uses SIGKILL)")],
        arguments: .exactly(1), synopsis: ["[--force|-f] container-id"], seeAlso: ["kill"])

    public static let exec = CommandSpec(
        name: "exec", summary: "execute new process inside the container",
        argsUsage: """
            <container-id> <command> [command options]  || -p process.json <container-id>

            Where "<container-id>" is the name for the instance of the container and
            "<command>" is the command to be executed in the container.
            "<command>" can't be empty unless a "-p" flag provided.

            EXAMPLE:
            For example, if the container is configured to run the linux ps command the
            following will output a list of processes running in the container:

                   # swiftlet exec <container-id> ps
            """,
        flags: [
            consoleSocketFlag, pidfdSocketFlag("exec"),
            .string("cwd", placeholder: "path", hint: .directory, usage: "current working directory in the container"),
            .stringList("env", "e", placeholder: "name=value", usage: "set environment variables"),
            .bool("tty", "t", usage: "allocate a pseudo-TTY"),
            .string("user", "u", placeholder: "uid[:gid]", usage: "UID (format: <uid>[:<gid>])"),
            FlagSpec(["additional-gids", "g"], .int64List, placeholder: "gid", usage: "additional gids"),
            .string("process", "p", placeholder: "process.json", hint: .file, usage: "path to the process.json"),
            detachFlag, pidFileFlag,
            .string("process-label", placeholder: "label",
                    usage: "set the asm process label for the process commonly used with selinux"),
            .string("apparmor", placeholder: "profile", usage: "set the apparmor profile for the process"),
            .bool("no-new-privs", usage: "set the no new privileges value for the process"),
            .stringList("cap", "c", placeholder: "cap", usage: "add a capability to the bounding set for the process"),
            preserveFDsFlag,
            .stringList("cgroup", placeholder: "[controller:]path",
                        usage: "run the process in an (existing) sub-cgroup(s). Format is [<controller>:]<cgroup>."),
            .bool("ignore-paused", usage: "allow exec in a paused container"),
        ],
        arguments: .atLeast(1), reordersFlags: false,
        synopsis: ["[option ...] container-id [--] command [arg ...]",
                   "[option ...] -p process.json container-id"])

    public static let pause = CommandSpec(
        name: "pause", summary: "pause suspends all processes inside the container",
        argsUsage: "<container-id>\n\nWhere \"<container-id>\" is the name for the instance of the container to be\npaused. ",
        description: """
            The pause command suspends all processes in the instance of the container.

            Use swiftlet list to identify instances of containers and their current status.
            """,
        arguments: .exactly(1), synopsis: ["container-id"], seeAlso: ["list", "resume"])

    public static let resume = CommandSpec(
        name: "resume", summary: "resumes all processes that have been previously paused",
        argsUsage: """
            <container-id>

            Where "<container-id>" is the name for the instance of the container to be
            resumed.
            """,
        description: """
            The resume command resumes all processes in the instance of the container.

            Use swiftlet list to identify instances of containers and their current status.
            """,
        arguments: .exactly(1), synopsis: ["container-id"], seeAlso: ["list", "pause"])
}
