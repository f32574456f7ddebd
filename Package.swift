// swift-tools-version: 6.0
// Soko: a rules engine with a plain-text language for municipal education quality assessment.
import PackageDescription

let package = Package(
    name: "Soko",
    products: [
        .library(name: "Soko", targets: ["Soko"]),
        .executable(name: "soko", targets: ["soko"]),
        .executable(name: "sokogen", targets: ["sokogen"]),
    ],
    targets: [
        // The platform's zlib, for the DEFLATE streams of .xlsx workbooks (Debian: zlib1g-dev).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "Soko", dependencies: ["CZlib"]),
        .executableTarget(name: "soko", dependencies: ["Soko"]),
        .executableTarget(name: "sokogen", dependencies: ["Soko"]),
        .testTarget(name: "SokoTests", dependencies: ["Soko"], exclude: ["Fixtures"]),
        // End-to-end runs of the built `soko` and `sokogen` binaries: dependencies, so that they are built first.
        .testTarget(name: "SokoCLITests", dependencies: ["soko", "sokogen"]),
    ]
)
