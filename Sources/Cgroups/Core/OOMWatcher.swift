import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Notifies of OOM kills in a cgroup through a pollable fd, for the
/// runtime's single-threaded `events` loop: poll `fd` for POLLIN, then call
/// `consume()`.
///
/// v1 registers an eventfd on memory.oom_control via cgroup.event_control;
/// v2 watches memory.events with inotify and compares the `oom_kill` count.
public final class OOMWatcher {
    public let fd: Int32
    private var controlFD: Int32 = -1
    private var eventsPath: String?
    private var lastKills: UInt64 = 0

    private init(fd: Int32) { self.fd = fd }

    deinit {
        Glibc.close(fd)
        if controlFD >= 0 { Glibc.close(controlFD) }
    }

    /// Drains the notification; true when an OOM event happened since the last call.
    public func consume() -> Bool {
        var buf = [UInt8](repeating: 0, count: 4096)
        var got = false
        while buf.withUnsafeMutableBytes({ Glibc.read(fd, $0.baseAddress, $0.count) }) > 0 { got = true }
        guard let eventsPath else { return got }
        let kills = (try? FileIO.readString(eventsPath)).flatMap { StatParse.value($0, key: "oom_kill") } ?? lastKills
        defer { lastKills = kills }
        return kills > lastKills
    }

    static func v1(memoryDirectory dir: String) throws(CgroupError) -> OOMWatcher {
        let efd = try wrap("eventfd", dir) { sw_eventfd(0, O_CLOEXEC | O_NONBLOCK) }
        let watcher = OOMWatcher(fd: efd)
        let control = dir + "/memory.oom_control"
        watcher.controlFD = try wrap("open", control) { open(control, O_RDONLY | O_CLOEXEC) }
        do { try FileIO.write(dir + "/cgroup.event_control", "\(efd) \(watcher.controlFD)") } catch {
            throw .system(error, "registering for OOM notifications")
        }
        return watcher
    }

    static func v2(directory dir: String) throws(CgroupError) -> OOMWatcher {
        let ifd = try wrap("inotify_init1", dir) { inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK)) }
        let watcher = OOMWatcher(fd: ifd)
        let events = dir + "/memory.events"
        _ = try wrap("inotify_add_watch", events) { inotify_add_watch(ifd, events, UInt32(IN_MODIFY)) }
        watcher.eventsPath = events
        watcher.lastKills = (try? FileIO.readString(events)).flatMap { StatParse.value($0, key: "oom_kill") } ?? 0
        return watcher
    }

    private static func wrap(_ op: String, _ subject: String, _ body: () -> Int32) throws(CgroupError) -> Int32 {
        do { return try sys(op, subject, body) } catch {
            throw .system(error, "setting up OOM notifications")
        }
    }
}
