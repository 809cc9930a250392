/// Commands that inspect or adjust containers (events, list, ps, update), generate files
/// (spec, features) or explain the CLI (help).
extension CommandTable {
    static let formatFlag = FlagSpec.string("format", "f", default: "table", placeholder: "table|json",
                                            hint: .choices(["table", "json"]),
                                            usage: "select one of: table or json")

    public static let events = CommandSpec(
        name: "events",
        summary: "display container events such as OOM notifications, cpu, memory, and IO usage statistics",
        argsUsage: """
            <container-id>

            Where "<container-id>" is the name for the instance of the container.
            """,
        description: """
            The events command displays information about the container. By default the
            information is displayed once every 5 seconds.
            """,
        flags: [
            FlagSpec(["interval"], .duration, default: "5s", placeholder: "time",
                     usage: "set the stats collection interval"),
            .bool("stats", usage: "display the container's stats then exit"),
        ],
        arguments: .exactly(1), synopsis: ["[option ...] container-id"])

    public static let list = CommandSpec(
        name: "list", summary: "lists containers started by swiftlet with the given root",
        argsUsage: "\n\n" + """
            Where the given root is specified via the global option "--root"
            (default: "\(GlobalTable.systemRoot)").

            EXAMPLE 1:
            To list containers created via the default "--root":
                   # swiftlet list

            EXAMPLE 2:
            To list containers created using a non-default value for "--root":
                   # swiftlet --root value list
            """,
        flags: [formatFlag, .bool("quiet", "q", usage: "display only container IDs")],
        arguments: .exactly(0), synopsis: ["[option ...]"], positional: .none)

    public static let ps = CommandSpec(
        name: "ps", summary: "ps displays the processes running inside a container",
        argsUsage: "<container-id> [ps options]",
        flags: [formatFlag],
        arguments: .atLeast(1), reordersFlags: false,
        synopsis: ["[option ...] container-id [ps-option ...]"], seeAlso: ["list"])

    public static let spec = CommandSpec(
        name: "spec", summary: "create a new specification file",
        description: specDescription,
        flags: [
            .string("bundle", "b", placeholder: "path", hint: .directory,
                    usage: "path to the root of the bundle directory"),
            .bool("rootless", usage: "generate a configuration for a rootless container"),
        ],
        arguments: .exactly(0), synopsis: ["[option ...]"], positional: .none, seeAlso: ["run"])

    static let specDescription = """
        The spec command creates the new specification file named "config.json" for
        the bundle.

        The spec generated is just a starter file. Editing of the spec is required to
        achieve desired results. For example, the newly generated spec includes an args
        parameter that is initially set to call the "sh" command when the container is
        started. Calling "sh" may work for an ubuntu container or busybox, but will not
        work for containers that do not include the "sh" program.

        EXAMPLE:
          To run docker's hello-world container one needs to set the args parameter
        in the spec to call hello. This can be done using the sed command or a text
        editor. The following commands create a bundle for hello-world, change the
        default args parameter in the spec from "sh" to "/hello", then run the hello
        command in a new hello-world container named container1:

            mkdir hello
            cd hello
            docker pull hello-world
            docker export $(docker create hello-world) > hello-world.tar
            mkdir rootfs
            tar -C rootfs -xf hello-world.tar
            swiftlet spec
            sed -i 's;"sh";"/hello";' config.json
            swiftlet run container1

        In the run command above, "container1" is the name for the instance of the
        container that you are starting. The name you provide for the container instance
        must be unique on your host.

        An alternative for generating a customized spec config is to use "oci-runtime-tool", the
        sub-command "oci-runtime-tool generate" has lots of options that can be used to do any
        customizations as you want, see runtime-tools (https://github.com/opencontainers/runtime-tools)
        to get more information.

        When starting a container through swiftlet, swiftlet needs root privilege. If not
        already running as root, you can use sudo to give swiftlet root privilege. For
        example: "sudo swiftlet start container1" will give swiftlet root privilege to start the
        container on your host.

        Alternatively, you can start a rootless container, which has the ability to run
        without root privileges. For this to work, the specification file needs to be
        adjusted accordingly. You can pass the parameter --rootless to this command to
        generate a proper rootless spec file.

        Note that --rootless is not needed when you execute swiftlet as the root in a user namespace
        created by an unprivileged user.

        """

