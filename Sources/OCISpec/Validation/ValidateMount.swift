extension Spec.Mount {
    /// Whether the mount is a bind mount: `bind`/`rbind` in options, or the
    /// `bind` type crun and runc also honour.
    public var isBind: Bool {
        type == "bind" || (options ?? []).contains { $0 == "bind" || $0 == "rbind" }
    }

    /// `destination` as the runtime uses it: relative destinations are
    /// deprecated but, for compatibility, interpreted relative to "/" (config.md).
    public var absoluteDestination: String {
        isAbsolutePath(destination) ? destination : "/" + destination
    }

    func validate(path: String) throws(SpecError) {
        // Relative destinations are accepted like runc does (it only warns).
        if destination.isEmpty {
            throw SpecError("\(path).destination", "is required")
        }
        if destination.utf8.contains(0) {
            throw SpecError("\(path).destination", "must not contain a NUL byte")
        }
        if !isBind, (type ?? "").isEmpty {
            throw SpecError("\(path).type", "is required unless options contain \"bind\" or \"rbind\"")
        }
        for (i, option) in (options ?? []).enumerated() where option.isEmpty {
            throw SpecError("\(path).options[\(i)]", "must not be empty")
        }
        // Id-mapped mounts: the spec requires both maps together; runc (and the
        // mount_setattr(MOUNT_ATTR_IDMAP) route via open_tree) only supports binds.
        switch (uidMappings, gidMappings) {
        case (nil, nil):
            return
        case (nil, _?):
            throw SpecError("\(path).uidMappings", "must be specified along with gidMappings")
        case (_?, nil):
            throw SpecError("\(path).gidMappings", "must be specified along with uidMappings")
        case let (uids?, gids?):
            if uids.isEmpty { throw SpecError("\(path).uidMappings", "must not be empty when gidMappings is set") }
            if gids.isEmpty { throw SpecError("\(path).gidMappings", "must not be empty when uidMappings is set") }
            try validateIDMappings(uids, path: "\(path).uidMappings")
            try validateIDMappings(gids, path: "\(path).gidMappings")
            if !isBind {
                throw SpecError("\(path).uidMappings", "id-mapped mounts are only supported for bind mounts")
            }
            if !isAbsolutePath(source ?? "") {
                throw SpecError("\(path).source", "must be an absolute path for an id-mapped mount")
            }
        }
    }
}
