/// The small vocabulary of these plans' top-level headings, matched tolerantly: marks and case
/// ignored, spaces and punctuation ignored, a letter or two wrong or missing. It lets the
/// recognizer name a section whose marker OCR or lost glyphs damaged ("1V. TỔ CHỨC THỰC HIỆN",
/// "  . M C TIÊU"), and find a heading whose number is gone.
enum HeadingVocabulary {
    /// Folded phrases (lower case, no marks, letters only) and the kind each names, most specific first.
    static let phrases: [(skeleton: [Unicode.Scalar], kind: SectionKind)] = [
        ("chế độ thông tin báo cáo", SectionKind.reporting), ("chế độ báo cáo", .reporting),
        ("tổ chức thực hiện", .organization),
        ("nguồn kinh phí", .funding), ("kinh phí thực hiện", .funding), ("kinh phí", .funding),
        ("mục đích yêu cầu", .purpose), ("mục đích", .purpose),
        ("mục tiêu", .objectives), ("chỉ tiêu", .objectives),
        ("đối tượng phạm vi", .scope), ("phạm vi đối tượng", .scope), ("đối tượng", .scope), ("phạm vi", .scope),
        ("nhiệm vụ giải pháp", .tasks), ("nhiệm vụ và giải pháp", .tasks), ("giải pháp", .tasks), ("nhiệm vụ", .tasks),
        ("nội dung hoạt động", .activities), ("nội dung", .activities), ("các hoạt động", .activities),
    ].map { (skeleton(Scalars.array($0.0)[...]), $0.1) }

    /// The document types a header names, as they are written (alone on their line, in capitals).
    static let documentTypes = ["KẾ HOẠCH", "QUYẾT ĐỊNH", "CHƯƠNG TRÌNH", "KẾ HOẠCH HÀNH ĐỘNG", "CHƯƠNG TRÌNH HÀNH ĐỘNG"]
    static let documentTypeSkeletons = documentTypes.map { skeleton(Scalars.array($0)[...]) }

    /// The document type a damaged line names ("QUY T ĐỊNH" → "QUYẾT ĐỊNH"), the whole line
    /// within two letters of it; nil for anything else.
    static func documentType(_ line: ArraySlice<Unicode.Scalar>) -> String? {
        let letters = skeleton(line)
        guard letters.count >= 5 else { return nil }
        for (k, type) in documentTypeSkeletons.enumerated() where editDistance(type, letters[...]) <= 2 {
            return documentTypes[k]
        }
        return nil
    }

    /// Letters only, lower case, marks removed, đ → d.
    static func skeleton(_ text: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.count)
        for s in text where Scalars.isLetter(s) { out.append(VietnameseLetters.fold(s)) }
        return out
    }

    /// The kind whose phrase the heading begins with, allowing about one error in five letters
    /// (at most three), or nil. The heading may go on after the phrase ("… CHỦ YẾU").
    static func match(_ heading: ArraySlice<Unicode.Scalar>) -> SectionKind? {
        let letters = skeleton(heading)
        guard letters.count >= 4 else { return nil }
        for (phrase, kind) in phrases {
            let allowed = min(3, phrase.count / 5)
            guard letters.count >= phrase.count - allowed else { continue }
            // The heading's prefixes around the phrase's length, letters lost or added: the last row
            // of one distance table holds the distance to every prefix.
            let row = prefixDistances(phrase, letters[..<min(letters.count, phrase.count + allowed)])
            if row[max(1, phrase.count - allowed)...].contains(where: { $0 <= allowed }) { return kind }
        }
        return nil
    }

    /// The edit distance of `a` to every prefix of `b` (element j: to `b`'s first j letters).
    static func prefixDistances(_ a: [Unicode.Scalar], _ b: ArraySlice<Unicode.Scalar>) -> [Int] {
        let b = Array(b)
        var previous = Array(0...b.count)
        guard !a.isEmpty, !b.isEmpty else { return a.isEmpty ? previous : previous.map { _ in a.count } }
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous
    }

    /// Whether the whole heading is one of the phrases (within the same tolerance): a heading whose
    /// marker is gone without a trace must be nothing but the part's name ("MỤC TIÊU", not "MỤC
    /// TIÊU CỤ THỂ", an unnumbered subheading).
    static func matchesWhole(_ heading: ArraySlice<Unicode.Scalar>) -> Bool {
        let letters = skeleton(heading)
        return phrases.contains { phrase, _ in editDistance(phrase, letters[...]) <= min(3, phrase.count / 5) }
    }

    /// Levenshtein distance of two short scalar sequences.
    static func editDistance(_ a: [Unicode.Scalar], _ b: ArraySlice<Unicode.Scalar>) -> Int {
        prefixDistances(a, b).last!
    }

    /// Share of letters in upper case: damaged capitals headings keep most of theirs.
    static func capitalShare(_ text: ArraySlice<Unicode.Scalar>) -> Double {
        var letters = 0, upper = 0
        for s in text where Scalars.isLetter(s) {
            letters += 1
            if Scalars.isUpper(s) { upper += 1 }
        }
        return letters == 0 ? 0 : Double(upper) / Double(letters)
    }
}
