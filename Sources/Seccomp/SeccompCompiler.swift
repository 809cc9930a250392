import CSeccomp
import CShims
import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

extension SeccompFilter {
    /// Rule sets above this size use libseccomp's binary-tree optimisation. runc's
    /// threshold: libseccomp <= 2.5.4 misbehaves with the tree and no rules.
    static let optimizeThreshold = 32

    /// Compiles `linux.seccomp` with libseccomp, exactly as runc does:
    /// - `SCMP_ACT_KILL` is KILL_THREAD; ERRNO and TRACE default to EPERM;
    /// - rules whose action equals the default action are redundant and skipped;
    /// - unknown syscall names are skipped, not fatal;
    /// - several conditions on the same argument index become one rule per
    ///   condition (OR), otherwise one rule with all conditions (AND);
    /// - `flags` absent means SPEC_ALLOW (runc's default); present (even empty)
    ///   means exactly those flags;
    /// - a deny-by-default profile gets the -ENOSYS stub for newer syscalls.
    /// libseccomp is told not to set no_new_privs itself; the runtime owns that.
    public static func compile(_ spec: Spec.Linux.Seccomp) throws(SeccompError) -> SeccompFilter {
        let base = "linux.seccomp"
        let rules = spec.syscalls ?? []
        if spec.defaultAction.isEmpty && rules.isEmpty {
            return SeccompFilter(instructions: [], flags: 0, usesNotify: false, skippedSyscalls: [], stubLength: 0)
        }
        guard let defaultAction = SeccompVocabulary.action(spec.defaultAction, errnoRet: spec.defaultErrnoRet) else {
            throw SeccompError(field: base + ".defaultAction", "unknown action \"\(spec.defaultAction)\"")
        }
        if spec.defaultAction == "SCMP_ACT_NOTIFY" {
            throw SeccompError(field: base + ".defaultAction", "SCMP_ACT_NOTIFY cannot be used as default action")
        }

        var flags: UInt32 = 0
        if let names = spec.flags {
            for (i, name) in names.enumerated() {
                guard let bit = SeccompVocabulary.flag(name) else {
                    throw SeccompError(field: base + ".flags[\(i)]", "seccomp flag \"\(name)\" is not known")
                }
                flags |= bit
            }
        } else {
            flags = SeccompVocabulary.flagSpecAllow
        }

        guard let ctx = seccomp_init(defaultAction) else {
            throw SeccompError(field: base + ".defaultAction", "libseccomp refused default action \(spec.defaultAction)")
        }
        defer { seccomp_release(ctx) }
        _ = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0)

        var archTokens: [(name: String, token: UInt32)] = []
        for (i, name) in (spec.architectures ?? []).enumerated() {
            guard let token = SeccompVocabulary.architectureToken(name) else {
                throw SeccompError(field: base + ".architectures[\(i)]",
                                   "architecture \"\(name)\" is not supported by libseccomp \(libraryVersion)")
            }
            let r = seccomp_arch_add(ctx, token)
            if r < 0 && r != -EEXIST {
                throw SeccompError(field: base + ".architectures[\(i)]", "adding architecture \(name)", errno: -r)
            }
            if !archTokens.contains(where: { $0.token == token }) { archTokens.append((name, token)) }
        }

