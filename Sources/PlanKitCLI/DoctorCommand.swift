import PlanKit
import Foundation

/// `plankit doctor`: which formats this machine can read, with which tools, and what to install.
struct DoctorCommand: Subcommand {
    static let name = "doctor"
    static let summary = "List the file formats this machine can read, and what to install for the others."
    static let usage = """
    USAGE: plankit doctor

    Text plans are read with nothing installed. PDFs, page images and Word files are read by
    external tools found on the PATH; this lists each kind of file, the tools found for it with
    their versions, and for what cannot be read here the tool and the Debian package to install.

    EXIT CODES: 0 every format can be read; 1 some cannot (the list says why).

    """

    static func run(_ arguments: [String], console: Console) throws(CommandLineError) -> Int32 {
        guard arguments.isEmpty else { throw CommandLineError("doctor takes no arguments", showUsage: true) }
        let capabilities = DocumentIntake.capabilities(options: DocumentIntake.Options(searchPath: console.toolSearchPath))
        let width = capabilities.map(\.name.count).max() ?? 0
        var text = ""
        for capability in capabilities {
            let name = capability.name.padding(toLength: width, withPad: " ", startingAt: 0)
            if capability.isAvailable {
                text += "yes  \(name)  \(capability.tools.joined(separator: ", "))\n"
            } else {
                text += "no   \(name)  needs \(capability.missing.joined(separator: ", "))\n"
            }
        }
        let missing = capabilities.filter { !$0.isAvailable }
        if !missing.isEmpty {
            var packages: [String] = []
            for hint in missing.flatMap(\.missing) {
                // "tool (Debian package p)" → p; the first alternative of "a or b".
                if let range = hint.range(of: "(Debian package "), let end = hint[range.upperBound...].firstIndex(of: ")") {
                    let package = String(hint[range.upperBound..<end])
                    if !packages.contains(package) { packages.append(package) }
                }
            }
            text += "\nTo read them all on Debian or Ubuntu: apt-get install \(packages.joined(separator: " "))\n"
        }
        console.out(text)
        return missing.isEmpty ? ExitCode.success : ExitCode.failure
    }
}
