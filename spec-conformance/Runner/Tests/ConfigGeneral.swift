// config.md: Specification version, Root, Annotations, Extensibility, Valid values.
import Foundation

enum ConfigGeneralTests {
    static func run(_ s: Suite) {
        let g = Group("Config", s)
        root(g, s)
        extensibility(g, s)
        validValues(g, s)
    }

    static func root(_ g: Group, _ s: Suite) {
        let rel = s.probe("root-rel", ["read:/conformance/rootfs-marker"])
        g.check("root-path-relative", "config.md root: \"path ... is either an absolute path or a relative path to the bundle\" (relative `rootfs`)",
                rel.ok && (rel.report["read./conformance/rootfs-marker"] ?? "").contains("rootfs"), rel.why)
        let abs = s.probe("root-abs", ["read:/conformance/rootfs-marker"]) { b in b.config["root", "path"] = b.rootfs }
        g.check("root-path-absolute", "config.md root: \"path ... is either an absolute path or a relative path to the bundle\" (absolute)",
                abs.ok && (abs.report["read./conformance/rootfs-marker"] ?? "").contains("rootfs"), abs.why)
        let missing = s.bundle("root-missing", s.checker("id"))
        missing.config["root", "path"] = "no-such-dir"
        let (mr, mexists) = s.tryCreate(missing)
        g.check("root-path-must-exist", "config.md root: \"A directory MUST exist at the path declared by the field\" (missing: create fails)",
                mr.failed && !mexists, mr.summary)
        let file = s.bundle("root-file", s.checker("id"))
        FileManager.default.createFile(atPath: file.dir + "/rootfile", contents: Data("x".utf8))
        file.config["root", "path"] = "rootfile"
        let (fr, fexists) = s.tryCreate(file)
        g.check("root-path-must-be-directory", "config.md root: \"A directory MUST exist at the path declared by the field\" (a regular file: create fails)",
                fr.failed && !fexists, fr.summary)
        let ro = s.probe("root-ro", ["create:/conformance/new-file", "mountinfo"]) { b in b.config["root", "readonly"] = true }
        g.check("root-readonly", "config.md root: \"readonly (bool, OPTIONAL) If true then the root filesystem MUST be read-only inside the container\"",
                ro.ok && (ro.report["create./conformance/new-file"] ?? "").contains("EROFS") && (ro.report.mount(at: "/")?.options.contains("ro") ?? false),
                "create: \(ro.report["create./conformance/new-file"] ?? "?"); \(ro.why)")
        let rw = s.probe("root-rw", ["create:/conformance/new-file"]) { b in b.config["root", "readonly"] = false }
        g.equal("root-readwrite", "config.md root: \"readonly ... defaults to false\" (false: writable)", rw.report["create./conformance/new-file"], "ok", rw.why)
        let def = s.probe("root-default", ["create:/conformance/new-file"]) { b in b.config["root", "readonly"] = nil }
        g.equal("root-readonly-default", "config.md root: \"readonly ... defaults to false\" (absent: writable)", def.report["create./conformance/new-file"], "ok", def.why)
    }

    static func extensibility(_ g: Group, _ s: Suite) {
        let top = s.probe("ext-top", ["id"]) { b in
            b.config["org.example.unknownTopLevel"] = ["nested": [1, 2, 3]]
            b.config["root", "org.example.unknown"] = true
            b.config["process", "org.example.unknown"] = "x"
            b.config["process", "user", "org.example.unknown"] = 1
        }
        g.check("unknown-properties", "config.md extensibility: \"Runtimes MAY log unknown properties but MUST otherwise ignore them. That includes not generating errors\" (top level, root, process, user)",
                top.ok && top.report["uid"] == "0", top.why)
        let linux = s.probe("ext-linux", ["id"]) { b in
            b.config["linux", "org.example.unknown"] = ["a": "b"]
            b.config["linux", "resources", "org.example.unknown"] = 5
            var mounts = b.config["mounts"] as? [[String: Any]] ?? []
            mounts[0]["org.example.unknown"] = "x"
            b.config["mounts"] = mounts
            b.config["linux", "namespaces"] = b.namespaces.map { var n = $0; n["org.example.unknown"] = 1; return n }
        }
        g.check("unknown-properties-linux", "config.md extensibility: \"Runtimes ... MUST otherwise ignore them\" (linux, linux.resources, mounts[], namespaces[])",
                linux.ok, linux.why)
        let hooks = s.probe("ext-hooks", ["id"]) { b in
            b.addHook("poststop", path: s.hostOnlyBusybox, args: ["sh", "-c", "cat >/dev/null"])
            b.config["hooks", "org.example.unknownHookKind"] = [["path": "/nonexistent"]]
        }
        g.check("unknown-properties-hooks", "config.md extensibility: \"Runtimes ... MUST otherwise ignore them\" (an unknown hook kind)", hooks.ok, hooks.why)
        let ann = s.probe("ext-annotations", ["id"]) { b in
            b.config["annotations"] = ["org.example.unknown-key": "v", "com.example.gpu-cores": "2", "org.opencontainers.image.os": "linux"]
        }
        g.check("unknown-annotations", "config.md annotations: \"Runtimes MUST handle unknown annotation keys like any other unknown property\" (no error)",
                ann.ok, ann.why)
        let empty = s.probe("ext-annotations-empty", ["id"]) { b in b.config["annotations"] = ["com.example.empty": ""] }
        g.check("annotation-empty-value", "config.md annotations: \"Values MAY be an empty string\" (accepted)", empty.ok, empty.why)
    }

    static func validValues(_ g: Group, _ s: Suite) {
        let cases: [(String, String, (Bundle) -> Void)] = [
            ("annotation-value-not-string", "config.md annotations: \"Values MUST be strings\" (a number is rejected)",
             { b in b.config["annotations"] = ["com.example.n": 3] }),
            ("ociversion-not-semver", "config.md: \"ociVersion (string, REQUIRED) MUST be in SemVer v2.0.0 format\" (\"not-a-version\" is rejected)",
             { b in b.config["ociVersion"] = "not-a-version" }),
            ("ociversion-unsupported-major", "config.md valid values: \"Runtimes MUST generate an error when invalid or unsupported values are encountered\" (ociVersion 99.0.0: incompatible major version)",
             { b in b.config["ociVersion"] = "99.0.0" }),
            ("cwd-relative", "config.md process: \"cwd (string, REQUIRED) ... This value MUST be an absolute path\" (relative cwd is rejected)",
             { b in b.config["process", "cwd"] = "conformance" }),
            ("args-empty", "config.md process: args \"at least one entry is REQUIRED\" (empty args are rejected)",
             { b in b.config["process", "args"] = [String]() }),
            ("hook-path-relative", "config.md hooks: \"path ... This specification extends the IEEE standard in that path MUST be absolute\" (relative path is rejected)",
             { b in b.addHook("createRuntime", path: "bin/busybox", args: ["true"]) }),
        ]
        for (slug, statement, configure) in cases {
            let b = s.bundle(slug, s.checker("id"))
            configure(b)
            let c = s.container(b, "inv")
            let cr = c.create()
            let sr = cr.ok ? c.start() : nil
            c.destroy()
            g.check(slug, statement, cr.failed || (sr?.failed ?? false), "create: \(cr.summary); start: \(sr?.summary ?? "-")")
        }
    }
}
