// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ChatLedger",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chatledger", targets: ["chatledger"])
    ],
    targets: [
        .systemLibrary(
            name: "CLMDB", pkgConfig: "lmdb", providers: [.apt(["liblmdb-dev"])]),
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "CMicroHTTPD", pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(
            name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),

        .target(name: "EventStore", dependencies: ["CLMDB", "CSodium"]),
        .target(name: "Domain"),
        .target(name: "LogGenerator", dependencies: ["Domain"]),
        .target(name: "Projections", dependencies: ["EventStore", "Domain", "CLibPQ"]),
        .target(
            name: "API",
            dependencies: ["EventStore", "Domain", "Projections", "CMicroHTTPD", "CSodium"]),
        .executableTarget(name: "chatledger", dependencies: ["API"]),
        .executableTarget(
            name: "chatledger-bench",
            dependencies: ["API", "EventStore", "Domain", "Projections", "CLMDB"],
            path: "tools/benchmarks"),

        .executableTarget(
            name: "EventStoreCrashChild", dependencies: ["EventStore"], path: "Tests/EventStoreCrashChild"),
        .testTarget(name: "EventStoreTests", dependencies: ["EventStore", "EventStoreCrashChild"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "LogGenerator"]),
        .testTarget(name: "LogGeneratorTests", dependencies: ["LogGenerator", "Domain"]),
        .testTarget(name: "ProjectionsTests", dependencies: ["Projections", "EventStore", "Domain"]),
        .testTarget(
            name: "APITests", dependencies: ["API", "EventStore", "Domain", "Projections"]),
    ]
)
