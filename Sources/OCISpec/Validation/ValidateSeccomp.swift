extension Spec.Linux.Seccomp {
    func validate() throws(SpecError) {
        let base = "linux.seccomp"
        try requireKnown(defaultAction, in: SeccompNames.actions, path: "\(base).defaultAction", what: "seccomp action")
        // The init process must still write the notify fd to its parent after
        // loading the filter; a notifying write would deadlock (runc's rule).
        if defaultAction == "SCMP_ACT_NOTIFY" {
            throw SpecError("\(base).defaultAction", "SCMP_ACT_NOTIFY cannot be used as the default action")
        }
        if defaultErrnoRet != nil, !SeccompNames.actionsWithErrno.contains(defaultAction) {
            throw SpecError("\(base).defaultErrnoRet", "is only valid with SCMP_ACT_ERRNO or SCMP_ACT_TRACE, not \(defaultAction)")
        }
        for (i, arch) in (architectures ?? []).enumerated() {
            try requireKnown(arch, in: SeccompNames.architectures, path: "\(base).architectures[\(i)]", what: "seccomp architecture")
        }
        for (i, flag) in (flags ?? []).enumerated() {
            try requireKnown(flag, in: SeccompNames.flags, path: "\(base).flags[\(i)]", what: "seccomp flag")
        }
        if let metadata = listenerMetadata, !metadata.isEmpty, (listenerPath ?? "").isEmpty {
            throw SpecError("\(base).listenerMetadata", "must not be set without listenerPath")
        }
        var usesNotify = false
        for (i, rule) in (syscalls ?? []).enumerated() {
            let path = "\(base).syscalls[\(i)]"
            try rule.validate(path: path)
            usesNotify = usesNotify || rule.action == "SCMP_ACT_NOTIFY"
        }
        if usesNotify, (listenerPath ?? "").isEmpty {
            throw SpecError("\(base).listenerPath", "is required when a rule uses SCMP_ACT_NOTIFY")
        }
        if let listenerPath, !listenerPath.isEmpty, !isAbsolutePath(listenerPath) {
            throw SpecError("\(base).listenerPath", "must be an absolute path, got \(quoted(listenerPath))")
        }
    }
}

extension Spec.Linux.Seccomp.Syscall {
    func validate(path: String) throws(SpecError) {
        if names.isEmpty { throw SpecError("\(path).names", "must contain at least one syscall name") }
        for (j, name) in names.enumerated() where name.isEmpty {
            throw SpecError("\(path).names[\(j)]", "must not be empty")
        }
        try requireKnown(action, in: SeccompNames.actions, path: "\(path).action", what: "seccomp action")
        if errnoRet != nil, !SeccompNames.actionsWithErrno.contains(action) {
            throw SpecError("\(path).errnoRet", "is only valid with SCMP_ACT_ERRNO or SCMP_ACT_TRACE, not \(action)")
        }
        if action == "SCMP_ACT_NOTIFY", let j = names.firstIndex(of: "write") {
            throw SpecError("\(path).names[\(j)]", "SCMP_ACT_NOTIFY cannot be used for the write syscall")
        }
        for (k, arg) in (args ?? []).enumerated() {
            if arg.index >= SeccompNames.maxArguments {
                throw SpecError("\(path).args[\(k)].index", "must be between 0 and 5, got \(arg.index)")
            }
            try requireKnown(arg.op, in: SeccompNames.operators, path: "\(path).args[\(k)].op", what: "seccomp operator")
        }
    }
}
