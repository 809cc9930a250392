// swift-tools-version:6.0
// swiftlet: an OCI runtime. Every lifecycle command is a fresh process, so the
// executable is fully static and imports no Foundation on its hot path.
import PackageDescription

let staticExecutable: [LinkerSetting] = [
    .unsafeFlags(["-static-executable"]),
    // Release binaries drop symbols and debug info: smaller file, fewer pages to map.
    .unsafeFlags(["-Xlinker", "-s"], .when(configuration: .release)),
]

let package = Package(
    name: "swiftlet",
    products: [
        .executable(name: "swiftlet", targets: ["swiftlet"]),
    ],
    targets: [
        // Native libraries (linked statically into the executable).
        .systemLibrary(name: "CYajl", path: "Sources/CYajl"),
        .systemLibrary(name: "CSeccomp", path: "Sources/CSeccomp"),
        .systemLibrary(name: "CCap", path: "Sources/CCap"),
        .target(name: "CShims", path: "Sources/CShims"),

        // Kernel seam: typed errors, fds, and the `Syscall` protocol.
        .target(name: "Syscalls", dependencies: ["CShims"]),
        // The runtime-spec model and its yajl-backed JSON codec.
        .target(name: "OCISpec", dependencies: ["CYajl"]),
        .target(name: "StateStore", dependencies: ["OCISpec", "Syscalls"]),
        .target(name: "Namespaces", dependencies: ["OCISpec", "Syscalls"]),
        .target(name: "Mounts", dependencies: ["OCISpec", "Syscalls"]),
        .target(name: "ProcessSetup", dependencies: ["OCISpec", "Syscalls", "CCap"]),
        .target(name: "Cgroups", dependencies: ["OCISpec", "Syscalls"]),
        .target(name: "Seccomp", dependencies: ["OCISpec", "Syscalls", "CSeccomp"]),
        .target(name: "Runtime", dependencies: [
            "OCISpec", "StateStore", "Namespaces", "Mounts", "ProcessSetup",
            "Cgroups", "Seccomp", "Syscalls",
        ]),
        // runc-compatible command line: a declarative command table.
        .target(name: "CLI", dependencies: ["Runtime", "OCISpec", "StateStore", "Syscalls"]),
        .executableTarget(name: "swiftlet", dependencies: ["CLI"], linkerSettings: staticExecutable),
        .executableTarget(name: "swiftlet-docgen", dependencies: ["CLI"], path: "Sources/swiftlet-docgen"),

        // spec-conformance: runs against any runc-compatible runtime.
        .executableTarget(name: "spec-conformance", path: "spec-conformance/Runner"),
        .executableTarget(name: "conformance-checker", path: "spec-conformance/Checker",
                          linkerSettings: staticExecutable),
        // Exercises the cgroup v2 driver inside the test VM (tests/cgroup-v2).
        .executableTarget(name: "cgroup-selftest", dependencies: ["Cgroups", "OCISpec"],
                          path: "tests/cgroup-v2/selftest", linkerSettings: staticExecutable),

        .testTarget(name: "OCISpecTests", dependencies: ["OCISpec"]),
        .testTarget(name: "StateStoreTests", dependencies: ["StateStore"]),
        .testTarget(name: "MountsTests", dependencies: ["Mounts"]),
        .testTarget(name: "NamespacesTests", dependencies: ["Namespaces"]),
        // Fork-a-child helpers for tests that drop privileges or load filters.
        .target(name: "KernelTestSupport", dependencies: ["CShims"], path: "Tests/KernelTestSupport"),
        .testTarget(name: "ProcessSetupTests", dependencies: ["ProcessSetup", "KernelTestSupport"]),
        .testTarget(name: "CgroupsTests", dependencies: ["Cgroups"]),
        .testTarget(name: "SeccompTests", dependencies: ["Seccomp", "KernelTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["CLI"]),
        .testTarget(name: "IntegrationTests", dependencies: [], exclude: ["Fixtures"]),
    ]
)