        if rules.reduce(0, { $0 + $1.names.count }) > optimizeThreshold {
            // Not fatal: an older libseccomp just builds the linear filter.
            _ = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2)
        }

        var usesNotify = false
        var skipped: [String] = []
        for (i, rule) in rules.enumerated() {
            let field = base + ".syscalls[\(i)]"
            guard let action = SeccompVocabulary.action(rule.action, errnoRet: rule.errnoRet) else {
                throw SeccompError(field: field + ".action", "unknown action \"\(rule.action)\"")
            }
            if rule.action == "SCMP_ACT_NOTIFY" {
                usesNotify = true
                if let j = rule.names.firstIndex(of: "write") {
                    throw SeccompError(field: field + ".names[\(j)]", "SCMP_ACT_NOTIFY cannot be used for the write syscall")
                }
            }
            let conditions = try conditions(rule.args ?? [], field: field)
            if action == defaultAction { continue }
            for (j, name) in rule.names.enumerated() {
                if name.isEmpty { throw SeccompError(field: field + ".names[\(j)]", "empty string is not a valid syscall") }
                let nr = seccomp_syscall_resolve_name(name)
                if nr == -1 /* __NR_SCMP_ERROR */ {
                    skipped.append(name)
                    continue
                }
                try addRule(ctx, action: action, syscall: nr, conditions: conditions, field: field, name: name)
            }
        }

        guard let exported = BPFInstruction.decode(try export(ctx)) else {
            throw SeccompError(field: base, "libseccomp exported a malformed program")
        }

        var stub: [BPFInstruction] = []
        let defaultIsENOSYS = spec.defaultAction == "SCMP_ACT_ERRNO" && spec.defaultErrnoRet == UInt32(ENOSYS)
        if !SeccompVocabulary.isPermissive(spec.defaultAction) && !defaultIsENOSYS {
            stub = try ENOSYSStub.generate(stubSections(archTokens, rules: rules))
        }
        let program = stub + exported
        if program.count > maxInstructions {
            throw SeccompError(field: base + ".syscalls",
                               "the filter needs \(program.count) BPF instructions, the kernel allows \(maxInstructions)")
        }

        if usesNotify {
            flags |= SeccompVocabulary.flagNewListener
            // TSYNC and NEW_LISTENER are exclusive unless TSYNC failures report ESRCH.
            if flags & SeccompVocabulary.flagTSYNC != 0 { flags |= SeccompVocabulary.flagTSYNCESRCH }
        } else {
            // Meaningless without a listener (the kernel would reject it): drop it.
            flags &= ~SeccompVocabulary.flagWaitKillableRecv
        }
        return SeccompFilter(instructions: program, flags: flags, usesNotify: usesNotify,
                             skippedSyscalls: skipped, stubLength: stub.count)
    }

    public static var libraryVersion: String {
        guard let v = seccomp_version() else { return "" }
        return "\(v.pointee.major).\(v.pointee.minor).\(v.pointee.micro)"
    }

    static func conditions(_ args: [Spec.Linux.Seccomp.Arg], field: String) throws(SeccompError) -> [scmp_arg_cmp] {
        var out: [scmp_arg_cmp] = []
        for (k, arg) in args.enumerated() {
            guard arg.index < 6 else {
                throw SeccompError(field: field + ".args[\(k)].index", "must be between 0 and 5, got \(arg.index)")
            }
            guard let op = SeccompVocabulary.compare(arg.op) else {
                throw SeccompError(field: field + ".args[\(k)].op", "unknown operator \"\(arg.op)\"")
            }
            out.append(scmp_arg_cmp(arg: arg.index, op: scmp_compare(rawValue: op),
                                    datum_a: arg.value, datum_b: arg.valueTwo ?? 0))
        }
        return out
    }

    static func addRule(_ ctx: scmp_filter_ctx, action: UInt32, syscall: Int32, conditions: [scmp_arg_cmp],
                        field: String, name: String) throws(SeccompError) {
        var indices = Set<UInt32>()
        let repeated = conditions.contains { !indices.insert($0.arg).inserted }
        // Conditions on one argument cannot be ANDed by libseccomp; runc's fallback
        // is one rule per condition.
        let groups: [[scmp_arg_cmp]] = repeated ? conditions.map { [$0] } : [conditions]
        for group in groups {
            let r = group.withUnsafeBufferPointer {
                seccomp_rule_add_array(ctx, action, syscall, UInt32($0.count), $0.count == 0 ? nil : $0.baseAddress)
            }
            if r < 0 {
                throw SeccompError(field: field, "error adding seccomp rule for syscall \(name)", errno: -r)
            }
        }
    }

    /// seccomp_export_bpf writes to an fd; a memfd avoids pipe-capacity deadlocks.
    static func export(_ ctx: scmp_filter_ctx) throws(SeccompError) -> [UInt8] {
        let fd = sw_memfd_create("swiftlet-seccomp", 1 /* MFD_CLOEXEC */)
        if fd < 0 { throw SeccompError(field: "linux.seccomp", "memfd_create", errno: sw_errno()) }
        defer { close(fd) }
        let r = seccomp_export_bpf(ctx, fd)
        if r < 0 { throw SeccompError(field: "linux.seccomp", "exporting the filter", errno: -r) }
        if lseek(fd, 0, SEEK_SET) < 0 { throw SeccompError(field: "linux.seccomp", "lseek", errno: sw_errno()) }
        do throws(SystemError) { return try FileIO.readAll(fd: fd) } catch {
            throw SeccompError(field: "linux.seccomp", "reading the exported filter", errno: error.errno)
        }
    }

    /// Largest syscall number per configured architecture (runc looks only at
    /// `architectures`; the native arch alone gets no stub).
    static func stubSections(_ arches: [(name: String, token: UInt32)],
                             rules: [Spec.Linux.Seccomp.Syscall]) -> [ENOSYSStub.Section] {
        let x32Token = SeccompVocabulary.architectureToken("SCMP_ARCH_X32")
        var sections: [ENOSYSStub.Section] = []
        for (name, token) in arches {
            var largest: Int32 = 0
            for rule in rules {
                for syscall in rule.names {
                    let nr = seccomp_syscall_resolve_name_arch(token, syscall)
                    if nr > largest { largest = nr }
                }
            }
            // runc warns "could not find any syscalls for arch" and leaves it out.
            if largest <= 0 { continue }
            let mode: ENOSYSStub.Mode
            switch name {
            case "SCMP_ARCH_X86_64": mode = .amd64
            case "SCMP_ARCH_X32": mode = .x32
            case "SCMP_ARCH_S390", "SCMP_ARCH_S390X": mode = .s390
            default: mode = .plain
            }
            let audit = token == x32Token ? ENOSYSStub.auditArchX86_64 : token
            let entry = ENOSYSStub.Section.Entry(mode: mode, lastSyscall: UInt32(largest))
            if let i = sections.firstIndex(where: { $0.auditArch == audit }) {
                sections[i].entries.append(entry)
            } else {
                sections.append(ENOSYSStub.Section(auditArch: audit, entries: [entry]))
            }
        }
        return sections
    }
}
