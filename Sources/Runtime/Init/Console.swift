import CShims
import Syscalls
import OCISpec
#if canImport(Glibc)
import Glibc
#endif

/// The container's terminal (`process.terminal`): a pty allocated from the
/// container's own devpts, its slave bound at /dev/console and made the init's
/// controlling terminal, its master sent to the engine over --console-socket.
enum Console {
    static let TIOCSPTLCK: UInt = 0x4004_5431
    static let TIOCGPTPEER: UInt = 0x5441
    static let TIOCSCTTY: UInt = 0x540E
    static let TIOCSWINSZ: UInt = 0x5414
    static let RESOLVE_IN_ROOT: UInt64 = 0x10
    static let RESOLVE_NO_MAGICLINKS: UInt64 = 0x02

    struct Pty {
        let master: Int32
        let slave: Int32
    }

    /// Called after the rootfs mounts exist and before pivot_root.
    static func allocate(rootfs: String, size: Spec.Process.ConsoleSize?, bindConsole: Bool = true) throws -> Pty {
        let root = try sys("open", rootfs) { open(rootfs, LinuxAPI.O_PATH | O_DIRECTORY | O_CLOEXEC) }
        defer { close(root) }
        let master = try sys("open", "/dev/pts/ptmx in the container") {
            sw_openat2(root, "/dev/pts/ptmx", UInt64(O_RDWR | O_NOCTTY | O_CLOEXEC), 0, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)
        }
        do {
            var unlock: Int32 = 0
            try sys("unlockpt") { sw_ioctl_ptr(master, TIOCSPTLCK, &unlock) }
            // TIOCGPTPEER opens the slave through the master itself: no path lookup to race.
            let slave = try sys("open pty peer") { sw_ioctl_int(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC) }
            if let size {
                var ws = winsize(ws_row: UInt16(clamping: size.height), ws_col: UInt16(clamping: size.width), ws_xpixel: 0, ws_ypixel: 0)
                _ = sw_ioctl_ptr(master, TIOCSWINSZ, &ws)
            }
            if bindConsole { try self.bindConsole(root: root, slave: slave) }
            return Pty(master: master, slave: slave)
        } catch {
            close(master)
            throw error
        }
    }

    /// Bind the slave over /dev/console (created as an empty file if missing).
    /// CVE-2025-52565 class: the bind goes onto an fd of the console file
    /// itself, opened without following a final symlink (an image's
    /// /dev/console -> /etc/passwd would otherwise put the pty over that
    /// file) and without blocking on a FIFO planted there.
    static func bindConsole(root: Int32, slave: Int32) throws {
        let flags = O_CREAT | O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY
        let target = sw_openat2(root, "/dev/console", UInt64(flags), 0o666, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)
        if target < 0 {
            let e = SystemError.last("create", "/dev/console")
            if e.errno == ELOOP {
                throw ContainerInit.Failure("process.terminal: /dev/console in the rootfs is a symlink; refusing to bind the console over its target")
            }
            throw e
        }
        defer { close(target) }
        var st = stat()
        try sys("fstat", "/dev/console") { fstat(target, &st) }
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFCHR else {
            throw ContainerInit.Failure("process.terminal: /dev/console in the rootfs is neither a file nor a device")
        }
        try sys("mount", "/dev/console") {
            mount("/proc/self/fd/\(slave)", "/proc/self/fd/\(target)", nil, UInt(MS_BIND), nil)
        }
    }

    /// Hands the master to whoever listens on --console-socket, as runc does:
    /// the fd travels with SCM_RIGHTS, the payload is the pty's name.
    static func send(master: Int32, over socket: Int32) throws(SystemError) {
        let name = Array("/dev/ptmx".utf8)
        try sys("send console to --console-socket") { Int(sw_send_fd(socket, master, name, name.count)) }
    }

    /// Makes the slave the init's stdio and controlling terminal.
    static func attach(slave: Int32) throws(SystemError) {
        for fd: Int32 in 0...2 { try sys("dup2 console") { dup2(slave, fd) } }
        try sys("set controlling terminal") { sw_ioctl_int(0, TIOCSCTTY, 0) }
    }
}
