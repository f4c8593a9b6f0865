import Foundation
import Testing
@testable import PlanKit

/// Block strings are copied from the source lines when no markup was removed (a speed path);
/// they must equal the block's scalars encoded, for every block of every layout.
@Suite struct BlockStringTests {
    @Test func blockStringsMatchTheirScalars() throws {
        var texts = ArchiveFixtures.seeds.map { ArchiveFixtures.text($0.bytes) }
        texts.append("I. MỤC TIÊU\n  - Nội dung   \n**Đậm** và thường  \n1.2. Mục  \n## Tiêu đề\nSố: 71/KH | Bạc Liêu |\n\u{200B}x\u{200B}\n")
        var blocks = 0
        for text in texts {
            for decomposed in [false, true] {
                let source = SourceText(path: "b.txt", text: decomposed ? text.decomposedStringWithCanonicalMapping : text)
                for block in Lexer.lex(source) {
                    #expect(block.string == Scalars.string(block.text.scalars), "\(block.span)")
                    #expect(Array(block.string.utf8) == Array(Scalars.string(block.text.scalars).utf8))
                    blocks += 1
                }
            }
        }
        #expect(blocks > 500)
    }
}
