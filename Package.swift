// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PlanKit",
    products: [
        .library(name: "PlanKit", targets: ["PlanKit"]),
        .executable(name: "plankit", targets: ["plankit"]),
    ],
    targets: [
        .target(name: "PlanKit"),
        .executableTarget(name: "plankit", dependencies: ["PlanKit"]),
        // Benchmarks: `swift run -c release plankit-bench` (figures in docs/archive.md).
        .executableTarget(name: "plankit-bench", dependencies: ["PlanKit"]),
        .testTarget(
            name: "PlanKitTests",
            dependencies: ["PlanKit"]
        ),
    ]
)
