extension Spec.Linux {
    func validate(spec: Spec) throws(SpecError) {
        try validateNamespaces()
        try validateUserMappings()
        try validateTimeOffsets()
        try validateSysctl()
        for (i, device) in (devices ?? []).enumerated() {
            try device.validate(path: "linux.devices[\(i)]")
        }
        try validateNetDevices()
        if let resources { try resources.validate() }
        if let seccomp { try seccomp.validate() }
        if let rootfsPropagation, !rootfsPropagation.isEmpty {
            try requireKnown(rootfsPropagation, in: LinuxNames.propagations.map(\.name),
                             path: "linux.rootfsPropagation", what: "propagation")
        }
        try validateMaskedAndReadonlyPaths()
        if let personality { try personality.validate() }
        if let memoryPolicy { try memoryPolicy.validate() }
        if let intelRdt { try intelRdt.validate() }
    }

    func validateNamespaces() throws(SpecError) {
        var seen: [String] = []
        for (i, ns) in (namespaces ?? []).enumerated() {
            let path = "linux.namespaces[\(i)]"
            try requireKnown(ns.type, in: LinuxNames.namespaces.map(\.type), path: "\(path).type", what: "namespace type")
            if seen.contains(ns.type) {
                throw SpecError("\(path).type", "duplicate namespace \(quoted(ns.type))")
            }
            seen.append(ns.type)
            if let nsPath = ns.path, !nsPath.isEmpty, !isAbsolutePath(nsPath) {
                throw SpecError("\(path).path", "must be an absolute path, got \(quoted(nsPath))")
            }
        }
    }

    /// Mappings only make sense with a user namespace; a new user namespace
    /// needs both (nothing maps otherwise), a joined one may omit them.
    func validateUserMappings() throws(SpecError) {
        let uids = uidMappings ?? []
        let gids = gidMappings ?? []
        guard let userns = namespace("user") else {
            if uidMappings != nil {
                throw SpecError("linux.uidMappings", "requires a user namespace (add {\"type\": \"user\"} to linux.namespaces)")
            }
            if gidMappings != nil {
                throw SpecError("linux.gidMappings", "requires a user namespace (add {\"type\": \"user\"} to linux.namespaces)")
            }
            return
        }
        if (userns.path ?? "").isEmpty {
            if uids.isEmpty {
                throw SpecError("linux.uidMappings", "is required when creating a new user namespace")
            }
            if gids.isEmpty {
                throw SpecError("linux.gidMappings", "is required when creating a new user namespace")
            }
        }
        try validateIDMappings(uids, path: "linux.uidMappings")
        try validateIDMappings(gids, path: "linux.gidMappings")
    }

    func validateTimeOffsets() throws(SpecError) {
        guard let timeOffsets else { return }
        guard let timens = namespace("time") else {
            throw SpecError("linux.timeOffsets", "requires a time namespace (add {\"type\": \"time\"} to linux.namespaces)")
        }
        // The kernel only accepts offsets before a time namespace has any process.
        if let p = timens.path, !p.isEmpty, !timeOffsets.isEmpty {
            throw SpecError("linux.timeOffsets", "cannot be applied to an existing time namespace (linux.namespaces time has a path)")
        }
        for key in timeOffsets.keys.sorted() {
            try requireKnown(key, in: LinuxNames.timeOffsetClocks.map(\.name),
                             path: "linux.timeOffsets[\(quoted(key))]", what: "clock")
            if let ns = timeOffsets[key]?.nanosecs, ns >= 1_000_000_000 {
                throw SpecError("linux.timeOffsets[\(quoted(key))].nanosecs", "must be less than 1000000000, got \(ns)")
            }
        }
    }

    /// /proc/sys is only partly namespaced: a sysctl is allowed only when the
    /// namespace that owns it is private to the container (runc's rules).
    func validateSysctl() throws(SpecError) {
        for key in (sysctl ?? [:]).keys.sorted() {
            let path = "linux.sysctl[\(quoted(key))]"
            let name = Self.dottedSysctlName(key)
            if name.hasPrefix("fs.mqueue.") || name.hasPrefix("kernel.shm") || name.hasPrefix("kernel.msg")
                || name.hasPrefix("kernel.sem")
            {
                if namespace("ipc") == nil {
                    throw SpecError(path, "requires an IPC namespace (it is not allowed in the host's IPC namespace)")
                }
                continue
            }
            if name.hasPrefix("net.") {
                if namespace("network") == nil {
                    throw SpecError(path, "requires a network namespace (it is not allowed in the host's network namespace)")
                }
                continue
            }
            if namespace("uts") != nil {
                if name == "kernel.domainname" { continue }
                if name == "kernel.hostname" {
                    throw SpecError(path, "is not allowed: it conflicts with the \"hostname\" field, set that instead")
                }
            }
            throw SpecError(path, "is not in a separate kernel namespace (only IPC, network and UTS sysctls are allowed)")
        }
    }

    /// sysctl(8) accepts `/` as separator, in which case `.` is part of a name
    /// (`net/ipv4/conf/eno2.100/rp_filter`); normalise to the dotted form.
    static func dottedSysctlName(_ key: String) -> String {
        guard let sep = key.firstIndex(where: { $0 == "." || $0 == "/" }), key[sep] == "/" else { return key }
        return String(key.map { $0 == "/" ? "." : $0 == "." ? "/" : $0 })
    }

