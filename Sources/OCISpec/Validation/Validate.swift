extension Spec {
    /// Checks the MUST rules a runtime enforces before creating a container,
    /// mirroring what runc rejects (and what the kernel would reject later with a
    /// far less helpful message). Throws the first violation found, naming its path.
    ///
    /// Host-dependent checks (does the rootfs exist, is a namespace path of the
    /// right type, is cgroup v2 mounted) belong to the modules doing the work.
    public func validate() throws(SpecError) {
        try validateVersion()
        guard let root, !root.path.isEmpty else {
            throw SpecError(root == nil ? "root" : "root.path", "is required on Linux")
        }
        guard let process else {
            throw SpecError("process", "is required to create a container")
        }
        try process.validate()
        try validateUTS()
        for (i, mount) in (mounts ?? []).enumerated() {
            try mount.validate(path: "mounts[\(i)]")
        }
        try hooks?.validate()
        for key in (annotations ?? [:]).keys where key.isEmpty {
            throw SpecError("annotations", "keys must not be empty")
        }
        try (linux ?? Linux()).validate(spec: self)
    }

    func validateVersion() throws(SpecError) {
        guard let version = OCIVersion(ociVersion) else {
            throw SpecError("ociVersion", "\(quoted(ociVersion)) is not a SemVer 2.0.0 version")
        }
        guard version.isSupported else {
            throw SpecError(
                "ociVersion",
                "unsupported version \(ociVersion) (swiftlet supports 1.0.0 to 1.3.x)")
        }
    }

    func validateUTS() throws(SpecError) {
        let hasUTS = linux?.namespace("uts") != nil
        if let hostname, !hostname.isEmpty, !hasUTS {
            throw SpecError("hostname", "cannot be set without a UTS namespace (add {\"type\": \"uts\"} to linux.namespaces)")
        }
        if let domainname, !domainname.isEmpty, !hasUTS {
            throw SpecError("domainname", "cannot be set without a UTS namespace (add {\"type\": \"uts\"} to linux.namespaces)")
        }
    }
}

extension Spec.Hooks {
    func validate() throws(SpecError) {
        for (name, hooks) in all {
            for (i, hook) in hooks.enumerated() {
                let path = "hooks.\(name)[\(i)]"
                guard isAbsolutePath(hook.path) else {
                    throw SpecError("\(path).path", "must be an absolute path, got \(quoted(hook.path))")
                }
                if let timeout = hook.timeout, timeout <= 0 {
                    throw SpecError("\(path).timeout", "must be greater than zero, got \(timeout)")
                }
                try validateEnv(hook.env ?? [], path: "\(path).env")
            }
        }
    }
}

// MARK: - helpers shared by the validators

func quoted(_ s: String) -> String { "\"\(s)\"" }

func isAbsolutePath(_ p: String) -> Bool { p.hasPrefix("/") }

/// Environment entries must be `NAME=value` with a non-empty name and no NUL
/// (execve would truncate at the NUL), as runc enforces.
func validateEnv(_ env: [String], path: String) throws(SpecError) {
    for (i, entry) in env.enumerated() {
        guard let eq = entry.firstIndex(of: "=") else {
            throw SpecError("\(path)[\(i)]", "\(quoted(entry)) is not of the form NAME=value (missing \"=\")")
        }
        if eq == entry.startIndex {
            throw SpecError("\(path)[\(i)]", "\(quoted(entry)) has an empty variable name")
        }
        if entry.utf8.contains(0) {
            throw SpecError("\(path)[\(i)]", "must not contain a NUL byte")
        }
    }
}

/// One of `names` or a friendly error listing them.
func requireKnown(_ value: String, in names: [String], path: String, what: String) throws(SpecError) {
    guard names.contains(value) else {
        throw SpecError(path, "unknown \(what) \(quoted(value)) (expected one of \(names.joined(separator: ", ")))")
    }
}

func validateIDMappings(_ mappings: [Spec.Linux.IDMapping], path: String) throws(SpecError) {
    for (i, m) in mappings.enumerated() where m.size == 0 {
        throw SpecError("\(path)[\(i)].size", "must be greater than zero")
    }
}
