// spec-conformance: checks a runc-compatible runtime against the OCI
// runtime-spec. Every MUST / MUST NOT / SHOULD statement observable from
// outside or inside a container is one TAP line named after the statement.
//
//   RUNTIME=/usr/sbin/runc spec-conformance            run the suite (TAP on stdout)
//   RUNTIME_WRAPPER="script"                           prefix for every runtime command
//   CONFORMANCE_FILTER=Lifecycle,Hooks                 run only these groups
//   spec-conformance --render-docs NAME=FILE.tap ...   write docs/conformance.md to stdout
import Foundation
import Glibc

let env = ProcessInfo.processInfo.environment
let arguments = CommandLine.arguments

if arguments.count > 1 && arguments[1] == "--render-docs" {
    let notes = env["CONFORMANCE_NOTES"] ?? "spec-conformance/notes.md"
    print(Docs.render(results: Array(arguments.dropFirst(2)), notesPath: notes), terminator: "")
    exit(0)
}

func fatal(_ msg: String) -> Never {
    FileHandle.standardError.write(Data("spec-conformance: \(msg)\n".utf8))
    print("Bail out! \(msg)")
    print("0 passed, 1 failed, 0 skipped")
    exit(2)
}

let runtimePath = env["RUNTIME"] ?? (arguments.count > 1 ? arguments[1] : "/usr/sbin/runc")
let wrapper = (env["RUNTIME_WRAPPER"] ?? "").split(separator: " ").map(String.init)
let selfDir = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().path
let checkerPath = env["CONFORMANCE_CHECKER"] ?? selfDir + "/conformance-checker"
let busybox = env["BUSYBOX"] ?? "/bin/busybox"
guard FileManager.default.isExecutableFile(atPath: checkerPath) else { fatal("checker not found at \(checkerPath)") }
guard FileManager.default.isExecutableFile(atPath: busybox) else { fatal("busybox not found at \(busybox)") }
guard FileManager.default.isExecutableFile(atPath: runtimePath) else { fatal("runtime not found at \(runtimePath)") }
guard getuid() == 0 else { fatal("must run as root") }

var template = Array("/tmp/swiftlet-conformance.XXXXXX".utf8CString)
guard let made = mkdtemp(&template) else { fatal("mkdtemp failed") }
let work = String(cString: made)
chmod(work, 0o755)
Spawn.scratch = work
let base = work + "/rootfs-base"
do {
    try Rootfs.build(at: base, busybox: busybox, checker: checkerPath)
    try FileManager.default.createDirectory(atPath: work + "/hostbin", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: busybox, toPath: work + "/hostbin/busybox")
    try FileManager.default.createDirectory(atPath: work + "/state", withIntermediateDirectories: true)
} catch { fatal("cannot build rootfs: \(error)") }

let suite = Suite(runtime: RuntimeCLI(binary: runtimePath, wrapper: wrapper, root: work + "/state"),
                  work: work, baseRootfs: base, hostBusybox: busybox, hostOnlyBusybox: work + "/hostbin/busybox")
// A known oom_score_adj for the runtime process: "not set" must leave it unchanged.
try? "17".write(toFile: "/proc/self/oom_score_adj", atomically: false, encoding: .utf8)

if let path = env["CONFORMANCE_EXPECTED_FAILURES"], !path.isEmpty {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fatal("cannot read \(path)") }
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        let parts = line.split(separator: " ", maxSplits: 1)
        if let id = parts.first { suite.reporter.expectedFailures[String(id)] = parts.count > 1 ? String(parts[1]) : "listed" }
    }
}

print("TAP version 13")
print("# runtime: \(runtimePath)\(wrapper.isEmpty ? "" : " (wrapper: \(wrapper.joined(separator: " ")))")")
let version = suite.runtime.run(["--version"]).stdout.split(separator: "\n").first.map(String.init) ?? "?"
print("# version: \(version)")
let started = Date()
RuntimeCLI.deadline = started.addingTimeInterval(Double(env["CONFORMANCE_BUDGET"] ?? "") ?? 540)
let filter = (env["CONFORMANCE_FILTER"] ?? "").split(separator: ",").map(String.init)
for (name, body) in Groups.all where filter.isEmpty || filter.contains(where: { name.hasPrefix($0) }) {
    print("# \(name)")
    body(suite)
}
suite.sweep()
Cleanup.containerCgroups(suite.host, idPrefix: "cf\(getpid())-")
Cleanup.cgroupParents(suite.host, prefix: "swiftlet-conformance-\(getpid())")
Cleanup.removeWorkDir(work)
print("# elapsed: \(String(format: "%.1f", Date().timeIntervalSince(started)))s")
suite.reporter.finish()
exit(suite.reporter.failed == 0 ? 0 : 1)
