// config.md: Mounts (order, destinations, sources, bind/rbind, fs data,
// idmapped mounts) and config-linux.md default filesystems.
import Foundation
import Glibc

enum MountTests {
    static func run(_ s: Suite) {
        let g = Group("Mounts", s)
        let srcDir = s.work + "/mount-src"
        try? FileManager.default.createDirectory(atPath: srcDir + "/sub", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: srcDir + "/file", contents: Data("bind-source\n".utf8))
        FileManager.default.createFile(atPath: srcDir + "/sub/under-submount", contents: Data("hidden\n".utf8))
        // A submount inside the source: only rbind carries it into the container.
        Spawn.sh("mount -t tmpfs -o size=64k conformance-sub \(srcDir)/sub && echo submount > \(srcDir)/sub/in-submount")
        defer { umount2(srcDir + "/sub", Int32(MNT_DETACH)) }

        let r = s.probe("mounts", ["mountinfo", "stat:/conformance/m1/sub", "read:/conformance/bind-rel/file", "read:/conformance/bind-abs/file",
                                   "read:/conformance/bind-file", "readdir:/conformance/rbind/sub", "readdir:/conformance/bind/sub",
                                   "stat:/conformance/tmpfs-data", "readdir:/conformance/relative"]) { b in
            try? FileManager.default.createDirectory(atPath: b.dir + "/bindsrc", withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: b.dir + "/bindsrc/file", contents: Data("relative-source\n".utf8))
            b.addMount("/conformance/m1", type: "tmpfs", source: "tmpfs", options: ["size=64k"])
            b.addMount("/conformance/m1/sub", type: "tmpfs", source: "tmpfs", options: ["size=32k"])
            b.addMount("conformance/relative", type: "tmpfs", source: "tmpfs", options: ["size=16k"])
            b.addMount("/conformance/bind-rel", type: "none", source: "bindsrc", options: ["bind"])
            b.addMount("/conformance/bind-abs", type: "none", source: srcDir, options: ["bind"])
            b.addMount("/conformance/bind-file", type: "none", source: srcDir + "/file", options: ["bind"])
            b.addMount("/conformance/rbind", type: "none", source: srcDir, options: ["rbind"])
            b.addMount("/conformance/bind", type: "none", source: srcDir, options: ["bind"])
            b.addMount("/conformance/tmpfs-data", type: "tmpfs", source: "tmpfs", options: ["mode=0710", "size=96k", "nr_inodes=1000"])
        }
        let rep = r.report
        let m1 = rep.mount(at: "/conformance/m1"), sub = rep.mount(at: "/conformance/m1/sub")
        g.check("listed-order", "config.md mounts: \"The runtime MUST mount entries in the listed order\" (/conformance/m1/sub is mounted on top of /conformance/m1)",
                m1 != nil && sub != nil && sub?.parent == m1?.id, r.why)
        g.check("relative-destination", "config.md mounts: destination \"MAY be a relative path, in which case it MUST be interpreted as relative to /\"",
                rep.mount(at: "/conformance/relative")?.fstype == "tmpfs", r.why)
        g.check("bind-source-relative", "config.md mounts: \"Path values for bind mounts are either absolute or relative to the bundle\" (relative)",
                (rep["read./conformance/bind-rel/file"] ?? "").contains("relative-source"), r.why)
        g.check("bind-source-absolute", "config.md mounts: \"Path values for bind mounts are either absolute or relative to the bundle\" (absolute)",
                (rep["read./conformance/bind-abs/file"] ?? "").contains("bind-source"), r.why)
        g.check("bind-file", "config.md mounts: source \"can also be a file or directory name for bind mounts\" (a file)",
                (rep["read./conformance/bind-file"] ?? "").contains("bind-source"), r.why)
        g.check("option-rbind", "config.md linux mount options: `rbind` MUST be implemented: \"Recursive bind mount\" (submounts are visible)",
                (rep["readdir./conformance/rbind/sub"] ?? "").contains("in-submount"), "rbind sub: \(rep["readdir./conformance/rbind/sub"] ?? "?"); \(r.why)")
        g.check("option-bind", "config.md linux mount options: `bind` MUST be implemented: \"Bind mount\" (not recursive: submounts are not carried)",
                (rep["readdir./conformance/bind/sub"] ?? "") == "under-submount", "bind sub: \(rep["readdir./conformance/bind/sub"] ?? "?"); \(r.why)")
        let td = rep.stat("/conformance/tmpfs-data"), tm = rep.mount(at: "/conformance/tmpfs-data")
        g.check("fs-specific-options", "config.md: \"Runtimes SHOULD treat unknown options as filesystem-specific ones and pass those as a comma-separated string to the fifth (data) argument of mount(2)\"",
                td?["mode"] == "710" && (tm?.superOptions.contains("size=96k") ?? false) && (tm?.superOptions.contains("nr_inodes=1000") ?? false),
                "stat \(td ?? [:]); super options \(tm?.superOptions.sorted() ?? [])")
        for (path, type) in [("/proc", "proc"), ("/sys", "sysfs"), ("/dev/pts", "devpts"), ("/dev/shm", "tmpfs")] {
            g.equal("default-fs-\(type == "tmpfs" ? "shm" : type)", "config-linux.md: \"The following filesystems SHOULD be made available in each container's filesystem\": \(path) (\(type))",
                    rep.mount(at: path)?.fstype, type, r.why)
        }
        g.check("mount-type", "config.md mounts: \"type (string, OPTIONAL) The type of the filesystem to be mounted\" (/dev/mqueue is mqueue)",
                rep.mount(at: "/dev/mqueue")?.fstype == "mqueue", r.why)
        idmapped(g, s)
    }