    static let resourcesUsage = """
        path to the file containing the resources to update or '-' to read from the standard input

        The accepted format is as follow (unchanged values can be omitted):

        {
          "memory": {
            "limit": 0,
            "reservation": 0,
            "swap": 0
          },
          "cpu": {
            "shares": 0,
            "quota": 0,
            "period": 0,
            "realtimeRuntime": 0,
            "realtimePeriod": 0,
            "cpus": "",
            "mems": ""
          },
          "blockIO": {
            "weight": 0
          }
        }

        Note: if data is to be read from a file or the standard input, all
        other options are ignored.

        """

    public static let update = CommandSpec(
        name: "update", summary: "update container resource constraints", argsUsage: "<container-id>",
        flags: [
            .string("resources", "r", placeholder: "resources.json", hint: .file, usage: resourcesUsage),
            .int("blkio-weight", placeholder: "weight", usage: "Specifies per cgroup weight, range is from 10 to 1000"),
            .string("cpu-period", placeholder: "num",
                    usage: "CPU CFS period to be used for hardcapping (in usecs). 0 to use system default"),
            .string("cpu-quota", placeholder: "num",
                    usage: "CPU CFS hardcap limit (in usecs). Allowed cpu time in a given period"),
            .string("cpu-burst", placeholder: "num",
                    usage: "CPU CFS hardcap burst limit (in usecs). Allowed accumulated cpu time additionally for burst a given period"),
            .string("cpu-share", placeholder: "num", usage: "CPU shares (relative weight vs. other containers)"),
            .string("cpu-rt-period", placeholder: "num",
                    usage: "CPU realtime period to be used for hardcapping (in usecs). 0 to use system default"),
            .string("cpu-rt-runtime", placeholder: "num",
                    usage: "CPU realtime hardcap limit (in usecs). Allowed cpu time in a given period"),
            .string("cpuset-cpus", placeholder: "list", usage: "CPU(s) to use"),
            .string("cpuset-mems", placeholder: "list", usage: "Memory node(s) to use"),
            .string("kernel-memory", hidden: true, usage: "(obsoleted; do not use)"),
            .string("kernel-memory-tcp", hidden: true, usage: "(obsoleted; do not use)"),
            .string("memory", placeholder: "num", usage: "Memory limit (in bytes)"),
            .string("memory-reservation", placeholder: "num", usage: "Memory reservation or soft_limit (in bytes)"),
            .string("memory-swap", placeholder: "num",
                    usage: "Total memory usage (memory + swap); set '-1' to enable unlimited swap"),
            .int("pids-limit", placeholder: "num", usage: "Maximum number of pids allowed in the container"),
            .string("l3-cache-schema", usage: "The string of Intel RDT/CAT L3 cache schema"),
            .string("mem-bw-schema", usage: "The string of Intel RDT/MBA memory bandwidth schema"),
        ],
        arguments: .exactly(1),
        synopsis: ["[option ...] container-id", "-r resources.json|- container-id"])

    public static let features = CommandSpec(
        name: "features", summary: "show the enabled features",
        description: """
            Show the enabled features.
               The result is parsable as a JSON.
               See https://github.com/opencontainers/runtime-spec/blob/main/features.md for the type definition.
               The types are experimental and subject to change.

            """,
        arguments: .exactly(0), synopsis: [""], positional: .none)

    public static let help = CommandSpec(
        name: "help", aliases: ["h"], summary: "Shows a list of commands or help for one command",
        argsUsage: "[command]", arguments: .any, synopsis: ["[command]"], positional: .commandName)
}