    func validateNetDevices() throws(SpecError) {
        guard let netDevices, !netDevices.isEmpty else { return }
        guard namespace("network") != nil else {
            throw SpecError("linux.netDevices", "requires a network namespace (add {\"type\": \"network\"} to linux.namespaces)")
        }
        for key in netDevices.keys.sorted() {
            let path = "linux.netDevices[\(quoted(key))]"
            if !Self.isValidInterfaceName(key) {
                throw SpecError(path, "\(quoted(key)) is not a valid network interface name")
            }
            if let name = netDevices[key]?.name, !name.isEmpty, !Self.isValidInterfaceName(name) {
                throw SpecError("\(path).name", "\(quoted(name)) is not a valid network interface name")
            }
        }
    }

    /// The kernel's dev_valid_name(): 1–15 bytes, not "." or "..", no '/', ':' or whitespace.
    static func isValidInterfaceName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        if bytes.isEmpty || bytes.count > 15 || name == "." || name == ".." { return false }
        return !bytes.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ":") || $0 <= 0x20 || $0 == 0x7f }
    }

    func validateMaskedAndReadonlyPaths() throws(SpecError) {
        for (field, paths) in [("maskedPaths", maskedPaths ?? []), ("readonlyPaths", readonlyPaths ?? [])] {
            if !paths.isEmpty, namespace("mount") == nil {
                throw SpecError("linux.\(field)", "requires a mount namespace (add {\"type\": \"mount\"} to linux.namespaces)")
            }
            for (i, p) in paths.enumerated() where !isAbsolutePath(p) {
                throw SpecError("linux.\(field)[\(i)]", "must be an absolute path, got \(quoted(p))")
            }
        }
    }
}

extension Spec.Linux.Device {
    func validate(path: String) throws(SpecError) {
        try requireKnown(type, in: LinuxNames.deviceTypes, path: "\(path).type", what: "device type")
        guard isAbsolutePath(self.path) else {
            throw SpecError("\(path).path", "must be an absolute path, got \(quoted(self.path))")
        }
        if type != "p" {
            if major == nil { throw SpecError("\(path).major", "is required for device type \(quoted(type))") }
            if minor == nil { throw SpecError("\(path).minor", "is required for device type \(quoted(type))") }
        }
        if let major, major < 0 { throw SpecError("\(path).major", "must not be negative, got \(major)") }
        if let minor, minor < 0 { throw SpecError("\(path).minor", "must not be negative, got \(minor)") }
        if let mode = fileMode, mode > 0o7777 {
            throw SpecError("\(path).fileMode", "must be permission bits only (at most 07777 = 4095), got \(mode)")
        }
    }
}

extension Spec.Linux.Personality {
    func validate() throws(SpecError) {
        try requireKnown(domain, in: LinuxNames.personalityDomains.map(\.name),
                         path: "linux.personality.domain", what: "personality domain")
        if let flag = flags?.first {
            throw SpecError("linux.personality.flags[0]", "unknown personality flag \(quoted(flag)) (the spec defines none)")
        }
    }
}

extension Spec.Linux.MemoryPolicy {
    func validate() throws(SpecError) {
        try requireKnown(mode, in: LinuxNames.memoryPolicyModes.map(\.name),
                         path: "linux.memoryPolicy.mode", what: "memory policy mode")
        for (i, flag) in (flags ?? []).enumerated() {
            try requireKnown(flag, in: LinuxNames.memoryPolicyFlags.map(\.name),
                             path: "linux.memoryPolicy.flags[\(i)]", what: "memory policy flag")
        }
        let nodeList: [Int]
        if let nodes {
            guard let parsed = CPUList.parse(nodes) else {
                throw SpecError("linux.memoryPolicy.nodes", "\(quoted(nodes)) is not a node list like \"0-3,7\"")
            }
            nodeList = parsed
        } else {
            nodeList = []
        }
        // set_mempolicy(2): these modes take no nodemask; the others need one
        // (MPOL_PREFERRED with an empty mask means "local").
        switch mode {
        case "MPOL_DEFAULT", "MPOL_LOCAL":
            if !nodeList.isEmpty { throw SpecError("linux.memoryPolicy.nodes", "must be empty for \(mode)") }
        case "MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE", "MPOL_PREFERRED_MANY":
            if nodeList.isEmpty { throw SpecError("linux.memoryPolicy.nodes", "is required for \(mode)") }
        default:
            break
        }
    }
}

extension Spec.Linux.IntelRdt {
    func validate() throws(SpecError) {
        // closID names a resctrl directory; "/" alone means the default CLOS.
        if let closID, closID != "/" {
            if closID == "." || closID == ".." || closID.contains("/") || closID.utf8.contains(0) {
                throw SpecError("linux.intelRdt.closID", "\(quoted(closID)) is not a valid resctrl group name")
            }
        }
        if let l3 = l3CacheSchema, l3.contains("\n") {
            throw SpecError("linux.intelRdt.l3CacheSchema", "must not contain newlines")
        }
        if let mb = memBwSchema {
            if !mb.hasPrefix("MB:") { throw SpecError("linux.intelRdt.memBwSchema", "must start with \"MB:\"") }
            if mb.contains("\n") { throw SpecError("linux.intelRdt.memBwSchema", "must not contain newlines") }
        }
        for (i, line) in (schemata ?? []).enumerated() where line.contains("\n") {
            throw SpecError("linux.intelRdt.schemata[\(i)]", "must not contain newlines")
        }
    }
}
