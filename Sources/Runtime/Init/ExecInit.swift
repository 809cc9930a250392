import CShims
import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// An `exec` process: it has already joined the container's namespaces
/// (through the intermediate process), so it only waits to be placed in the
/// container's cgroup, takes a terminal if asked, and finishes like the init.
enum ExecInit {
    static func setUp(_ c: InitConfig) throws -> Never {
        _ = sw_signal_default_all()
        _ = sw_sigset_unblock_all()
        guard let first = try c.channel.receive() else { _exit(1) }
        guard case .proceed = first else { throw ContainerInit.Failure("unexpected message from runtime") }
        _ = setsid()
        let process = c.spec.process!
        if process.terminal == true, let socket = c.consoleSocketFD {
            // setns(mnt) made the container's root our root: /dev/pts is the container's devpts.
            let pty = try Console.allocate(rootfs: "/", size: process.consoleSize, bindConsole: false)
            try Console.send(master: pty.master, over: socket)
            close(pty.master)
            close(socket)
            try Console.attach(slave: pty.slave)
            close(pty.slave)
        }
        let prepared = try ProcessFinalizer.prepare(c.spec)
        try ProcessFinalizer.apply(c, prepared, process: process)
    }
}
