import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Step 1 of prepare(): detach our mount tree's propagation from the host's
/// and turn the rootfs into a mount of its own (pivot_root needs one).
enum RootPreparation {
    /// Returns an OpenFlags.path fd on the rootfs bind mount and its canonical host path.
    static func run(sys: any MountSyscalls, rootfs: String, propagation: UInt) throws(MountError) -> (Int32, String) {
        // rslave by default: host mounts still show up, ours never go back.
        try attributing(RootfsPropagation.field) { () throws(SystemError) in
            try sys.mount(source: nil, target: "/", fstype: nil, flags: propagation, data: nil)
        }
        let dirFD = try attributing("root.path") { () throws(SystemError) -> Int32 in
            try sys.open(rootfs, flags: OpenFlags.path | O_DIRECTORY)
        }
        defer { sys.close(dirFD) }
        let canonical = try attributing("root.path") { () throws(SystemError) -> String in
            try sys.readlinkat(AT_FDCWD, sys.procPath(dirFD))
        }
        // A shared parent would propagate the rootfs bind (and everything
        // mounted below it) to its peers, possibly the host's; pivot_root also
        // refuses a shared parent. `slave` asks for the host's events to keep
        // arriving at the rootfs (config-linux.md): a slave parent still sends
        // nothing back and suits pivot_root, and the bind inherits its master.
        let mountinfo = try attributing("root.path") { () throws(SystemError) -> String in
            try sys.readFile("/proc/self/mountinfo")
        }
        if let parent = MountInfo.mount(containing: canonical, in: MountInfo.parse(mountinfo)), parent.isShared {
            let cut = propagation == MS.slave ? MS.slave : MS.private
            try attributing("root.path") { () throws(SystemError) in
                try sys.mount(source: nil, target: parent.mountPoint, fstype: nil, flags: cut, data: nil)
            }
        }
        try attributing("root.path") { () throws(SystemError) in
            try sys.mount(source: sys.procPath(dirFD), target: sys.procPath(dirFD), fstype: "bind",
                          flags: MS.bind | MS.rec, data: nil)
        }
        // Looked up again: now the lookup crosses into the new bind mount.
        let rootFD = try attributing("root.path") { () throws(SystemError) -> Int32 in
            try sys.open(canonical, flags: OpenFlags.path | O_DIRECTORY)
        }
        return (rootFD, canonical)
    }
}
