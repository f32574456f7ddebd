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
        .target(name: "Soko"),
        .executableTarget(name: "soko", dependencies: ["Soko"]),
        .executableTarget(name: "sokogen", dependencies: ["Soko"]),
        .testTarget(name: "SokoTests", dependencies: ["Soko"], exclude: ["Fixtures"]),
        // End-to-end runs of the built `soko` and `sokogen` binaries: dependencies, so that they are built first.
        .testTarget(name: "SokoCLITests", dependencies: ["soko", "sokogen"]),
    ]
)
