// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PlanKit",
    products: [
        .library(name: "PlanKit", targets: ["PlanKit"]),
        .library(name: "PlanKitCLI", targets: ["PlanKitCLI"]),
        .executable(name: "plankit", targets: ["plankit"]),
        .executable(name: "plankit-eval", targets: ["plankit-eval"]),
        .executable(name: "plankit-lexicon", targets: ["plankit-lexicon"]),
    ],
    targets: [
        .target(name: "PlanKit"),
        // The command-line tool's commands, apart from the library: `plankit` is a thin main.
        .target(name: "PlanKitCLI", dependencies: ["PlanKit"]),
        .executableTarget(name: "plankit", dependencies: ["PlanKitCLI"]),
        // Repair stage: leave-one-out evaluation and the generator of its shipped statistics.
        .executableTarget(name: "plankit-eval", dependencies: ["PlanKit"]),
        .executableTarget(name: "plankit-lexicon", dependencies: ["PlanKit"]),
        // Benchmarks: `swift run -c release plankit-bench` (figures in docs/archive.md).
        .executableTarget(name: "plankit-bench", dependencies: ["PlanKit"]),
        .testTarget(
            name: "PlanKitTests",
            dependencies: ["PlanKit", "PlanKitCLI"]
        ),
    ]
)
