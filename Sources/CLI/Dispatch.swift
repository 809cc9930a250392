import OCISpec
import Runtime
import StateStore
#if canImport(Glibc)
import Glibc
#endif

/// Maps each parsed command onto the Runtime. Errors become one log line
/// and exit status 1, as runc does.
enum Dispatch {
    static func run(_ inv: Invocation, globals: GlobalOptions) -> Int32 {
        let logger = globals.logger
        Log.attach(fileFD: logger.fd) { level, message in
            switch level {
            case .debug: logger.debug(message)
            case .info: logger.info(message)
            case .warning: logger.warn(message)
            case .error: logger.error(message)
            }
        }
        do {
            return try execute(inv, globals: globals)
        } catch {
            logger.fatal("\(error)")
            return 1
        }
    }

    static func runtime(_ globals: GlobalOptions) throws -> Runtime {
        let root: String
        if globals.rootIsSet {
            root = try StateRoot.resolve(flag: globals.root)
        } else {
            let def = StateRoot.defaultRoot()
            try StateRoot.prepare(def)
            root = def.path
        }
        let rootless: Bool
        switch globals.rootlessSetting() {
        case .success(let forced): rootless = forced ?? (geteuid() != 0)
        case .failure(let e): throw RuntimeError(e.message)
        }
        return Runtime(options: RuntimeOptions(root: root, rootless: rootless, systemdCgroup: globals.systemdCgroup))
    }

    static func createOptions(_ inv: Invocation) -> CreateOptions {
        var o = CreateOptions(id: inv.containerID)
        o.bundle = inv.optionalString("bundle")
        o.pidFile = inv.optionalString("pid-file")
        o.consoleSocket = inv.optionalString("console-socket")
        o.pidfdSocket = inv.optionalString("pidfd-socket")
        o.noPivot = inv.bool("no-pivot")
        o.noNewKeyring = inv.bool("no-new-keyring")
        o.preserveFDs = Int32(clamping: inv.int("preserve-fds"))
        return o
    }

    static func execute(_ inv: Invocation, globals: GlobalOptions) throws -> Int32 {
        switch inv.name {
        case "create":
            try runtime(globals).create(createOptions(inv))
        case "run":
            var o = RunOptions(create: createOptions(inv))
            o.detach = inv.bool("detach")
            o.keep = inv.bool("keep")
            o.noSubreaper = inv.bool("no-subreaper")
            return try runtime(globals).run(o)
        case "start":
            try runtime(globals).start(id: inv.containerID)
        case "state":
            let state = try runtime(globals).state(id: inv.containerID)
            Output.write(1, JSON.encode(state, indent: "  ") + "\n")
        case "kill":
            let text = inv.args.count > 1 ? inv.args[1] : "SIGTERM"
            guard let signal = Signals.parse(text) else { throw RuntimeError("unknown signal \"\(text)\"") }
            try runtime(globals).kill(id: inv.containerID, signal: signal, all: inv.bool("all"))
        case "delete":
            try runtime(globals).delete(id: inv.containerID, force: inv.bool("force"))
        case "list":
            try ListOutput.print(try runtime(globals).list(), format: inv.string("format"), quiet: inv.bool("quiet"))
        case "spec":
            try Runtime.writeDefaultSpec(bundle: inv.optionalString("bundle"), rootless: inv.bool("rootless"))
        case "exec":
            var o = ExecOptions(id: inv.containerID)
            o.args = Array(inv.args.dropFirst())
            o.processFile = inv.optionalString("process")
            o.env = inv.strings("env")
            o.cwd = inv.optionalString("cwd")
            o.user = inv.optionalString("user")
            o.additionalGids = inv.int64s("additional-gids")
            o.capabilities = inv.strings("cap")
            o.tty = inv.bool("tty")
            o.detach = inv.bool("detach")
            o.pidFile = inv.optionalString("pid-file")
            o.consoleSocket = inv.optionalString("console-socket")
            o.pidfdSocket = inv.optionalString("pidfd-socket")
            o.noNewPrivileges = inv.bool("no-new-privs")
            o.apparmor = inv.optionalString("apparmor")
            o.processLabel = inv.optionalString("process-label")
            o.preserveFDs = Int32(clamping: inv.int("preserve-fds"))
            o.ignorePaused = inv.bool("ignore-paused")
            if !inv.strings("cgroup").isEmpty {
                throw RuntimeError("exec --cgroup: sub-cgroups are not supported by swiftlet yet")
            }
            return try runtime(globals).exec(o)
        case "features":
            Output.write(1, JSON.encode(Runtime.features(), indent: "    ") + "\n")
        case "update":
            try runtime(globals).update(id: inv.containerID, UpdateFlags.request(inv))
        case "pause":
            try runtime(globals).pause(id: inv.containerID)
        case "resume":
            try runtime(globals).resume(id: inv.containerID)
        case "ps":
            let text = try runtime(globals).ps(id: inv.containerID, format: inv.string("format"),
                                               psArgs: Array(inv.args.dropFirst()))
            Output.write(1, text)
        case "events":
            try runtime(globals).events(id: inv.containerID, intervalNanoseconds: inv.durationNanoseconds("interval"),
                                        statsOnly: inv.bool("stats")) { Output.write(1, $0.line) }
        default:
            throw RuntimeError("\(inv.name) is not implemented yet")
        }
        return 0
    }
}
