extension Spec.Process {
    /// Validates a process as `create` (config.json) or `exec --process` receives it;
    /// errors are reported under `process.`.
    public func validate() throws(SpecError) {
        guard !cwd.isEmpty else { throw SpecError("process.cwd", "is required") }
        guard isAbsolutePath(cwd) else {
            throw SpecError("process.cwd", "must be an absolute path, got \(quoted(cwd))")
        }
        guard let args, !args.isEmpty else {
            throw SpecError("process.args", "must contain at least one entry (the program to run)")
        }
        if args[0].isEmpty { throw SpecError("process.args[0]", "must not be empty") }
        try validateEnv(env ?? [], path: "process.env")
        try validateRlimits()
        // Capability names are not checked here: config.md says a runtime
        // SHOULD NOT fail on capabilities it cannot grant, and runc warns
        // about unknown names and skips them (ProcessSetup.CapabilitySets).
        if let umask = user.umask, umask > 0o777 {
            throw SpecError("process.user.umask", "must be at most 0777 (511), got \(umask)")
        }
        if let adj = oomScoreAdj, adj < -1000 || adj > 1000 {
            throw SpecError("process.oomScoreAdj", "must be between -1000 and 1000, got \(adj)")
        }
        try scheduler?.validate()
        if let io = ioPriority {
            try requireKnown(io.priorityClass, in: LinuxNames.ioPriorityClasses.map(\.name),
                             path: "process.ioPriority.class", what: "I/O priority class")
            if io.priority < 0 || io.priority > 7 {
                throw SpecError("process.ioPriority.priority", "must be between 0 and 7, got \(io.priority)")
            }
        }
        if let affinity = execCPUAffinity {
            if let initial = affinity.initial, CPUList.parse(initial) == nil {
                throw SpecError("process.execCPUAffinity.initial", "\(quoted(initial)) is not a CPU list like \"0-3,7\"")
            }
            if let final = affinity.final, CPUList.parse(final) == nil {
                throw SpecError("process.execCPUAffinity.final", "\(quoted(final)) is not a CPU list like \"0-3,7\"")
            }
        }
    }

    func validateRlimits() throws(SpecError) {
        var seen: [String] = []
        for (i, rlimit) in (rlimits ?? []).enumerated() {
            let path = "process.rlimits[\(i)]"
            try requireKnown(rlimit.type, in: LinuxNames.rlimits.map(\.name), path: "\(path).type", what: "rlimit")
            if seen.contains(rlimit.type) {
                throw SpecError("\(path).type", "duplicate rlimit \(rlimit.type)")
            }
            seen.append(rlimit.type)
            if rlimit.soft > rlimit.hard {
                throw SpecError("\(path).soft", "\(rlimit.soft) exceeds the hard limit \(rlimit.hard)")
            }
        }
    }

}

extension Spec.Process.Scheduler {
    /// The sched_setattr(2) constraints runc checks up front.
    func validate() throws(SpecError) {
        try requireKnown(policy, in: LinuxNames.schedulerPolicies.map(\.name),
                         path: "process.scheduler.policy", what: "scheduler policy")
        if let nice, nice < -20 || nice > 19 {
            throw SpecError("process.scheduler.nice", "must be between -20 and 19, got \(nice)")
        }
        if let priority, priority != 0, policy != "SCHED_FIFO" && policy != "SCHED_RR" {
            throw SpecError("process.scheduler.priority", "can only be set for SCHED_FIFO or SCHED_RR, not \(policy)")
        }
        if policy != "SCHED_DEADLINE" {
            for (name, value) in [("runtime", runtime), ("deadline", deadline), ("period", period)]
            where (value ?? 0) != 0 {
                throw SpecError("process.scheduler.\(name)", "can only be set for SCHED_DEADLINE, not \(policy)")
            }
        }
        for (i, flag) in (flags ?? []).enumerated() {
            try requireKnown(flag, in: LinuxNames.schedulerFlags.map(\.name),
                             path: "process.scheduler.flags[\(i)]", what: "scheduler flag")
        }
    }
}
