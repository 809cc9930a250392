/// runc's command set as data. The order of `all` is runc's `--help` order.
public enum CommandTable {
    public static var all: [CommandSpec] {
        [checkpoint, create, delete, events, exec, kill, list, pause, ps, restore, resume, run, spec, start,
         state, update, features, help]
    }

    /// Finds a command by name or alias, building only that command's table entry.
    public static func lookup<S: StringProtocol>(_ name: S) -> CommandSpec? {
        switch name {
        case "checkpoint": return checkpoint
        case "create": return create
        case "delete": return delete
        case "events": return events
        case "exec": return exec
        case "kill": return kill
        case "list": return list
        case "pause": return pause
        case "ps": return ps
        case "restore": return restore
        case "resume": return resume
        case "run": return run
        case "spec": return spec
        case "start": return start
        case "state": return state
        case "update": return update
        case "features": return features
        case "help", "h": return help
        default: return nil
        }
    }
}