    static func idmapped(_ g: Group, _ s: Suite) {
        let src = s.work + "/idmap-src"
        try? FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: true)
        // On-disk ids are read through the mapping: containerID 0 -> hostID 1000.
        FileManager.default.createFile(atPath: src + "/owned-root", contents: Data("x".utf8))
        chown(src + "/owned-root", 0, 0)
        let mapping: [[String: Any]] = [["containerID": 0, "hostID": 1000, "size": 1]]
        let r = s.probe("idmap", ["stat:/conformance/idmapped/owned-root"]) { b in
            b.config.append(["destination": "/conformance/idmapped", "type": "none", "source": src,
                             "options": ["bind", "idmap"], "uidMappings": mapping, "gidMappings": mapping] as [String: Any], at: "mounts")
        }
        let st = r.report.stat("/conformance/idmapped/owned-root")
        g.check("idmap", "config.md mount option `idmap` (SHOULD): \"If uidMappings or gidMappings are specified for the mount, the runtime MUST use those values for the mount's mapping\" (a root-owned file shows as 1000)",
                r.ok && st?["uid"] == "1000" && st?["gid"] == "1000", "stat: \(st ?? [:]); \(r.why)")
        let noMap = s.bundle("idmap-nomap", s.checker("id"))
        noMap.addMount("/conformance/idmapped", type: "none", source: src, options: ["bind", "idmap"])
        let (nr, _) = s.tryCreate(noMap)
        g.check("idmap-without-mappings", "config.md mount option `idmap`: \"If there are no uidMappings and gidMappings specified and the container isn't using user namespaces, an error MUST be returned\"",
                nr.failed, nr.summary)
        let half = s.bundle("idmap-half", s.checker("id"))
        half.config.append(["destination": "/conformance/idmapped", "type": "none", "source": src,
                            "options": ["bind", "idmap"], "uidMappings": mapping] as [String: Any], at: "mounts")
        let (hr, _) = s.tryCreate(half)
        g.check("mount-uidmappings-alone", "config.md mounts: uidMappings \"If specified, it MUST be specified along with gidMappings\" (uidMappings alone is rejected)",
                hr.failed, hr.summary)
    }
}
