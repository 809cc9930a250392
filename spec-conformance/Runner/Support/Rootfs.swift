// The base rootfs: busybox (every applet as a symlink), the checker, and a
// few fixture files that tests refer to.
import Foundation
import Glibc

enum Rootfs {
    static func build(at dir: String, busybox: String, checker: String) throws {
        let fm = FileManager.default
        for d in ["bin", "sbin", "usr/bin", "usr/sbin", "etc", "proc", "sys", "dev", "tmp", "root", "home/user",
                  "conformance/bin", "conformance/ro-dir", "conformance/mask-dir", "conformance/rw-dir"] {
            try fm.createDirectory(atPath: "\(dir)/\(d)", withIntermediateDirectories: true)
        }
        try fm.copyItem(atPath: busybox, toPath: "\(dir)/bin/busybox")
        let list = Spawn.run([busybox, "--list"])
        for name in list.stdout.split(separator: "\n").map(String.init) where !name.isEmpty && name != "busybox" {
            try? fm.createSymbolicLink(atPath: "\(dir)/bin/\(name)", withDestinationPath: "busybox")
        }
        try fm.copyItem(atPath: checker, toPath: "\(dir)/conformance/checker")
        try fm.createSymbolicLink(atPath: "\(dir)/conformance/bin/conformance-checker", withDestinationPath: "../checker")
        // A busybox reachable only inside the container: startContainer hooks resolve paths there.
        try fm.linkItem(atPath: "\(dir)/bin/busybox", toPath: "\(dir)/conformance/hookbin")
        let files: [String: String] = [
            "etc/passwd": "root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home/user:/bin/sh\n",
            "etc/group": "root:x:0:\nuser:x:1000:\n",
            "etc/hostname": "rootfs\n",
            "conformance/ro-dir/file": "readonly\n",
            "conformance/rw-dir/file": "writable\n",
            "conformance/mask-dir/secret": "secret\n",
            "conformance/mask-file": "secret\n",
            "conformance/existing-file": "not a device\n",
            "conformance/rootfs-marker": "rootfs\n",
        ]
        for (p, content) in files { fm.createFile(atPath: "\(dir)/\(p)", contents: Data(content.utf8)) }
        chmod("\(dir)/tmp", 0o1777)
        _ = Spawn.run(["/bin/chmod", "-R", "go+rX", dir])
    }
}
