// Shared state of one run: the runtime, the work directory, the base rootfs,
// the reporter, and helpers to make bundles and run containers.
import Foundation
import Glibc

final class Suite {
    let reporter = Reporter()
    let runtime: RuntimeCLI
    let work: String
    let baseRootfs: String
    let host = Host()
    let hostBusybox: String
    /// A busybox copy at a path that exists only on the host (not in any rootfs).
    let hostOnlyBusybox: String
    private var seq = 0
    private var tracked: [String] = []

    init(runtime: RuntimeCLI, work: String, baseRootfs: String, hostBusybox: String, hostOnlyBusybox: String) {
        self.runtime = runtime
        self.work = work
        self.baseRootfs = baseRootfs
        self.hostBusybox = hostBusybox
        self.hostOnlyBusybox = hostOnlyBusybox
    }

    func track(_ id: String) { tracked.append(id) }

    func uniqueID(_ tag: String) -> String {
        seq += 1
        return "cf\(getpid())-\(seq)-\(tag)"
    }

    /// A fresh bundle running `args` with the default config.
    func bundle(_ tag: String, _ args: [String]) -> Bundle {
        seq += 1
        let dir = "\(work)/b\(seq)-\(tag)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        chmod(dir, 0o755)
        let cp = Spawn.run(["/bin/cp", "-a", "--link", baseRootfs, dir + "/rootfs"])
        if !cp.ok { FileHandle.standardError.write(Data("rootfs copy failed: \(cp.summary)\n".utf8)) }
        return Bundle(dir: dir, config: DefaultConfig.make(args: args))
    }

    /// Checker invocation: the absolute path of the checker inside the rootfs plus probes.
    func checker(_ probes: String...) -> [String] { ["/conformance/checker"] + probes }
    func checker(_ probes: [String]) -> [String] { ["/conformance/checker"] + probes }

    func container(_ b: Bundle, _ tag: String = "c") -> Container {
        Container(suite: self, id: uniqueID(tag), bundle: b)
    }

    /// create + start + wait until stopped + delete; returns what the checker printed.
    /// `afterCreate` runs between create and start (host-side inspection).
    func run(_ b: Bundle, tag: String = "run", timeout: Double = 15,
             afterCreate: ((Container, ContainerState?) -> Void)? = nil,
             whileRunning: ((Container) -> Void)? = nil) -> Run {
        let c = container(b, tag)
        defer { c.destroy() }
        let cr = c.create()
        guard cr.ok else { return Run(create: cr, start: nil, report: c.report, createdState: nil, stopped: false) }
        let st = c.state()
        afterCreate?(c, st)
        let sr = c.start()
        guard sr.ok else { return Run(create: cr, start: sr, report: c.report, createdState: st, stopped: false) }
        whileRunning?(c)
        let stopped = c.wait(for: "stopped", timeout: timeout)
        let report = c.report
        let dr = stopped ? c.delete() : nil
        return Run(create: cr, start: sr, report: report, createdState: st, stopped: stopped, delete: dr)
    }

    /// Runs the checker with `probes` in a bundle customised by `configure`.
    func probe(_ tag: String, _ probes: [String], configure: (Bundle) -> Void = { _ in }) -> Run {
        let b = bundle(tag, checker(probes))
        configure(b)
        return run(b, tag: tag)
    }

    /// create only, then tear down: for configurations that must be rejected.
    func tryCreate(_ b: Bundle, tag: String = "neg") -> (CmdResult, Bool) {
        let (r, exists, _) = tryCreateTraced(b, tag: tag)
        return (r, exists)
    }

    /// Like `tryCreate`, also reporting cgroups named after the container left behind.
    func tryCreateTraced(_ b: Bundle, tag: String = "neg") -> (CmdResult, Bool, [String]) {
        let c = container(b, tag)
        defer { c.destroy() }
        let r = c.create()
        let exists = c.state() != nil
        let left = r.failed ? host.leftoverCgroups(c.id) : []
        return (r, exists, left)
    }

    /// Removes every container this run created that the runtime still knows.
    func sweep() {
        for id in tracked {
            let r = runtime.run(["state", id])
            if r.ok {
                _ = runtime.run(["kill", id, "KILL"])
                _ = runtime.run(["delete", "--force", id])
            }
        }
    }
}

extension Suite {
    /// create only; `body` inspects the created container from the host (cgroups,
    /// namespaces); then the container is removed. Returns the create result.
    @discardableResult
    func withCreated(_ b: Bundle, tag: String, _ body: (Container, Int) -> Void) -> CmdResult {
        let c = container(b, tag)
        defer { c.destroy() }
        let r = c.create()
        if r.ok, let pid = c.state()?.pid { body(c, pid) }
        return r
    }

    /// A per-run cgroup parent, so absolute cgroupsPath values never collide.
    var cgroupParent: String { "/swiftlet-conformance-\(getpid())" }
}
