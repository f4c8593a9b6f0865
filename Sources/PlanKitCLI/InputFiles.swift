import PlanKit
import Foundation

/// How every command reads an input file: by content, through ``DocumentIntake`` (text, PDF,
/// images, Word), keeping the text extracted from other formats when `--keep-text DIR` asks.
struct InputFiles {
    /// `--keep-text DIR`: where extracted text goes, nil for nowhere.
    var keepText: String?
    var options = DocumentIntake.Options()

    /// The help lines every reading command shares.
    static let keepTextHelp = "  --keep-text DIR   Keep the text extracted from each PDF, image or Word file as DIR/<name>.txt\n" +
                              "                    (the lines the JSON's spans count); text inputs are not copied."

    init(values: [String: [String]], console: Console) {
        keepText = values["--keep-text"]?.last
        options.searchPath = console.toolSearchPath
    }

    /// The file's text; extracted text is kept under `name` (the file's name by default).
    func read(_ path: String, keptAs name: String? = nil) throws(SourceError) -> SourceText {
        let source = try DocumentIntake.read(path: path, options: options)
        if let keepText, source.origin != nil {
            let target = keepText + "/" + (name ?? (path as NSString).lastPathComponent) + ".txt"
            do {
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try AtomicFile.write(DocumentIntake.text(of: source), to: target)
            } catch let error as CommandLineError {
                throw SourceError(path: path, line: nil, reason: "its text could not be kept: \(error.message)")
            } catch {
                throw SourceError(path: path, line: nil, reason: "its text could not be kept in \(keepText): \(error.localizedDescription)")
            }
        }
        return source
    }
}
