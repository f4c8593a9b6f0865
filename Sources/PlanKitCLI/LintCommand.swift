import PlanKit
import Foundation

/// `plankit lint FILE...`: checks plans the way a CI job checks code.
struct LintCommand: Subcommand {
    static let name = "lint"
    static let summary = "Check plans against the rules and the national strategy; exit 1 on errors."
    static let usage = """
    USAGE: plankit lint [options] FILE...

    Parses each plan, maps its indicators onto the National Strategy on Gender Equality 2021–2030
    and reports what is missing or wrong, with line and column. Findings are ordered by file (as
    given), line, column and rule.

    OPTIONS:
      --format FORMAT     text (default), json, sarif (SARIF 2.1.0), github (workflow annotations) or
                          gitlab (code quality report, the Code Climate subset GitLab reads).
      --strict            Warnings fail the run too.
      --exit-zero         Exit 0 whatever is found (report-only runs); unreadable files still exit 2.
      --config FILE       Use this configuration instead of the nearest .plankit.json above each plan.
      --no-config         Use no configuration file: every rule at its default severity.
      --baseline FILE     Report only findings not in FILE (default: .plankit-baseline.json, if present).
      --no-baseline       Ignore any baseline.
      --write-baseline    Record today's findings in the baseline file and exit 0.
      --output FILE       Write the report to FILE (atomically) instead of stdout.
      --ocr               The text files are OCR output: repair reads every line for OCR confusions.
      --keep-text DIR     Keep the text extracted from each PDF, image or Word file as DIR/<name>.txt
                          (findings' lines count its lines).
      --step-summary FILE Append a Markdown table of every finding to FILE (with --format github the
                          default is $GITHUB_STEP_SUMMARY, the job summary GitHub Actions shows).
      --list-rules        Print every rule with its id, default severity and summary.
      -h, --help          Show this help.

    CONFIGURATION (.plankit.json, found in the plan's folder or a folder above it):
      { "rules": { "PK101": "off", "weaker-than-national": "error" },
        "overrides": [ { "files": ["drafts/**"], "rules": { "missing-document-number": "off" } } ] }
      Settings: off, on, note, warning, error. Override patterns are relative to the file's folder.

    EXIT CODES: 0 no errors (no errors or warnings with --strict); 1 findings that fail the run;
    2 usage error, bad configuration or a file that could not be read (the others are still linted).

    """

    static func run(_ arguments: [String], console: Console) throws(CommandLineError) -> Int32 {
        var scanner = ArgumentScanner(arguments)
        let (flags, values) = try scanner.scan(
            flags: ["--strict", "--exit-zero", "--no-config", "--no-baseline", "--write-baseline", "--list-rules", "--ocr"],
            valued: ["--format", "--config", "--baseline", "--output", "--step-summary", "--keep-text"])
        let reader = InputFiles(values: values, flags: flags, console: console)
        if flags.contains("--list-rules") {
            console.out(listRules())
            return ExitCode.success
        }
        let files = scanner.positional
        guard !files.isEmpty else { throw CommandLineError("no input files", showUsage: true) }
        let formatName = values["--format"]?.last ?? "text"
        guard let format = LintFormat(rawValue: formatName) else {
            throw CommandLineError("unknown format '\(formatName)' (expected \(LintFormat.allCases.map(\.rawValue).joined(separator: ", ")))", showUsage: true)
        }
        if flags.contains("--no-config"), values["--config"] != nil {
            throw CommandLineError("--config and --no-config exclude each other", showUsage: true)
        }

        // Configuration: one explicit file, or the nearest one per plan (read once per file).
        var configurations: [String: LintConfiguration] = [:]
        func configuration(for path: String) throws(CommandLineError) -> LintConfiguration {
            if flags.contains("--no-config") { return LintConfiguration() }
            guard let file = values["--config"]?.last ?? LintConfiguration.find(forPlanAt: path) else {
                return LintConfiguration()
            }
            if let cached = configurations[file] { return cached }
            do {
                let loaded = try LintConfiguration.load(path: file)
                configurations[file] = loaded
                return loaded
            } catch {
                throw CommandLineError("configuration \(error)")
            }
        }

        var linted: [(path: String, lines: [String])] = []
        var findings: [LintFinding] = []
        var failures: [String] = []
        for path in files {
            let source: SourceText
            do {
                source = try reader.read(path)
            } catch {
                console.reportError("lint", "\(error)")
                failures.append(error.description)
                continue
            }
            let plan = PlanParser.parse(source, repair: false)
            findings += Linter.lint(source, plan: plan, path: path, configuration: try configuration(for: path))
            linted.append((path, source.lines))
        }

        let baselinePath = values["--baseline"]?.last ?? LintBaseline.defaultPath
        if flags.contains("--write-baseline") {
            try AtomicFile.write(LintBaseline(findings: findings, baselinePath: baselinePath).encoded(), to: baselinePath)
            console.err("plankit lint: recorded \(findings.count) finding\(findings.count == 1 ? "" : "s") in \(baselinePath)\n")
            return failures.isEmpty ? ExitCode.success : ExitCode.usage
        }
        var suppressed = 0
        let explicitBaseline = values["--baseline"] != nil
        if !flags.contains("--no-baseline"), explicitBaseline || FileManager.default.fileExists(atPath: baselinePath) {
            let baseline: LintBaseline
            do { baseline = try LintBaseline.load(path: baselinePath) } catch {
                throw CommandLineError("baseline \(error)")
            }
            (findings, suppressed) = baseline.filter(findings, baselinePath: baselinePath)
        }

        let report = LintReport(files: linted, findings: findings, suppressed: suppressed, failures: failures)
        let output = format.render(report)
        if let target = values["--output"]?.last {
            try AtomicFile.write(output, to: target)
        } else {
            console.out(output)
        }
        let summaryTarget = values["--step-summary"]?.last
            ?? (format == .github ? ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"] : nil)
        if let summaryTarget, !summaryTarget.isEmpty, !appendStepSummary(GitHubRenderer.stepSummary(report), to: summaryTarget) {
            // The log and the annotations carry the findings; a summary that cannot be written does not fail the run.
            console.err("plankit lint: warning: cannot append the step summary to \(summaryTarget)\n")
        }

        if !failures.isEmpty { return ExitCode.usage }
        if flags.contains("--exit-zero") { return ExitCode.success }
        let failing = report.count(.error) + (flags.contains("--strict") ? report.count(.warning) : 0)
        return failing > 0 ? ExitCode.failure : ExitCode.success
    }

    /// Appends to the step summary file (created when missing), as `>> "$GITHUB_STEP_SUMMARY"` does.
    static func appendStepSummary(_ text: String, to path: String) -> Bool {
        if !FileManager.default.fileExists(atPath: path) {
            return FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return false }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            return true
        } catch {
            return false
        }
    }

    static func listRules() -> String {
        LintRule.all.map { rule in
            rule.qualifiedName.padding(toLength: 36, withPad: " ", startingAt: 0)
                + rule.defaultSeverity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + rule.summary + "\n"
        }.joined()
    }
}
