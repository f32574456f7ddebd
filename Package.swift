// swift-tools-version: 6.0
// Soko: a rules engine with a plain-text language for municipal education quality assessment.
import PackageDescription

let package = Package(
    name: "Soko",
    products: [
        .library(name: "Soko", targets: ["Soko"]),
        .executable(name: "soko", targets: ["soko"]),
    ],
    targets: [
        .target(name: "Soko"),
        .executableTarget(name: "soko", dependencies: ["Soko"]),
        .testTarget(name: "SokoTests", dependencies: ["Soko"]),
    ]
)
