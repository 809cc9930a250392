import CShims
import Cgroups
import OCISpec
import StateStore
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// One line of `events` output: runc's `types.Event` (`data` is left out of
/// oom events, as Go's omitempty does).
public struct ContainerEvent: Encodable {
    public var type: String
    public var id: String
    public var data: CgroupStats?

    public init(type: String, id: String, data: CgroupStats? = nil) {
        self.type = type
        self.id = id
        self.data = data
    }

    /// The JSON line runc's encoder prints, newline included.
    public var line: String { JSON.encode(self) + "\n" }
}

extension Runtime {
    /// `events [--stats] [--interval D] ID`. With `statsOnly`, emits one
    /// stats event. Otherwise emits stats every `intervalNanoseconds` (the
    /// first after one interval, like Go's time.Tick) and an oom event per
    /// OOM kill (`OOMEpisodes`), until the container's init exits or its
    /// cgroup is removed. Single-threaded: one poll over the OOM notifier and a
    /// pidfd of the init, with the time to the next tick as timeout.
    public func events(id: String, intervalNanoseconds: Int64, statsOnly: Bool,
                       emit: (ContainerEvent) -> Void) throws {
        let record = try store.load(id)
        guard intervalNanoseconds > 0 else { throw RuntimeError("duration interval must be greater than 0") }
        guard store.status(of: record) != .stopped else {
            throw RuntimeError("container with id \(id) is not running")
        }
        guard let cgroup = try CgroupSupport.reopen(record) else {
            throw RuntimeError("container \(id) has no cgroup: no events or statistics to show")
        }
        func stats() throws -> ContainerEvent {
            do {
                return ContainerEvent(type: "stats", id: id, data: try cgroup.stats())
            } catch {
                throw RuntimeError("stats of \(id): \(error)")
            }
        }
        if statsOnly {
            emit(try stats())
            return
        }

        let watcher: OOMWatcher
        do { watcher = try cgroup.oomWatcher() } catch { throw RuntimeError("\(error)") }
        let pidfd = try InitProcess.open(record)
        defer { close(pidfd) }

        var oom = OOMEpisodes(kills: (try? cgroup.oomKillCount()) ?? 0)
        var next = EventClock.adding(EventClock.now(), intervalNanoseconds)
        while true {
            let timeout = EventClock.pollTimeout(until: next)
            var fds = [pollfd(fd: watcher.fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 2, timeout) < 0 {
                if sw_errno() == EINTR { continue }
                throw RuntimeError(SystemError.last("poll", "OOM notifier of \(id)").description)
            }
            // The OOM notice first: an OOM that kills the init wakes both.
            if fds[0].revents != 0 {
                let notified = watcher.consume()
                // v1 also signals the eventfd when the cgroup is removed.
                guard cgroup.exists() else { return }
                if notified && oom.isNewEpisode(kills: try? cgroup.oomKillCount()) {
                    emit(ContainerEvent(type: "oom", id: id))
                }
            }
            if fds[1].revents != 0 { return }
            let now = EventClock.now()
            if now >= next {
                do { emit(try stats()) } catch { Log.error("\(error)") }
                oom.tick()
                next = EventClock.adding(next, intervalNanoseconds)
                if next <= now { next = EventClock.adding(now, intervalNanoseconds) }
            }
        }
    }
}

/// Coalesces OOM notifications into events. The kernel notifies on every
/// OOM invocation, and while a victim is dying the charging tasks retry
/// again and again: one kill can bring dozens of notifications. An event is
/// emitted when the cgroup's OOM-kill count grew, or, for OOMs that kill
/// nothing (disableOOMKiller), at most once per stats interval.
struct OOMEpisodes {
    /// OOM kills already covered by an emitted event.
    var reported: UInt64
    var reportedSinceTick = false

    init(kills: UInt64) { reported = kills }

    /// `kills`: the cgroup's OOM-kill count now (nil when unreadable).
    mutating func isNewEpisode(kills: UInt64?) -> Bool {
        guard let kills else { return true }
        if kills > reported {
            reported = kills
            reportedSinceTick = true
            return true
        }
        guard !reportedSinceTick else { return false }
        // Notified before the victim is counted: this event covers it.
        reported = kills + 1
        reportedSinceTick = true
        return true
    }

    mutating func tick() { reportedSinceTick = false }
}

enum EventClock {
    static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    /// Saturating: an interval of centuries must not wrap into the past.
    static func adding(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    /// Milliseconds until `deadline`, rounded up so that we never wake early.
    static func pollTimeout(until deadline: Int64) -> Int32 {
        let ns = max(0, deadline - now())
        return Int32(clamping: (ns + 999_999) / 1_000_000)
    }
}
